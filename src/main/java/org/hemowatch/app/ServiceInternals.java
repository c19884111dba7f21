package org.hemowatch.app;

import org.hemowatch.alerts.AlertsModule;
import org.hemowatch.coldchain.ColdChainService;
import org.hemowatch.domain.Inventory;
import org.hemowatch.ingest.ReadingIngest;
import org.hemowatch.ingest.mqtt.MqttModule;
import org.hemowatch.metrics.HemowatchMetrics;
import org.hemowatch.store.ChangeFollower;
import org.hemowatch.store.Database;
import org.hemowatch.store.GroupCommitWriter;
import org.hemowatch.units.OutOfStorageSweep;
import org.hemowatch.units.UnitWrites;

/**
 * What tests and benchmarks of a whole service may observe or drive, and nothing else: the
 * running service itself only exposes {@link Hemowatch#httpPort} and {@link Hemowatch#close}.
 */
public final class ServiceInternals {

    private final Components c;

    ServiceInternals(Components c) {
        this.c = c;
    }

    /** The MQTT module (ports, readiness, the outbound publisher). */
    public MqttModule mqtt() {
        return c.mqtt().orElseThrow(() -> new IllegalStateException("MQTT is disabled (mqtt.enabled: false)"));
    }

    /** The one write path for units (bulk loaders of the benchmarks commit through it). */
    public UnitWrites units() {
        return c.writes();
    }

    /** The in-memory units (tests see what was loaded at start). */
    public Inventory inventory() {
        return c.inventory();
    }

    /** The ingestion path for readings and device status (tests add listeners). */
    public ReadingIngest readings() {
        return c.readings();
    }

    /** The database (tests read what was stored). */
    public Database database() {
        return c.store().database();
    }

    /** The group-commit writer (tests pause it to prove that nothing is acknowledged before COMMIT). */
    public GroupCommitWriter writer() {
        return c.store().writer();
    }

    /** The alert service and its channels (tests tick and evaluate). */
    public AlertsModule alerts() {
        return c.alerts();
    }

    /** The cold-chain service (tests tick it and read device states). */
    public ColdChainService coldChain() {
        return c.coldChain();
    }

    /** The change follower (tests pause it to make this instance's views stale). */
    public ChangeFollower follower() {
        return c.follower();
    }

    /** The HTTP API's {@code /api/v1} routes as {@code "METHOD /path"} (the OpenAPI document must list exactly these). */
    public java.util.List<String> apiRoutes() {
        return c.http().apiRoutes();
    }

    /** The out-of-storage timer's sweep (tests run it at a test-clock time instead of waiting for the timer). */
    public OutOfStorageSweep outOfStorage() {
        return c.outOfStorage();
    }

    public HemowatchMetrics metrics() {
        return c.metrics();
    }
}
