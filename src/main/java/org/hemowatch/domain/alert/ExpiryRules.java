package org.hemowatch.domain.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.ComponentClass;
import org.hemowatch.domain.UnitStatus;
import org.hemowatch.domain.supply.SupplyAssessor;

/**
 * NEAR_EXPIRY and EXPIRED_IN_STOCK alerts from the units, one summary alert per site (and
 * component) rather than one per unit.
 * <ul>
 * <li>near-expiry: issuable units (AVAILABLE, not expired) expiring within the component's window;
 * subject = component code ({@code RBC}); severity WARNING; cleared when none remain.</li>
 * <li>expired-in-stock: units still held by the site (status EXPIRED, or RECEIVED/AVAILABLE/QUARANTINED
 * past their expiry before the expiry timer marked them); subject {@value #EXPIRED_SUBJECT}; severity WARNING.</li>
 * </ul>
 */
public final class ExpiryRules {

    /** Subject of the per-site expired-in-stock alert. */
    public static final String EXPIRED_SUBJECT = "stock";

    private final Map<ComponentClass, Duration> windows;

    public ExpiryRules() {
        this(Map.of());
    }

    /** @param windows per-component near-expiry windows; missing classes use {@link #defaultWindow} */
    public ExpiryRules(Map<ComponentClass, Duration> windows) {
        Map<ComponentClass, Duration> all = new EnumMap<>(ComponentClass.class);
        for (ComponentClass c : ComponentClass.values()) {
            Duration w = windows.getOrDefault(c, defaultWindow(c));
            if (w.isNegative() || w.isZero()) {
                throw new IllegalArgumentException("near-expiry window of " + c.code() + " must be positive but was " + w);
            }
            all.put(c, w);
        }
        this.windows = Map.copyOf(all);
    }

    /** Red cells and whole blood 72 h, platelets 24 h, plasma and cryo 7 days, others 24 h. */
    public static Duration defaultWindow(ComponentClass c) {
        return switch (c) {
            case RED_CELLS, WHOLE_BLOOD -> Duration.ofHours(72);
            case PLASMA, CRYO -> Duration.ofDays(7);
            case PLATELETS, GRANULOCYTES -> Duration.ofHours(24);
        };
    }

    public Duration window(ComponentClass c) {
        return windows.get(c);
    }

    /** Near-expiry raises per site/component, and clears for active NEAR_EXPIRY alerts no longer needed. */
    public List<AlertIntent> nearExpiry(Collection<BloodUnit> units, Instant now, Collection<Alert> active) {
        Objects.requireNonNull(now, "now");
        // grouped by hash (one lookup per unit), then ordered by the key's text once per group, not once per comparison
        Map<AlertKey, List<BloodUnit>> byKey = new java.util.HashMap<>();
        for (BloodUnit u : units) {
            if (SupplyAssessor.issuable(u, now) && !u.expires().isAfter(now.plus(windows.get(u.component())))) {
                byKey.computeIfAbsent(new AlertKey(AlertKind.NEAR_EXPIRY, u.site(), u.component().code()), k -> new ArrayList<>()).add(u);
            }
        }
        Map<AlertKey, List<BloodUnit>> groups = new TreeMap<>(java.util.Comparator.comparing(AlertKey::toString));
        groups.putAll(byKey);
        List<AlertIntent.Raise> raises = new ArrayList<>();
        groups.forEach((key, list) -> {
            ComponentClass c = list.get(0).component();
            Duration w = windows.get(c);
            Instant first = list.stream().map(BloodUnit::expires).min(Instant::compareTo).orElseThrow();
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("component", c.code());
            d.put("count", list.size());
            d.put("windowHours", w.toHours());
            d.put("firstExpiry", first.toString());
            d.put("byGroup", countBy(list, u -> u.group().label()));
            String msg = list.size() + " " + c.code() + " unit" + (list.size() == 1 ? "" : "s") + " at " + key.site()
                    + " expire within " + w.toHours() + " h (first at " + first + ")";
            raises.add(new AlertIntent.Raise(key, Severity.WARNING, msg, d));
        });
        return AlertIntent.reconcile(AlertKind.NEAR_EXPIRY, raises, active);
    }

    /** Expired-in-stock raises per site, and clears for active EXPIRED_IN_STOCK alerts no longer needed. */
    public List<AlertIntent> expiredInStock(Collection<BloodUnit> units, Instant now, Collection<Alert> active) {
        Objects.requireNonNull(now, "now");
        Map<String, List<BloodUnit>> bySite = new TreeMap<>();
        for (BloodUnit u : units) {
            if (expiredInStock(u, now)) {
                bySite.computeIfAbsent(u.site(), s -> new ArrayList<>()).add(u);
            }
        }
        List<AlertIntent.Raise> raises = new ArrayList<>();
        bySite.forEach((site, list) -> {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("count", list.size());
            d.put("byComponent", countBy(list, u -> u.component().code()));
            String msg = list.size() + " expired unit" + (list.size() == 1 ? " is" : "s are") + " still in stock at " + site
                    + "; discard " + (list.size() == 1 ? "it" : "them");
            raises.add(new AlertIntent.Raise(new AlertKey(AlertKind.EXPIRED_IN_STOCK, site, EXPIRED_SUBJECT), Severity.WARNING, msg, d));
        });
        return AlertIntent.reconcile(AlertKind.EXPIRED_IN_STOCK, raises, active);
    }

    /** Held by the site and past expiry (whether or not the expiry timer has marked it yet). */
    public static boolean expiredInStock(BloodUnit u, Instant now) {
        return u.status() == UnitStatus.EXPIRED || (u.status().inStock() && u.isExpiredAt(now));
    }

    private static Map<String, Integer> countBy(List<BloodUnit> list, java.util.function.Function<BloodUnit, String> f) {
        Map<String, Integer> m = new TreeMap<>();
        list.forEach(u -> m.merge(f.apply(u), 1, Integer::sum));
        return java.util.Collections.unmodifiableMap(m);
    }
}
