package org.hemowatch.app;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import org.hemowatch.alerts.AlertsModule;
import org.hemowatch.api.ApiRoutes;
import org.hemowatch.api.ApiServices;
import org.hemowatch.api.HttpApiVerticle;
import org.hemowatch.api.fhir.FhirRoutes;
import org.hemowatch.app.config.HemowatchConfig;
import org.hemowatch.auth.Accounts;
import org.hemowatch.auth.ApiKeys;
import org.hemowatch.auth.Sessions;
import org.hemowatch.auth.UserAccounts;
import org.hemowatch.auth.RevocationBus;
import org.hemowatch.coldchain.ColdChainMetrics;
import org.hemowatch.coldchain.ColdChainRoutes;
import org.hemowatch.coldchain.ColdChainService;
import org.hemowatch.coldchain.DeviceRegistry;
import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.Inventory;
import org.hemowatch.domain.alert.ExpiryRules;
import org.hemowatch.domain.ProductCatalog;
import org.hemowatch.units.ExpirySweep;
import org.hemowatch.ingest.ReadingIngest;
import org.hemowatch.ingest.mqtt.MqttModule;
import org.hemowatch.publish.MqttPublisher;
import org.hemowatch.ingest.serial.SerialIngestVerticle;
import org.hemowatch.ingest.serial.SerialPortConfig;
import org.hemowatch.ingest.serial.SerialRoutes;
import org.hemowatch.units.CrossoverRule;
import org.hemowatch.ingest.ScanIngest;
import org.hemowatch.units.ShelfLifeRule;
import org.hemowatch.units.UnitWrites;
import org.hemowatch.metrics.HemowatchMetrics;
import org.hemowatch.metrics.InventoryGauges;
import org.hemowatch.metrics.MetricNames;
import org.hemowatch.metrics.ScanMetrics;
import org.hemowatch.store.ApiKeyRecords;
import org.hemowatch.store.ChangeFollower;
import org.hemowatch.store.ChangeLog;
import org.hemowatch.store.Database;
import org.hemowatch.store.DatabaseConfig;
import org.hemowatch.store.GroupCommitWriter;
import org.hemowatch.store.SessionRecords;
import org.hemowatch.store.UserRecords;
import org.hemowatch.store.UnitRecords;
import org.hemowatch.store.WriterListener;
import org.hemowatch.supply.SupplyRoutes;
import org.hemowatch.supply.SupplyService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.function.Supplier;
import java.util.ArrayList;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The one place where Hemowatch is wired: store, domain state, ingestion, API and timers.
 * {@link #start} completes when every listener is bound; {@link #close} stops in reverse order.
 */
public final class Hemowatch {

    private static final Logger LOG = LoggerFactory.getLogger(Hemowatch.class);
    /** How often the expiry timer looks for units past their expiry. */
    private static final long EXPIRY_SWEEP_MS = 60_000;
    /** Longest delay before a change committed by another instance is followed (PostgreSQL NOTIFY is faster). */
    private static final Duration CHANGE_POLL = Duration.ofMillis(500);
    /** How often the stock counts move units between their expiry classes (reads move them too, so counts are exact either way). */
    private static final long STOCK_CLOCK_MS = 1_000;

    private final HemowatchConfig config;
    private final Clock clock;
    private final HemowatchMetrics metrics = new HemowatchMetrics();
    private final Vertx vertx;
    private Database database;
    private GroupCommitWriter writer;
    private Inventory inventory;
    private UnitWrites writes;
    private ScanIngest scans;
    private ReadingIngest readings;
    private ApiKeys keys;
    private Accounts accounts;
    /** Argon2id hashing and checking: slow on purpose, so never on an event loop or the writer. */
    private final ExecutorService passwordHashing = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "hemowatch-passwords");
        t.setDaemon(true);
        return t;
    });
    private HttpApiVerticle http;
    private SerialIngestVerticle serial;
    private ColdChainService coldChain;
    private MqttModule mqtt;
    private final List<ApiRoutes> featureRoutes = new ArrayList<>();
    private AlertsModule alerts;
    private final ChangeLog changes = new ChangeLog(InstanceId.create());
    private ChangeFollower follower;
    private long followFrom;
    private volatile boolean running;

    private Hemowatch(HemowatchConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.vertx = Vertx.builder()
                .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
                .withMetrics(new MicrometerMetricsFactory(metrics.registry()))
                .build();
        vertx.exceptionHandler(Hemowatch::unhandled);
    }

    /**
     * Last resort for exceptions no handler caught. A client breaking the MQTT protocol (a PUBLISH
     * before CONNECT or after DISCONNECT) makes vertx-mqtt throw out of its socket handler: that
     * is the client's fault and gets one line, not a stack trace.
     */
    private static void unhandled(Throwable t) {
        StackTraceElement[] at = t.getStackTrace();
        if (at.length > 0 && at[0].getClassName().startsWith("io.vertx.mqtt.")) {
            LOG.warn("MQTT protocol error from a client: {}", t.getMessage());
        } else {
            LOG.error("unhandled exception in an event-loop handler", t);
        }
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
            inventory = new Inventory(clock.instant());
            followFrom = ChangeFollower.position(database); // before loading: no change falls in between
            database.read(c -> UnitRecords.loadAll(c)).forEach(inventory::load);
            LOG.info("store open ({}), {} units loaded", database.dialect(), inventory.size());
            return null;
        });
    }

    private Future<Void> startServices() {
        buildIngestion();
        return startColdChain()
                .compose(v -> loadKeys())
                .compose(v -> loadAccounts())
                .compose(v -> startMqtt())
                .compose(v -> startSupplyAndAlerts())
                .compose(v -> startHttp())
                .compose(v -> startSerial())
                .onSuccess(v -> {
                    followChanges();
                    running = true;
                    startExpiryTimer(new ExpirySweep(inventory, writes, clock));
                    vertx.setPeriodic(STOCK_CLOCK_MS, id -> inventory.advance(clock.instant()));
                });
    }

    /**
     * Views follow the database: changes committed by other instances sharing it reach this
     * instance's inventory and keys through the change log.
     */
    private void followChanges() {
        follower = new ChangeFollower(database, changes, CHANGE_POLL);
        follower.on(ChangeLog.Kind.UNIT, subject -> writes.follow(ChangeLog.unitKey(subject)));
        follower.on(ChangeLog.Kind.KEY, id -> keys.follow(database.read(ApiKeyRecords::loadAll)));
        follower.onResync(() -> {
            database.read(UnitRecords::loadAll).forEach(u -> writes.follow(u.key()));
            keys.follow(database.read(ApiKeyRecords::loadAll));
        });
        follower.start(followFrom);
    }

    /** The one write path for units, and the one ingestion path for scans and readings. */
    private void buildIngestion() {
        ProductCatalog catalog = ProductTable.load(config.products());
        writes = new UnitWrites(writer, inventory, changes);
        writes.addRule(new ShelfLifeRule(config.maxShelfLife()));
        scans = new ScanIngest(writes, catalog, config::zoneOf, config::knowsSite, clock, new ScanMetrics(metrics.registry()));
        readings = new ReadingIngest(writer);
        new InventoryGauges(metrics, inventory, clock);
    }

    /** Devices, excursion monitoring, and the storage rules every unit write passes. */
    private Future<Void> startColdChain() {
        DeviceRegistry devices = new DeviceRegistry();
        coldChain = new ColdChainService(vertx, writer, database, writes, inventory, devices, config.coldChain(),
                config.site(), clock, new ColdChainMetrics(metrics.registry(), clock));
        writes.addRule(coldChain.unitRule());
        writes.addRule(new CrossoverRule(config::crossoverAt));
        readings.setAdmission(coldChain.admission());
        readings.onReadings(coldChain::readings);
        readings.onStatus(coldChain::status);
        featureRoutes.add(new ColdChainRoutes(coldChain, devices, database, writer, writes, inventory, config.site(), clock));
        return coldChain.start().mapEmpty();
    }

    private Future<Void> loadKeys() {
        return vertx.executeBlocking(() -> new ApiKeys(writer, clock, database.read(ApiKeyRecords::loadAll), new RevocationBus(), changes))
                .compose(k -> {
                    keys = k;
                    return Future.fromCompletionStage(AdminKeyBootstrap.ensure(k, config.dataPath()));
                });
    }

    /** Personal accounts and their console sessions (both survive a restart). */
    private Future<Void> loadAccounts() {
        return vertx.executeBlocking(() -> {
            Sessions sessions = new Sessions(writer, clock, config.auth(), database.read(SessionRecords::loadAll));
            UserAccounts users = new UserAccounts(writer, clock, passwordHashing, sessions, database.read(UserRecords::loadAll),
                    name -> database.read(c -> UserRecords.find(c, name)), keys.revocations());
            accounts = new Accounts(users, sessions, config.auth().throttle(), config.auth());
            return null;
        });
    }

    /** The embedded MQTT endpoint, or the client of an external broker. */
    private Future<Void> startMqtt() {
        if (!config.mqtt().enabled()) {
            return Future.succeededFuture();
        }
        mqtt = MqttModule.create(vertx, config.mqtt(), readings, scans, keys, config::knowsSite, clock, metrics.registry());
        return mqtt.start().<Void>mapEmpty().recover(e -> Future.failedFuture(new IllegalStateException(config.mqtt().broker() != null
                ? "cannot reach the MQTT broker " + config.mqtt().broker() + ": " + e.getMessage()
                : "cannot listen for MQTT on " + config.mqtt().host() + ":" + config.mqtt().port() + ": " + e.getMessage()
                + " (is another MQTT broker running there? Set HEMOWATCH_MQTT_PORT to another port,"
                + " or HEMOWATCH_MQTT_BROKER=tcp://host:port to use that broker)", e)));
    }

    /** What the expiry alert rules look at: units in stock within their component's near-expiry window (from the buckets). */
    private Supplier<Collection<BloodUnit>> nearOrPastExpiry() {
        ExpiryRules rules = new ExpiryRules(config.alerts().nearExpiryWindows());
        return () -> {
            Instant now = clock.instant();
            return inventory.stock().inStockExpiringBy(c -> now.plus(rules.window(c)));
        };
    }

    /** Par levels and days of supply, and the alert lifecycle with its MQTT, webhook and SSE channels. */
    private Future<Void> startSupplyAndAlerts() {
        SupplyService supply = new SupplyService(vertx, config.supply(), ZoneId.of(config.zone()), inventory, writer, database, clock, metrics);
        alerts = AlertsModule.create(vertx, config.alerts(), clock, database, writer, supply::levels, nearOrPastExpiry(), metrics,
                mqttPublisher(), System::getenv);
        supply.onParLevelsChanged(alerts.service()::evaluateSoon);
        coldChain.onEvent(alerts.service()::acceptColdChain);
        featureRoutes.add(new SupplyRoutes(supply, clock, config.site(), config::knowsSite));
        featureRoutes.add(alerts.routes());
        return supply.start(writes).compose(v -> alerts.start(writes));
    }

    private Future<Void> startHttp() {
        featureRoutes.add(new SerialRoutes(() -> serial));
        featureRoutes.add(new FhirRoutes(inventory, clock, config.coldChain().regionRules()));
        ApiServices services = new ApiServices(scans, inventory, database, keys, accounts, metrics,
                () -> running && database.isOpen(), config::knowsSite, config.site(), clock);
        http = new HttpApiVerticle(services, config.http().host(), config.http().port(), config.http().bodyLimitBytes(), featureRoutes);
        return vertx.deployVerticle(http).<Void>mapEmpty().recover(e -> Future.failedFuture(new IllegalStateException(
                "cannot listen for HTTP on " + config.http().host() + ":" + config.http().port() + ": " + e.getMessage()
                + " (set HEMOWATCH_HTTP_PORT to another port)", e)));
    }

    private Future<Void> startSerial() {
        List<SerialPortConfig> ports = config.serial().portConfigs(config.site());
        if (ports.isEmpty()) {
            return Future.succeededFuture();
        }
        serial = new SerialIngestVerticle(ports, readings, scans, metrics.registry(), clock, this::mqttPublisher);
        return vertx.deployVerticle(serial).mapEmpty();
    }

    /** The outbound MQTT path, or null when MQTT is disabled. */
    private MqttPublisher mqttPublisher() {
        return mqtt == null ? null : mqtt.publisher();
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

    /** The HTTP port actually bound. */
    public int httpPort() {
        return http.actualPort();
    }

    /** The MQTT module (its {@code publisher()} is the outbound path for alerts), or null when {@code mqtt.enabled} is false. */
    public MqttModule mqtt() {
        return mqtt;
    }

    /** The one write path for units (bulk loaders of the benchmarks commit through it). */
    public UnitWrites units() {
        return writes;
    }

    /** The one ingestion path for readings and device status. */
    public ReadingIngest readings() {
        return readings;
    }

    /** The database (tests read what was stored). */
    public Database database() {
        return database;
    }

    /** The group-commit writer (tests pause it to prove that nothing is acknowledged before COMMIT). */
    public GroupCommitWriter writer() {
        return writer;
    }

    /** The alert service and its channels. */
    public AlertsModule alerts() {
        return alerts;
    }

    public Vertx vertx() {
        return vertx;
    }

    /** The cold-chain service (device states, excursions, event listeners). */
    public ColdChainService coldChain() {
        return coldChain;
    }

    public HemowatchMetrics metrics() {
        return metrics;
    }

    /** Stops listeners, drains the writer, closes the database. */
    public Future<Void> close() {
        running = false;
        if (mqtt != null) {
            mqtt.close(); // stops reconnecting; vertx.close() below closes its sockets either way
        }
        if (follower != null) {
            follower.close();
        }
        return vertx.close().eventually(() -> {
            passwordHashing.shutdownNow();
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
