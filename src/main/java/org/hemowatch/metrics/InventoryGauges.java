package org.hemowatch.metrics;

import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.Inventory;
import org.hemowatch.domain.UnitStatus;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Inventory gauges, recomputed from the in-memory inventory at each scrape:
 * {@code hemowatch_units{site,component,group,status}} for every unit in stock and
 * {@code hemowatch_units_expiring{site,component,group,within}} for available units expiring
 * within 24 h and 72 h. Label values are bounded (configured sites, six components, eight groups).
 */
public final class InventoryGauges {

    private final Inventory inventory;
    private final Clock clock;
    private final MultiGauge units;
    private final MultiGauge expiring;

    public InventoryGauges(HemowatchMetrics metrics, Inventory inventory, Clock clock) {
        this.inventory = inventory;
        this.clock = clock;
        this.units = MultiGauge.builder(MetricNames.UNITS).description("Units in stock by site, component, ABO/RhD group and status")
                .register(metrics.registry());
        this.expiring = MultiGauge.builder(MetricNames.UNITS_EXPIRING).description("Available units expiring within the window")
                .register(metrics.registry());
        metrics.beforeScrape(this::refresh);
    }

    /** Recomputes both gauges; rows that dropped to nothing disappear. */
    public void refresh() {
        Instant now = clock.instant();
        Map<Tags, Integer> byStatus = new HashMap<>();
        Map<Tags, Integer> soon = new HashMap<>();
        for (BloodUnit u : inventory.all()) {
            if (!u.status().inStock()) {
                continue;
            }
            Tags base = Tags.of("site", u.site(), "component", u.component().code(), "group", u.group().label());
            byStatus.merge(base.and("status", u.status().name().toLowerCase()), 1, Integer::sum);
            if (u.status() == UnitStatus.AVAILABLE && !u.isExpiredAt(now)) {
                if (u.expires().isBefore(now.plus(Duration.ofHours(24)))) {
                    soon.merge(base.and("within", "24h"), 1, Integer::sum);
                }
                if (u.expires().isBefore(now.plus(Duration.ofHours(72)))) {
                    soon.merge(base.and("within", "72h"), 1, Integer::sum);
                }
            }
        }
        units.register(rows(byStatus), true);
        expiring.register(rows(soon), true);
    }

    private static List<MultiGauge.Row<?>> rows(Map<Tags, Integer> counts) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        counts.forEach((tags, n) -> rows.add(MultiGauge.Row.of(tags, n)));
        return rows;
    }
}
