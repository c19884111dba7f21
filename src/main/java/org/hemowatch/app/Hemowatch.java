package org.hemowatch.app;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import org.hemowatch.api.ApiServices;
import org.hemowatch.api.HttpApiVerticle;
import org.hemowatch.app.config.HemowatchConfig;
import org.hemowatch.auth.ApiKeys;
import org.hemowatch.domain.Inventory;
import org.hemowatch.domain.ProductCatalog;
import org.hemowatch.api.ApiRoutes;
import org.hemowatch.ingest.ExpirySweep;
import org.hemowatch.ingest.ReadingIngest;
import org.hemowatch.ingest.serial.SerialIngestVerticle;
import org.hemowatch.ingest.serial.SerialPortConfig;
import org.hemowatch.ingest.serial.SerialRoutes;
import org.hemowatch.ingest.ScanIngest;
import org.hemowatch.ingest.UnitWrites;
import org.hemowatch.metrics.HemowatchMetrics;
import org.hemowatch.metrics.InventoryGauges;
import org.hemowatch.metrics.MetricNames;
import org.hemowatch.metrics.ScanMetrics;
import org.hemowatch.store.ApiKeyRecords;
import org.hemowatch.store.Database;
import org.hemowatch.store.DatabaseConfig;
import org.hemowatch.store.GroupCommitWriter;
import org.hemowatch.store.UnitRecords;
import org.hemowatch.store.WriterListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;

/**
 * The one place where Hemowatch is wired: store, domain state, ingestion, API and timers.
 * {@link #start} completes when every listener is bound; {@link #close} stops in reverse order.
 */
public final class Hemowatch {

    private static final Logger LOG = LoggerFactory.getLogger(Hemowatch.class);
    /** How often the expiry timer looks for units past their expiry. */
    private static final long EXPIRY_SWEEP_MS = 60_000;

    private final HemowatchConfig config;
    private final Clock clock;
    private final HemowatchMetrics metrics = new HemowatchMetrics();
    private final Vertx vertx;
    private Database database;
    private GroupCommitWriter writer;
    private Inventory inventory;
    private ReadingIngest readings;
    private HttpApiVerticle http;
    private SerialIngestVerticle serial;
    private volatile boolean running;

    private Hemowatch(HemowatchConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.vertx = Vertx.builder()
                .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
                .withMetrics(new MicrometerMetricsFactory(metrics.registry()))
                .build();
    }

    /** Starts the service; the future fails with the cause if any part cannot start (and what started is closed). */
    public static Future<Hemowatch> start(HemowatchConfig config, Clock clock) {
        Hemowatch h = new Hemowatch(config, clock);
        return h.openStore()
                .compose(v -> h.startServices())
                .map(h)
                .recover(failure -> h.close().transform(ignored -> Future.failedFuture(failure)));
    }

    private Future<Void> openStore() {
        return vertx.executeBlocking(() -> {
            String url = config.jdbcUrl();
            database = Database.open(new DatabaseConfig(url, config.db().user(), config.db().password(), config.db().readPoolSize()));
            writer = new GroupCommitWriter(database, config.db().maxBatch(), new WriterListener() {
                @Override
                public void batchCommitted(int tasks, long commitNanos) {
                    metrics.batchCommitted(tasks, commitNanos);
                }

                @Override
                public void batchFailed(int tasks, Throwable cause) {
                    metrics.batchFailed();
                    LOG.error("a batch of {} writes failed to commit; none of them was acknowledged", tasks, cause);
                }
            });
            metrics.registry().gauge(MetricNames.STORE_QUEUE, writer, GroupCommitWriter::queueDepth);
            inventory = new Inventory();
            database.read(c -> UnitRecords.loadAll(c)).forEach(inventory::load);
            LOG.info("store open ({}), {} units loaded", database.dialect(), inventory.size());
            return null;
        });
    }

    private Future<Void> startServices() {
        ProductCatalog catalog = ProductTable.load(config.products());
        UnitWrites writes = new UnitWrites(writer, inventory);
        ScanIngest scans = new ScanIngest(writes, catalog, config::zoneOf, config::knowsSite, clock, new ScanMetrics(metrics.registry()));
        readings = new ReadingIngest(writer);
        new InventoryGauges(metrics, inventory, clock);
        List<ApiRoutes> features = List.of(new SerialRoutes(() -> serial));
        return vertx.executeBlocking(() -> new ApiKeys(writer, clock, database.read(ApiKeyRecords::loadAll)))
                .compose(keys -> Future.fromCompletionStage(AdminKeyBootstrap.ensure(keys, config.dataPath())).map(keys))
                .compose(keys -> {
                    ApiServices services = new ApiServices(scans, inventory, database, keys, metrics,
                            () -> running && database.isOpen(), config::knowsSite, config.site(), clock);
                    http = new HttpApiVerticle(services, config.http().host(), config.http().port(), config.http().bodyLimitBytes(), features);
                    return vertx.deployVerticle(http);
                })
                .compose(id -> startSerial(scans))
                .onSuccess(id -> {
                    running = true;
                    startExpiryTimer(new ExpirySweep(inventory, writes, clock));
                })
                .mapEmpty();
    }

    private Future<String> startSerial(ScanIngest scans) {
        List<SerialPortConfig> ports = config.serial().portConfigs(config.site());
        if (ports.isEmpty()) {
            return Future.succeededFuture("");
        }
        serial = new SerialIngestVerticle(ports, readings, scans, metrics.registry(), clock, () -> null);
        return vertx.deployVerticle(serial);
    }

    private void startExpiryTimer(ExpirySweep sweep) {
        Runnable run = () -> sweep.sweep().whenComplete((n, e) -> {
            if (e != null) {
                LOG.warn("expiry sweep failed; it runs again in {} s", EXPIRY_SWEEP_MS / 1000, e);
            } else if (n > 0) {
                LOG.info("{} units passed their expiry and are now EXPIRED", n);
            }
        });
        run.run();
        vertx.setPeriodic(EXPIRY_SWEEP_MS, id -> run.run());
    }

    /** The one ingestion path for readings (tests and in-process feeds use it too). */
    public ReadingIngest readings() {
        return readings;
    }

    /** The HTTP port actually bound. */
    public int httpPort() {
        return http.actualPort();
    }

    public Vertx vertx() {
        return vertx;
    }

    public HemowatchMetrics metrics() {
        return metrics;
    }

    /** Stops listeners, drains the writer, closes the database. */
    public Future<Void> close() {
        running = false;
        return vertx.close().eventually(() -> {
            try {
                if (writer != null) {
                    writer.close();
                }
                if (database != null) {
                    database.close();
                }
            } catch (Exception e) {
                LOG.warn("error while closing the store", e);
            }
            return Future.succeededFuture();
        });
    }
}
