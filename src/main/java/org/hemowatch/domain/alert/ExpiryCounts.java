package org.hemowatch.domain.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;

import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.ComponentClass;
import org.hemowatch.domain.supply.SupplyAssessor;

/**
 * What the expiry alert rules ({@link ExpiryRules}) look at: per site × component, the issuable units
 * within the component's near-expiry window (by group, and the first expiry); per site, the units
 * still held past their expiry (by component). The inventory keeps these figures up to date
 * ({@code StockView.expiryCounts}: counts maintained at commit and moved between expiry classes as
 * time passes, so an evaluation walks no units); {@link #scan} computes them from units, the
 * definition those counts are tested against.
 *
 * @param near    one entry per site × component with at least one unit near expiry, in site, component order
 * @param expired site → component code → units held past expiry (sites with none left out)
 */
public record ExpiryCounts(List<Near> near, Map<String, Map<String, Integer>> expired) {

    /** Nothing near or past expiry. */
    public static final ExpiryCounts NONE = new ExpiryCounts(List.of(), Map.of());

    /**
     * @param byGroup     group label → units near expiry (groups with none left out)
     * @param count       units near expiry at the site, of the component
     * @param firstExpiry the earliest expiry among them
     */
    public record Near(String site, ComponentClass component, Map<String, Integer> byGroup, int count, Instant firstExpiry) {
        public Near {
            Objects.requireNonNull(site, "site");
            Objects.requireNonNull(component, "component");
            Objects.requireNonNull(firstExpiry, "firstExpiry");
            byGroup = Collections.unmodifiableMap(new TreeMap<>(byGroup));
        }
    }

    public ExpiryCounts {
        near = List.copyOf(near);
        Map<String, Map<String, Integer>> copy = new TreeMap<>();
        expired.forEach((site, byComponent) -> copy.put(site, Collections.unmodifiableMap(new TreeMap<>(byComponent))));
        expired = Collections.unmodifiableMap(copy);
    }

    /** The figures of {@code units} at {@code now}, by walking them (the definition; O(units)). */
    public static ExpiryCounts scan(Collection<BloodUnit> units, Instant now, Function<ComponentClass, Duration> window) {
        Map<String, Map<ComponentClass, Map<String, Integer>>> byGroup = new TreeMap<>();
        Map<String, Map<ComponentClass, Instant>> first = new TreeMap<>();
        Map<String, Map<String, Integer>> expired = new TreeMap<>();
        for (BloodUnit u : units) {
            if (SupplyAssessor.issuable(u, now) && !u.expires().isAfter(now.plus(window.apply(u.component())))) {
                byGroup.computeIfAbsent(u.site(), s -> new TreeMap<>()).computeIfAbsent(u.component(), c -> new TreeMap<>())
                        .merge(u.group().label(), 1, Integer::sum);
                first.computeIfAbsent(u.site(), s -> new TreeMap<>()).merge(u.component(), u.expires(),
                        (a, b) -> a.isBefore(b) ? a : b);
            }
            if (ExpiryRules.expiredInStock(u, now)) {
                expired.computeIfAbsent(u.site(), s -> new TreeMap<>()).merge(u.component().code(), 1, Integer::sum);
            }
        }
        List<Near> near = new java.util.ArrayList<>();
        byGroup.forEach((site, components) -> components.forEach((c, groups) -> near.add(new Near(site, c, groups,
                groups.values().stream().mapToInt(Integer::intValue).sum(), first.get(site).get(c)))));
        return new ExpiryCounts(near, expired);
    }
}
