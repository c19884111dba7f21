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
 * NEAR_EXPIRY and EXPIRED_IN_STOCK alerts from the {@link ExpiryCounts} of the stock, one summary
 * alert per site (and component) rather than one per unit.
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

    /** Near-expiry raises and clears from {@code units} (their {@link ExpiryCounts#scan}: O(units), for tests and small sets). */
    public List<AlertIntent> nearExpiry(Collection<BloodUnit> units, Instant now, Collection<Alert> active) {
        return nearExpiry(ExpiryCounts.scan(units, Objects.requireNonNull(now, "now"), windows::get), active);
    }

    /** Near-expiry raises per site/component, and clears for active NEAR_EXPIRY alerts no longer needed. */
    public List<AlertIntent> nearExpiry(ExpiryCounts counts, Collection<Alert> active) {
        // ordered by the key's text, built once per entry
        Map<String, AlertIntent.Raise> raises = new TreeMap<>();
        for (ExpiryCounts.Near n : counts.near()) {
            ComponentClass c = n.component();
            AlertKey key = new AlertKey(AlertKind.NEAR_EXPIRY, n.site(), c.code());
            Duration w = windows.get(c);
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("component", c.code());
            d.put("count", n.count());
            d.put("windowHours", w.toHours());
            d.put("firstExpiry", n.firstExpiry().toString());
            d.put("byGroup", n.byGroup());
            String msg = n.count() + " " + c.code() + " unit" + (n.count() == 1 ? "" : "s") + " at " + n.site()
                    + " expire within " + w.toHours() + " h (first at " + n.firstExpiry() + ")";
            raises.put(key.toString(), new AlertIntent.Raise(key, Severity.WARNING, msg, d));
        }
        return AlertIntent.reconcile(AlertKind.NEAR_EXPIRY, List.copyOf(raises.values()), active);
    }

    /** Expired-in-stock raises and clears from {@code units} (their {@link ExpiryCounts#scan}). */
    public List<AlertIntent> expiredInStock(Collection<BloodUnit> units, Instant now, Collection<Alert> active) {
        return expiredInStock(ExpiryCounts.scan(units, Objects.requireNonNull(now, "now"), windows::get), active);
    }

    /** Expired-in-stock raises per site, and clears for active EXPIRED_IN_STOCK alerts no longer needed. */
    public List<AlertIntent> expiredInStock(ExpiryCounts counts, Collection<Alert> active) {
        List<AlertIntent.Raise> raises = new ArrayList<>();
        counts.expired().forEach((site, byComponent) -> {
            int count = byComponent.values().stream().mapToInt(Integer::intValue).sum();
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("count", count);
            d.put("byComponent", byComponent);
            String msg = count + " expired unit" + (count == 1 ? " is" : "s are") + " still in stock at " + site
                    + "; discard " + (count == 1 ? "it" : "them");
            raises.add(new AlertIntent.Raise(new AlertKey(AlertKind.EXPIRED_IN_STOCK, site, EXPIRED_SUBJECT), Severity.WARNING, msg, d));
        });
        return AlertIntent.reconcile(AlertKind.EXPIRED_IN_STOCK, raises, active);
    }

    /** Held by the site and past expiry (whether or not the expiry timer has marked it yet). */
    public static boolean expiredInStock(BloodUnit u, Instant now) {
        return u.status() == UnitStatus.EXPIRED || (u.status().inStock() && u.isExpiredAt(now));
    }
}
