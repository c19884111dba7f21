package org.hemowatch.api.fhir;

import org.hemowatch.domain.BloodUnit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.function.UnaryOperator;

/**
 * The search parameters of {@code GET BiologicallyDerivedProduct?...}, parsed into a filter.
 * Token parameters take {@code code}, {@code system|code} or {@code |code}; a comma separates
 * alternatives (OR), a repeated parameter must hold each time (AND). Unknown parameters are
 * ignored, as FHIR's default lenient handling says, and left out of the {@code self} link, as are
 * parameters without a value.
 * A bad value of a known parameter fails with a 400 {@link FhirIssue}.
 *
 * @param used   the parameters that were applied, for the bundle's links
 * @param count  page size ({@code _count}, 0 gives only the total)
 * @param offset first match to return ({@code _offset})
 */
public record FhirSearch(Map<String, List<String>> used, int count, int offset, BiPredicate<BloodUnit, Instant> filter) {

    public static final int DEFAULT_COUNT = 50;
    public static final int MAX_COUNT = 1000;

    /** Marks {@code system|} without a code: any code of that system. Compared by identity. */
    /** Any code of the system ({@code system|}); compared by identity. */
    static final String ANY = new String("|any");
    private static final Set<String> STATUSES = Set.of("available", "unavailable");
    private static final Set<String> CATEGORIES = Set.of("organ", "tissue", "fluid", "cells", "biologicalAgent");

    /** Parses the query parameters (name → values, in request order). */
    public static FhirSearch parse(Map<String, List<String>> params) {
        Map<String, List<String>> used = new LinkedHashMap<>();
        BiPredicate<BloodUnit, Instant> filter = (u, now) -> true;
        int count = DEFAULT_COUNT;
        int offset = 0;
        for (Map.Entry<String, List<String>> p : params.entrySet()) {
            String name = p.getKey();
            for (String value : p.getValue()) {
                if (value == null || value.isBlank()) {
                    continue; // FHIR: a parameter without a value is ignored
                }
                BiPredicate<BloodUnit, Instant> f = switch (name) {
                    case "biological-source-event" -> token(name, value, FhirCodes.DIN_SYSTEM, code -> code.toUpperCase(Locale.ROOT),
                            (u, code) -> u.key().din().equals(code));
                    case "code" -> token(name, value, FhirCodes.PRODUCT_CODE_SYSTEM, code -> code.toUpperCase(Locale.ROOT),
                            (u, code) -> u.key().productCode().equals(code));
                    case "identifier" -> token(name, value, FhirCodes.UNIT_ID_SYSTEM, code -> code,
                            (u, code) -> BiologicallyDerivedProducts.id(u.key()).equalsIgnoreCase(code));
                    case "product-category" -> token(name, value, FhirCodes.CATEGORY_SYSTEM, code -> known(name, code, CATEGORIES),
                            (u, code) -> FhirCodes.category(u.component()).equals(code));
                    case "product-status" -> statusToken(name, value);
                    default -> null;
                };
                if (name.equals("_count")) {
                    count = integer(name, value, MAX_COUNT);
                } else if (name.equals("_offset")) {
                    offset = integer(name, value, Integer.MAX_VALUE);
                } else if (f == null) {
                    continue;
                } else {
                    filter = filter.and(f);
                }
                used.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
            }
        }
        return new FhirSearch(used, count, offset, filter);
    }

    private static BiPredicate<BloodUnit, Instant> statusToken(String name, String value) {
        List<String> codes = alternatives(name, value, FhirCodes.STATUS_SYSTEM, code -> known(name, code, STATUSES));
        return (u, now) -> codes.contains(ANY) || codes.contains(BiologicallyDerivedProducts.status(u, now));
    }

    private static BiPredicate<BloodUnit, Instant> token(String name, String value, String system, UnaryOperator<String> normalise,
                                                         BiPredicate<BloodUnit, String> matches) {
        List<String> codes = alternatives(name, value, system, normalise);
        return (u, now) -> codes.stream().anyMatch(c -> c == ANY || c != null && matches.test(u, c));
    }

    /**
     * Splits {@code a,b,system|c} into normalised codes. {@code system|} alone means any code of
     * that system ({@link #ANY}); a code qualified with another system matches nothing (null).
     */
    static List<String> alternatives(String name, String value, String system, UnaryOperator<String> normalise) {
        List<String> codes = new ArrayList<>();
        for (String alt : value.split(",", -1)) {
            int bar = alt.indexOf('|');
            String sys = bar >= 0 ? alt.substring(0, bar).trim() : "";
            String code = (bar >= 0 ? alt.substring(bar + 1) : alt).trim();
            boolean ours = sys.isEmpty() || sys.equals(system);
            if (code.isEmpty() && sys.isEmpty()) {
                throw FhirIssue.invalid("search parameter '" + name + "' has an empty code in '" + value + "'");
            }
            codes.add(!ours ? null : code.isEmpty() ? ANY : normalise.apply(code));
        }
        return codes;
    }

    private static String known(String name, String code, Set<String> allowed) {
        if (!allowed.contains(code)) {
            throw FhirIssue.invalid("search parameter '" + name + "' must be one of " + allowed.stream().sorted().toList() + ", got '" + code + "'");
        }
        return code;
    }

    private static int integer(String name, String value, int max) {
        try {
            int i = Integer.parseInt(value.trim());
            if (i >= 0 && i <= max) {
                return i;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw FhirIssue.invalid("search parameter '" + name + "' must be a whole number from 0 to " + max + ", got '" + value + "'");
    }
}
