package org.hemowatch.api.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.hemowatch.auth.KeyPrincipal;
import org.hemowatch.auth.Principal;
import org.hemowatch.auth.Role;
import org.hemowatch.domain.Abo;
import org.hemowatch.domain.BloodGroup;
import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.ComponentClass;
import org.hemowatch.domain.Inventory;
import org.hemowatch.domain.RhD;
import org.hemowatch.domain.UnitKey;
import org.hemowatch.domain.UnitStatus;
import org.junit.jupiter.api.Test;

/**
 * FHIR search from the indexes against the search's filter applied to every unit (the walk it replaces):
 * the same page in the same order and the same total, for searches on every parameter, scoped and not,
 * with units at and past their expiry.
 */
class FhirCandidatesTest {

    private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
    private static final String[] SITES = {"north", "south"};
    private static final ComponentClass[] COMPONENTS = {ComponentClass.RED_CELLS, ComponentClass.PLATELETS, ComponentClass.PLASMA};
    private static final String[] PRODUCTS = {"E0398", "E7953", "E2555"};
    private static final UnitStatus[] STATUSES = {UnitStatus.AVAILABLE, UnitStatus.AVAILABLE, UnitStatus.QUARANTINED,
            UnitStatus.RECEIVED, UnitStatus.ISSUED, UnitStatus.TRANSFUSED};

    private final Random random = new Random(7);

    @Test
    void givesThePageAndTotalThatTheFilterGivesOverEveryUnit() {
        Inventory inventory = new Inventory(NOW);
        List<BloodUnit> all = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            int c = random.nextInt(COMPONENTS.length);
            Instant expires = random.nextInt(10) == 0 ? NOW : NOW.plus(Duration.ofMinutes(random.nextInt(20_000) - 2_000));
            BloodUnit u = new BloodUnit(new UnitKey(String.format("A99992600%04d", i / 2), PRODUCTS[c], String.format("%02d", i % 2)),
                    COMPONENTS[c], new BloodGroup(Abo.values()[random.nextInt(4)], RhD.values()[random.nextInt(2)]), expires,
                    SITES[random.nextInt(2)], "fridge-1", null, STATUSES[random.nextInt(STATUSES.length)], null, NOW, 2);
            inventory.load(u);
            all.add(u);
        }
        String din = all.get(17).key().din();
        List<Map<String, List<String>>> searches = List.of(
                Map.of(), Map.of("product-status", List.of("available")), Map.of("product-status", List.of("unavailable")),
                Map.of("product-status", List.of("available,unavailable")), Map.of("product-category", List.of("cells")),
                Map.of("product-category", List.of("fluid"), "product-status", List.of("available")),
                Map.of("product-category", List.of("cells", "fluid")), Map.of("code", List.of("E0398")),
                Map.of("code", List.of("E0398,E2555"), "product-status", List.of("available")),
                Map.of("biological-source-event", List.of(din)), Map.of("biological-source-event", List.of(din.toLowerCase())),
                Map.of("identifier", List.of(all.get(17).key().din() + "-" + all.get(17).key().productCode() + "-" + all.get(17).key().division())),
                Map.of("identifier", List.of("nonsense")), Map.of("biological-source-event", List.of(FhirCodes.DIN_SYSTEM + "|")),
                Map.of("product-status", List.of(FhirCodes.STATUS_SYSTEM + "|available")), Map.of("product-status", List.of("other|available")),
                Map.of("product-category", List.of(FhirCodes.CATEGORY_SYSTEM + "|")));
        List<Principal> callers = List.of(new KeyPrincipal("k1", "admin", Role.ADMIN, null, null),
                new KeyPrincipal("k2", "north", Role.HOSPITAL, "north", null));
        for (Map<String, List<String>> params : searches) {
            for (Principal p : callers) {
                for (int[] window : new int[][]{{0, 20}, {35, 10}, {0, 0}, {0, 1000}, {590, 50}}) {
                    Map<String, List<String>> q = new LinkedHashMap<>(params);
                    q.put("_offset", List.of(Integer.toString(window[0])));
                    q.put("_count", List.of(Integer.toString(window[1])));
                    FhirSearch search = FhirSearch.parse(q);
                    List<BloodUnit> expected = all.stream().filter(u -> p.mayAccessSite(u.site()) && search.filter().test(u, NOW))
                            .sorted(Comparator.comparing(BloodUnit::expires).thenComparing(u -> u.key().toString())).toList();
                    FhirCandidates.Page got = FhirCandidates.page(inventory, p, search, NOW);
                    String what = q + " as " + p.name();
                    assertThat(got.total()).as(what).isEqualTo(expected.size());
                    assertThat(got.units()).as(what).containsExactlyElementsOf(
                            expected.subList(Math.min(window[0], expected.size()), Math.min(expected.size(), window[0] + window[1])));
                }
            }
        }
    }
}
