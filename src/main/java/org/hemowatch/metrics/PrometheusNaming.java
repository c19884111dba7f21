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
    private static final Map<String, String> FALLBACK_HELP = Map.of(
            MetricNames.STORE_QUEUE, "Writes waiting for the group-commit writer",
            MetricNames.AUTH_REJECTED, "Requests refused by authentication or authorisation, by reason",
            MetricNames.SCANS_ACCEPTED, "Scans accepted and committed, by site, path and action",
            MetricNames.SCANS_REJECTED, "Scans rejected, by site, path and the rule that failed");

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
