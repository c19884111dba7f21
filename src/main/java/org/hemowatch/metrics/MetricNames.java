package org.hemowatch.metrics;

/**
 * Every metric name Hemowatch publishes, in one place. Names are given in micrometer's dotted
 * form; the Prometheus registry renders {@code hemowatch.units.available} as
 * {@code hemowatch_units_available} and adds {@code _total} to counters and {@code _seconds} to
 * timers. Labels are bounded: site, device, product/component, group, reason (a rule name),
 * path — never a donation number. The catalogue with types and labels is docs/metrics.md.
 */
public final class MetricNames {

    private MetricNames() {
    }

    // inventory (gauges, refreshed from the in-memory inventory at each scrape)
    /** Units in stock by site, component, group and status. */
    public static final String UNITS = "hemowatch.units";
    /** Available (issuable) units that expire within a window: label {@code within} = 24h | 72h. */
    public static final String UNITS_EXPIRING = "hemowatch.units.expiring";

    // ingestion
    /** Scans accepted, by site, path (http, mqtt, serial) and action. */
    public static final String SCANS_ACCEPTED = "hemowatch.scans.accepted";
    /** Scans rejected, by site, path and reason (the rule that failed). */
    public static final String SCANS_REJECTED = "hemowatch.scans.rejected";

    // store
    /** Time from the first write of a batch being taken to its COMMIT returning. */
    public static final String STORE_COMMIT = "hemowatch.store.commit";
    /** Writes committed per transaction by the group-commit writer. */
    public static final String STORE_BATCH_SIZE = "hemowatch.store.batch.writes";
    /** Batches whose commit failed. */
    public static final String STORE_COMMIT_FAILURES = "hemowatch.store.commit.failures";
    /** Writes waiting for the writer. */
    public static final String STORE_QUEUE = "hemowatch.store.queue.writes";

    // API
    /** Requests refused by authentication/authorisation, by reason (missing, invalid, forbidden). */
    public static final String AUTH_REJECTED = "hemowatch.auth.rejected";
}
