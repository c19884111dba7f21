package org.hemowatch.alerts;

import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import org.hemowatch.domain.alert.Alert;
import org.hemowatch.domain.alert.AlertChange;
import org.hemowatch.domain.alert.ChangeType;
import org.hemowatch.metrics.HemowatchMetrics;
import org.hemowatch.metrics.MetricNames;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The alert service's metrics: unresolved alerts by site, kind, severity and state (a gauge read
 * from the last snapshot the service gave, so a scrape never touches the book), and the time from
 * opening to acknowledgement by kind.
 */
final class AlertMetrics {

    private final HemowatchMetrics metrics;
    private volatile List<Alert> active = List.of();

    AlertMetrics(HemowatchMetrics metrics) {
        this.metrics = metrics;
        MultiGauge gauge = MultiGauge.builder(MetricNames.ALERTS_ACTIVE).description("Alerts not yet resolved").register(metrics.registry());
        metrics.beforeScrape(() -> {
            Map<Tags, Integer> counts = new HashMap<>();
            for (Alert a : active) {
                counts.merge(Tags.of("site", a.site(), "kind", a.kind().topic(), "severity", a.severity().name(),
                        "state", a.state().name()), 1, Integer::sum);
            }
            List<MultiGauge.Row<?>> rows = new ArrayList<>();
            counts.forEach((tags, n) -> rows.add(MultiGauge.Row.of(tags, n)));
            gauge.register(rows, true);
        });
    }

    /** The unresolved alerts as they are now. */
    void active(List<Alert> unresolved) {
        this.active = unresolved;
    }

    /** A stored change on its way to the channels. */
    void delivered(AlertChange c) {
        if (c.changeType() == ChangeType.ACKNOWLEDGED) {
            Timer.builder(MetricNames.ALERT_TIME_TO_ACK).description("Time from an alert opening to its acknowledgement")
                    .tags("kind", c.alert().kind().topic()).register(metrics.registry())
                    .record(Duration.between(c.alert().opened(), c.alert().lastChanged()));
        }
    }
}
