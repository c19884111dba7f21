package org.hemowatch.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;

import java.util.Map;

/**
 * Meter filters that keep the exposition clean for {@code promtool check metrics}: they drop or
 * rename the few binder meters whose names break Prometheus conventions, and give a HELP text to
 * meters registered without a description (a bare {@code registry.counter(...)}). Must be applied
 * before any meter is registered.
 */
final class PrometheusNaming {

    /** HELP texts for meters that some component registers without a description. */
    private static final Map<String, String> FALLBACK_HELP = Map.ofEntries(
            Map.entry(MetricNames.STORE_QUEUE, "Writes waiting for the group-commit writer"),
            Map.entry(MetricNames.AUTH_REJECTED, "Requests refused by authentication or authorisation, by reason"),
            Map.entry(MetricNames.SCANS_ACCEPTED, "Scans accepted and committed, by site, path and action"),
            Map.entry(MetricNames.SCANS_REJECTED, "Scans rejected, by site, path and the rule that failed"),
            Map.entry(MetricNames.READINGS_ACCEPTED, "Temperature readings stored, by site and path"),
            Map.entry(MetricNames.READINGS_REJECTED, "Temperature readings refused, by path and reason"),
            Map.entry(MetricNames.READINGS_DUPLICATES, "Readings acknowledged but not stored again (same device and seq)"),
            Map.entry(MetricNames.SERIAL_LINES_REJECTED, "Serial lines dropped, by port path and reason"),
            Map.entry(MetricNames.MQTT_CONNECTIONS_REFUSED, "MQTT connections refused, by reason"),
            Map.entry(MetricNames.MQTT_MESSAGES_REJECTED, "MQTT messages refused, by reason"),
            Map.entry(MetricNames.EXCURSIONS, "Temperature excursions started, by site and device"),
            Map.entry(MetricNames.ALERT_DELIVERIES, "Alert deliveries, by channel and outcome"),
            Map.entry(MetricNames.UNITS_ISSUED, "Units issued, by site and component"));

    private PrometheusNaming() {
    }

    static void apply(MeterRegistry registry) {
        registry.config()
                // process_cpu_time_ns_total: a unit abbreviation in the name (and not seconds); process_cpu_usage stays
                .meterFilter(MeterFilter.denyNameStartsWith("process.cpu.time"))
                .meterFilter(new MeterFilter() {
                    @Override
                    public Meter.Id map(Meter.Id id) {
                        // system_cpu_count: "_count" is reserved for histograms and summaries
                        if (id.getName().equals("system.cpu.count")) {
                            return id.withName("system.cpu.logical");
                        }
                        if (id.getDescription() == null && FALLBACK_HELP.containsKey(id.getName())) {
                            return new Meter.Id(id.getName(), Tags.of(id.getTagsAsIterable()),
                                    id.getBaseUnit(), FALLBACK_HELP.get(id.getName()), id.getType());
                        }
                        return id;
                    }
                });
    }
}
