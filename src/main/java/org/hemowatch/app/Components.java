package org.hemowatch.app;

import io.vertx.core.Vertx;
import org.hemowatch.alerts.AlertsModule;
import org.hemowatch.api.ApiRoutes;
import org.hemowatch.api.ApiServices;
import org.hemowatch.api.HttpApiVerticle;
import org.hemowatch.api.fhir.FhirRoutes;
import org.hemowatch.app.config.HemowatchConfig;
import org.hemowatch.auth.Accounts;
import org.hemowatch.api.HttpGuards;
import org.hemowatch.cluster.SiteOwnership;
import org.hemowatch.auth.ApiKeys;
import org.hemowatch.auth.FailureThrottle;
import org.hemowatch.auth.RevocationBus;
import org.hemowatch.auth.Sessions;
import org.hemowatch.auth.UserAccounts;
import org.hemowatch.coldchain.ColdChainMetrics;
import org.hemowatch.coldchain.ColdChainRoutes;
import org.hemowatch.coldchain.ExcursionReportRoutes;
import org.hemowatch.coldchain.ColdChainService;
import org.hemowatch.coldchain.DeviceRegistry;
import org.hemowatch.coldchain.DocumentColdChainStore;
import org.hemowatch.coldchain.UnitDecisions;
import org.hemowatch.domain.Inventory;
import org.hemowatch.domain.alert.ExpiryRules;
import org.hemowatch.domain.ProductCatalog;
import org.hemowatch.ingest.ReadingIngest;
import org.hemowatch.ingest.ScanIngest;
import org.hemowatch.ingest.mqtt.MqttModule;
import org.hemowatch.ingest.serial.SerialIngestVerticle;
import org.hemowatch.ingest.serial.SerialPortConfig;
import org.hemowatch.ingest.serial.SerialRoutes;
import org.hemowatch.metrics.HemowatchMetrics;
import org.hemowatch.metrics.InventoryGauges;
import org.hemowatch.metrics.ScanMetrics;
import org.hemowatch.publish.MqttPublisher;
import org.hemowatch.store.ApiKeyRecords;
import org.hemowatch.store.ChangeFollower;
import org.hemowatch.store.DocumentSupplyStore;
import org.hemowatch.store.ChangeLog;
import org.hemowatch.store.Dialect;
import org.hemowatch.store.ReadingFeed;
import org.hemowatch.store.SessionRecords;
import org.hemowatch.store.Database;
import org.hemowatch.store.UserRecords;
import org.hemowatch.supply.SupplyRoutes;
import org.hemowatch.supply.SupplyService;
import org.hemowatch.units.ExpirySweep;
import org.hemowatch.units.OutOfStorageSweep;
import org.hemowatch.units.UnitWrites;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Every component of a running Hemowatch, built once and never changed: no field is null, the
 * optional adapters are {@link Optional} and the outbound MQTT path is {@link MqttPublisher#NONE}
 * when MQTT is off. {@link #build} constructs; it starts nothing and subscribes nothing — both are
 * done by {@link Hemowatch} in one visible place each.
 */
record Components(HemowatchConfig config, Clock clock, Vertx vertx, HemowatchMetrics metrics, Store store,
                  Inventory inventory, UnitWrites writes, ScanIngest scans, ReadingIngest readings, ApiKeys keys,
                  ColdChainService coldChain, SupplyService supply, AlertsModule alerts, Optional<MqttModule> mqtt,
                  MqttPublisher publisher, Optional<SerialIngestVerticle> serial, HttpApiVerticle http,
                  ExpirySweep expiry, OutOfStorageSweep outOfStorage, ExecutorService passwordHashing, ChangeFollower follower, long followFrom,
                  SiteOwnership ownership, ChangeLog changes, Optional<ReadingFeed> readingFeed, AtomicBoolean running) {

    /** Longest delay before a change committed by another instance is followed (PostgreSQL NOTIFY is faster). */
    private static final Duration CHANGE_POLL = Duration.ofMillis(500);
    /** Longest delay before a reading committed by any instance reaches its site owner's cold chain (NOTIFY is faster). */
    private static final Duration READING_POLL = Duration.ofMillis(200);
    /** Site leases: valid this long, renewed this often (see {@link SiteOwnership}). */
    static final Duration LEASE_TTL = Duration.ofSeconds(5);
    static final Duration LEASE_RENEWAL = Duration.ofSeconds(1);
    /** Not ready when the database has not answered the change-log poll for this long. */
    private static final Duration DATABASE_SILENCE = Duration.ofSeconds(3);


    private static final Logger LOG = LoggerFactory.getLogger(Components.class);

    /** Loads the units and keys from the open store (blocking: call from a worker) and builds every component. */
    static Components build(HemowatchConfig config, Clock clock, Vertx vertx, HemowatchMetrics metrics, Store store,
                            ExecutorService passwordHashing) {
        // the near-expiry counts are kept for the windows the expiry alerts use
        Inventory inventory = new Inventory(clock.instant(), new ExpiryRules(config.alerts().nearExpiryWindows())::window);
        ChangeLog changes = new ChangeLog(InstanceId.create());
        long followFrom = ChangeFollower.position(store.database()); // before loading: no change falls in between
        InventoryLoad.openUnits(store.database(), inventory, clock);
        LOG.info("store open ({}), {} open units loaded", store.database().dialect(), inventory.size());
        ApiKeys keys = new ApiKeys(store.writer(), clock, store.database().read(ApiKeyRecords::loadAll), new RevocationBus(), changes);
        AdminKeyBootstrap.ensure(keys, config.dataPath()).join();
        // personal accounts and their console sessions (both survive a restart)
        Sessions sessions = new Sessions(store.writer(), clock, config.auth(), store.database().read(SessionRecords::loadAll));
        UserAccounts users = new UserAccounts(store.writer(), clock, passwordHashing, sessions, store.database().read(UserRecords::loadAll),
                name -> store.database().read(c -> UserRecords.find(c, name)), keys.revocations());
        Accounts accounts = new Accounts(users, sessions, config.auth().throttle(), config.auth());

        ProductCatalog catalog = ProductTable.load(config.products());
        UnitWrites writes = new UnitWrites(store.writer(), inventory, changes);
        ScanIngest scans = new ScanIngest(writes, catalog, config::zoneOf, config::knowsSite, clock, new ScanMetrics(metrics.registry()),
                config.security().timePlausibility());
        ReadingIngest readings = new ReadingIngest(store.writer(), clock, config.security().timePlausibility());
        new InventoryGauges(metrics, inventory, clock);

        DeviceRegistry devices = new DeviceRegistry();
        ColdChainService coldChain = new ColdChainService(vertx, store.writer(), new DocumentColdChainStore(store.database(), changes), writes,
                inventory, devices, config.coldChain(), config.site(), clock, new ColdChainMetrics(metrics.registry(), clock));

        Optional<MqttModule> mqtt = config.mqtt().enabled()
                ? Optional.of(MqttModule.create(vertx, config.mqtt(), readings, scans, keys, config::knowsSite, clock, metrics.registry()))
                : Optional.empty();
        MqttPublisher publisher = mqtt.map(MqttModule::publisher).orElse(MqttPublisher.NONE);

        SupplyService supply = new SupplyService(vertx, config.supply(), ZoneId.of(config.zone()), inventory,
                new DocumentSupplyStore(store.database(), store.writer(), changes), clock, metrics);
        AlertsModule alerts = AlertsModule.create(vertx, config.alerts(), clock, store.database(), store.writer(), supply::levels,
                inventory.stock()::expiryCounts, metrics, publisher, System::getenv, changes);
        // one owner per site for timers and rules among the instances sharing the database
        SiteOwnership ownership = new SiteOwnership(store.writer(), changes.origin(), config.allSites(), LEASE_TTL, LEASE_RENEWAL,
                System::currentTimeMillis);
        ChangeFollower follower = new ChangeFollower(store.database(), changes, CHANGE_POLL);
        // several instances share PostgreSQL: a site's cold chain runs on its owner, from the committed readings
        Optional<ReadingFeed> readingFeed = store.database().dialect() == Dialect.POSTGRESQL
                ? Optional.of(new ReadingFeed(store.database(), READING_POLL)) : Optional.empty();

        List<SerialPortConfig> ports = config.serial().portConfigs(config.site());
        Optional<SerialIngestVerticle> serial = ports.isEmpty() ? Optional.empty()
                : Optional.of(new SerialIngestVerticle(ports, readings, scans, metrics.registry(), clock, publisher));

        AtomicBoolean running = new AtomicBoolean();
        List<ApiRoutes> features = List.of(
                new ColdChainRoutes(coldChain, devices, store.database(), new UnitDecisions(vertx, store.writer(), writes, clock), inventory,
                        config.site(), clock),
                new ExcursionReportRoutes(coldChain, devices, store.database(), inventory, config.site(), clock),
                new SupplyRoutes(supply, clock, config.site(), config::knowsSite),
                alerts.routes(),
                new SerialRoutes(() -> serial.map(s -> s.status().values()).orElse(List.of())),
                new FhirRoutes(inventory, clock, config.coldChain().regionRules()));
        // ready: started, the store open, and the database answered the change-log poll within the last few seconds
        ApiServices services = new ApiServices(scans, inventory, store.database(), keys, accounts, metrics,
                () -> running.get() && store.database().isOpen()
                        && System.currentTimeMillis() - follower.lastPollMillis() < DATABASE_SILENCE.toMillis(),
                ownership::owned, config::knowsSite, config.site(), clock);
        HttpApiVerticle http = new HttpApiVerticle(services, config.http().host(), config.http().port(), config.http().bodyLimitBytes(), features,
                new HttpGuards(config.http().idleTimeoutSeconds(), Duration.ofSeconds(config.http().requestHeadTimeoutSeconds()),
                        new FailureThrottle(config.security().authFailuresPerMinute(), Duration.ofMinutes(1))));

        return new Components(config, clock, vertx, metrics, store, inventory, writes, scans, readings, keys, coldChain, supply,
                alerts, mqtt, publisher, serial, http, new ExpirySweep(inventory, writes, clock, ownership::owns),
                new OutOfStorageSweep(inventory, writes, clock, ownership::owns, config.coldChain().outOfStorageLimitsByClass(),
                        e -> alerts.service().acceptColdChain(e)), passwordHashing,
                follower, followFrom, ownership, changes, readingFeed, running);
    }
}
