package org.hemowatch.api.fhir;

import org.hemowatch.auth.Principal;
import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.ComponentClass;
import org.hemowatch.domain.Inventory;
import org.hemowatch.domain.UnitStatus;
import org.hemowatch.domain.inventory.Bucket;
import org.hemowatch.domain.inventory.UnitIndex;
import org.hemowatch.domain.inventory.UnitOrder;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Where a FHIR search looks, from the inventory's indexes rather than a walk over every unit. The
 * search's filter stays the specification (every candidate is tested against it); this only
 * narrows what is tested:
 * <ul>
 *   <li>{@code biological-source-event} and {@code identifier} name donations: their products are a
 *       key range each, so the search costs the products of those donations;</li>
 *   <li>otherwise the buckets (site × component × group × status) that the caller's sites,
 *       {@code product-category} and {@code product-status=available} allow are merged in expiry
 *       order and read only up to the page: O(buckets · log n + (offset + count) · log buckets).</li>
 * </ul>
 * The total is exact. When the search has no filter beyond site, category and status, it is the
 * sum of the bucket sizes (less the available units already past their expiry, which the expiry
 * timer marks within a second); with {@code code} (a product code is not an index key) it counts
 * the candidates, which is O(units in the buckets).
 */
final class FhirCandidates {

    /** One page of matches and the total number of matches. */
    record Page(List<BloodUnit> units, long total) {
    }

    private FhirCandidates() {
    }

    static Page page(Inventory inventory, Principal p, FhirSearch search, Instant now) {
        Map<String, List<String>> used = search.used();
        Set<String> dins = dins(used);
        Set<ComponentClass> components = components(used);
        Set<String> statuses = statuses(used);
        boolean availableOnly = statuses.equals(Set.of("available"));
        Iterator<BloodUnit> candidates;
        List<Bucket> buckets = null;
        if (dins != null) {
            List<BloodUnit> units = new ArrayList<>();
            dins.forEach(din -> units.addAll(inventory.byDin(din)));
            units.sort(UnitOrder.FEFO);
            candidates = units.iterator();
        } else {
            buckets = inventory.index().select(k -> p.mayAccessSite(k.site()) && components.contains(k.component())
                    && (!availableOnly || k.status() == UnitStatus.AVAILABLE));
            candidates = UnitIndex.merged(buckets, availableOnly ? now.plusNanos(1) : null);
        }
        boolean bucketExact = dins == null && !used.containsKey("code") && (availableOnly || statuses.size() == 2);
        List<BloodUnit> page = new ArrayList<>(Math.min(search.count(), 1024));
        long total = 0;
        while (candidates.hasNext()) {
            BloodUnit u = candidates.next();
            if (!p.mayAccessSite(u.site()) || !search.filter().test(u, now)) {
                continue;
            }
            if (total >= search.offset() && page.size() < search.count()) {
                page.add(u);
            }
            total++;
            if (bucketExact && page.size() == search.count() && total > search.offset()) {
                return new Page(page, exactTotal(buckets, availableOnly, now));
            }
        }
        return new Page(page, total);
    }

    /** Units in the buckets, less the available ones at or past their expiry when only available ones count. */
    private static long exactTotal(List<Bucket> buckets, boolean availableOnly, Instant now) {
        long n = UnitIndex.count(buckets);
        if (availableOnly) {
            for (Bucket b : buckets) {
                n -= b.units().headSet(UnitOrder.before(now.plusNanos(1)), false).size();
            }
        }
        return n;
    }

    /** The DINs named by biological-source-event and identifier (each parameter narrows: AND), or null when none narrows. */
    private static Set<String> dins(Map<String, List<String>> used) {
        Set<String> out = null;
        for (String name : List.of("biological-source-event", "identifier")) {
            for (String value : used.getOrDefault(name, List.of())) {
                String system = name.equals("identifier") ? FhirCodes.UNIT_ID_SYSTEM : FhirCodes.DIN_SYSTEM;
                List<String> codes = FhirSearch.alternatives(name, value, system, c -> c);
                if (codes.stream().anyMatch(c -> c == FhirSearch.ANY)) {
                    continue;
                }
                Set<String> these = new HashSet<>();
                for (String c : codes) {
                    if (c != null) {
                        int dash = c.indexOf('-');
                        these.add((name.equals("identifier") && dash >= 0 ? c.substring(0, dash) : c).toUpperCase(Locale.ROOT));
                    }
                }
                if (out == null) {
                    out = these;
                } else {
                    out.retainAll(these);
                }
            }
        }
        return out;
    }

    private static Set<ComponentClass> components(Map<String, List<String>> used) {
        Set<ComponentClass> out = EnumSet.allOf(ComponentClass.class);
        for (String value : used.getOrDefault("product-category", List.of())) {
            List<String> codes = FhirSearch.alternatives("product-category", value, FhirCodes.CATEGORY_SYSTEM, c -> c);
            if (codes.stream().noneMatch(c -> c == FhirSearch.ANY)) {
                out.removeIf(c -> !codes.contains(FhirCodes.category(c)));
            }
        }
        return out;
    }

    private static Set<String> statuses(Map<String, List<String>> used) {
        Set<String> out = new HashSet<>(Set.of("available", "unavailable"));
        for (String value : used.getOrDefault("product-status", List.of())) {
            List<String> codes = FhirSearch.alternatives("product-status", value, FhirCodes.STATUS_SYSTEM, c -> c);
            if (codes.stream().noneMatch(c -> c == FhirSearch.ANY)) {
                out.retainAll(codes);
            }
        }
        return out;
    }
}
