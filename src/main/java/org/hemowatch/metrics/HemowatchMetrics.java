package org.hemowatch.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The service's meter registry (Prometheus) and the meters that several components share.
 * Scrape-time gauges register a refresher with {@link #beforeScrape(Runnable)}.
 */
public final class HemowatchMetrics {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final List<Runnable> refreshers = new ArrayList<>();
    private final Timer commitTimer;
    private final DistributionSummary batchSize;
    private final Counter commitFailures;

    public HemowatchMetrics() {
        PrometheusNaming.apply(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        commitTimer = Timer.builder(MetricNames.STORE_COMMIT)
                .description("Time to write and commit one batch of the group-commit writer")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(100_000))
                .maximumExpectedValue(Duration.ofSeconds(5))
                .register(registry);
        batchSize = DistributionSummary.builder(MetricNames.STORE_BATCH_SIZE)
                .description("Writes committed together in one transaction")
                .serviceLevelObjectives(1, 2, 5, 10, 20, 50, 100, 200, 500, 1000)
                .register(registry);
        commitFailures = Counter.builder(MetricNames.STORE_COMMIT_FAILURES)
                .description("Batches whose commit failed (their writes were not acknowledged)")
                .register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Registers work to run just before each scrape (e.g. refreshing inventory gauges). */
    public synchronized void beforeScrape(Runnable refresher) {
        refreshers.add(refresher);
    }

    /** The Prometheus text exposition, after running the scrape-time refreshers. */
    public String scrape() {
        List<Runnable> copy;
        synchronized (this) {
            copy = List.copyOf(refreshers);
        }
        copy.forEach(Runnable::run);
        return registry.scrape();
    }

    public void batchCommitted(int writes, long nanos) {
        commitTimer.record(Duration.ofNanos(nanos));
        batchSize.record(writes);
    }

    public void batchFailed() {
        commitFailures.increment();
    }

    /** Counter with the given tags, created on first use. Callers must keep the tag values bounded. */
    public Counter counter(String name, String description, Tags tags) {
        return Counter.builder(name).description(description).tags(tags).register(registry);
    }
}
