package org.hemowatch.metrics;

import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import org.hemowatch.domain.BloodGroup;
import org.hemowatch.domain.ComponentClass;
import org.hemowatch.domain.Inventory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Inventory gauges, recomputed from the in-memory inventory at each scrape:
 * {@code hemowatch_units{site,component,group,status}} for every unit in stock and
 * {@code hemowatch_units_expiring{site,component,group,within}} for issuable units expiring
 * within 24 h and 72 h (the stock view's counts, the same as {@code GET /api/v1/stock}). Label values are bounded (configured sites, six components, eight groups).
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

    /** Recomputes both gauges from the inventory's counts (no walk over the units); rows that dropped to nothing disappear. */
    public void refresh() {
        Map<Tags, Integer> byStatus = new HashMap<>();
        inventory.stock().bucketSizes().forEach((k, n) -> {
            if (k.status().inStock()) {
                byStatus.merge(tags(k.site(), k.component(), k.group()).and("status", k.status().name().toLowerCase()), n, Integer::sum);
            }
        });
        Map<Tags, Integer> soon = new HashMap<>();
        inventory.stock().lines(clock.instant()).counts().forEach((k, c) -> {
            Tags base = tags(k.site(), k.component(), k.group());
            if (c[1] > 0) {
                soon.put(base.and("within", "24h"), c[1]);
            }
            if (c[2] > 0) {
                soon.put(base.and("within", "72h"), c[2]);
            }
        });
        units.register(rows(byStatus), true);
        expiring.register(rows(soon), true);
    }

    private static Tags tags(String site, ComponentClass component, BloodGroup group) {
        return Tags.of("site", site, "component", component.code(), "group", group.label());
    }

    private static List<MultiGauge.Row<?>> rows(Map<Tags, Integer> counts) {
        List<MultiGauge.Row<?>> rows = new ArrayList<>();
        counts.forEach((tags, n) -> rows.add(MultiGauge.Row.of(tags, n)));
        return rows;
    }
}
