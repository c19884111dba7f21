package org.hemowatch.coldchain;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.hemowatch.domain.DeviceStatusReport;
import org.hemowatch.domain.Inventory;
import org.hemowatch.domain.TemperatureReading;
import org.hemowatch.domain.coldchain.ColdChainEvent;
import org.hemowatch.domain.coldchain.DeviceMonitor;
import org.hemowatch.domain.coldchain.DeviceMonitorState;
import org.hemowatch.domain.coldchain.DeviceProfile;
import org.hemowatch.domain.coldchain.Region;
import org.hemowatch.domain.coldchain.Excursion;
import org.hemowatch.domain.coldchain.ExcursionEngine;
import org.hemowatch.units.UnitRule;
import org.hemowatch.units.UnitWrites;
import org.hemowatch.store.AuditEntry;
import org.hemowatch.store.AuditRecords;
import org.hemowatch.store.GroupCommitWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Runs the pure {@link ExcursionEngine} inside the service. Readings (after COMMIT, from the writer
 * thread) and status reports hop onto one Vert.x context, which alone touches the engine. After each
 * input the changed monitor snapshots (documents {@code device-monitor}), open or closed excursions
 * (documents {@code excursions}) and the quarantine of the units in a device whose excursion just
 * started are written in ONE transaction; events reach {@link #onEvent listeners} after that commit.
 * On start the snapshots are restored, so an excursion open before a restart continues (same id, no
 * second start). Several instances on one database: only the owner of a site evaluates it, from the
 * committed readings, after rebuilding it from the database ({@link SiteInputs}, {@link SiteTakeover}).
 */
public final class ColdChainService {

    private static final long DAY_MS = 24 * 3600 * 1000L;
    private static final Logger LOG = LoggerFactory.getLogger(ColdChainService.class);

    private final Vertx vertx;
    private final GroupCommitWriter writer;
    private final ColdChainStore store;
    private final DeviceRegistry registry;
    private final ColdChainConfig config;
    private final String defaultSite;
    private final Clock clock;
    private final ColdChainMetrics metrics;
    private final ExcursionEngine engine = new ExcursionEngine();
    private final MonitorViews views;
    private final List<Consumer<ColdChainEvent>> listeners = new CopyOnWriteArrayList<>();
    private final SiteInputs inputs;
    private final StorageRuleSet rules;
    private final StepWrites steps;
    private Context context;
    private ReadingRetention retention;
    private StepJournal journal;
    private long tickTimer = -1;
    private long purgeTimer = -1;

    public ColdChainService(Vertx vertx, GroupCommitWriter writer, ColdChainStore store, UnitWrites writes,
                            Inventory inventory, DeviceRegistry registry, ColdChainConfig config, String defaultSite, Clock clock,
                            ColdChainMetrics metrics) {
        this.vertx = vertx;
        this.writer = writer;
        this.store = store;
        this.registry = registry;
        this.config = config;
        this.defaultSite = defaultSite;
        this.clock = clock;
        this.metrics = metrics;
        this.views = new MonitorViews(registry, metrics);
        this.inputs = new SiteInputs(vertx, () -> context, store, registry, engine, views, clock, this::run);
        this.steps = new StepWrites(store, writer, writes, inventory, clock, engine::monitors, inputs::evaluates);
        inputs.restoredBy(steps::stored);
        this.rules = new StorageRuleSet(registry, this::openExcursion, config.warnOnWrongDevice(), config.outOfStorageLimitsByClass());
    }

    /** Whose storage rules the device defaults follow. */
    public Region region() {
        return config.regionRules();
    }

    /**
     * Loads devices (config, then stored API changes by id), restores the monitor snapshots, and starts
     * the tick and the daily reading purge. Completes on the service's context.
     */
    public Future<Void> start() {
        context = vertx.getOrCreateContext();
        retention = new ReadingRetention(writer, context, clock, config.retention());
        journal = new StepJournal(vertx, step -> steps.attempt(step, context), this::deliver, metrics::writeRetried);
        for (DeviceConfig d : config.devices()) {
            registry.put(d.toProfile(defaultSite, config.regionRules()));
        }
        return context.executeBlocking(() -> new Stored(store.devices(), store.monitors()), false).compose(stored -> run(() -> {
            stored.devices().values().forEach(d -> registry.put(d.toProfile(defaultSite, config.regionRules())));
            restoreMonitors(stored.monitors());
            tickTimer = vertx.setPeriodic(config.tickInterval().toMillis(), id -> tick());
            // first right after the start: a service restarted more often than daily would otherwise never purge
            purgeTimer = vertx.setPeriodic(1, DAY_MS, id -> purge());
            return List.<ColdChainEvent>of();
        })).mapEmpty();
    }

    private record Stored(Map<String, DeviceConfig> devices, Map<String, DeviceMonitorState> monitors) { }

    /** Context: a monitor per registered device, from its stored snapshot unless it has none or a poisoned one. */
    private void restoreMonitors(Map<String, DeviceMonitorState> snapshots) {
        Instant now = clock.instant();
        for (DeviceProfile p : registry.all()) {
            String key = DeviceRegistry.key(p.site(), p.id());
            DeviceMonitorState stored = SiteRebuild.usable(snapshots.get(key), now);
            DeviceMonitor m = stored == null ? engine.register(p, now) : engine.restore(p, stored);
            if (stored != null) {
                steps.stored(key, m.snapshot());
            }
            views.watch(m);
        }
        LOG.info("cold chain: {} devices monitored, {} with an open excursion", registry.all().size(), views.openCount());
    }

    /** Several instances: only the sites whose {@code lease} is held are evaluated, each after {@link #adopt}. Before start. */
    public void ownedSites(Predicate<String> lease) {
        inputs.leased(lease);
    }

    /** Registers a listener for conditions found standing when a site is taken over (see {@link SiteRebuild#standing}). */
    public void onStanding(Consumer<ColdChainEvent> listener) {
        inputs.onStanding(listener);
    }

    /** This instance gained the lease of {@code site} (any thread): rebuilt from the database, then evaluated ({@link SiteTakeover}). */
    public void adopt(String site) {
        inputs.adopt(site);
    }

    /** Stops the timers. */
    public void stop() {
        vertx.cancelTimer(tickTimer);
        vertx.cancelTimer(purgeTimer);
    }

    /** The rule that UnitWrites evaluates for placement, time out of storage and quarantine on arrival. */
    public UnitRule unitRule() {
        return rules;
    }

    /**
     * Follows a device registered or changed by another instance (from the change log; any thread,
     * may block): reads its stored profile and registers it here, so its readings are admitted and
     * judged by its profile on this instance too.
     */
    public void follow(String deviceKey) {
        store.device(deviceKey).ifPresent(d -> {
            DeviceProfile p = d.toProfile(defaultSite, config.regionRules());
            context.runOnContext(v -> run(() -> {
                registry.put(p);
                views.watch(engine.register(p, clock.instant()));
                return List.of();
            }));
        });
    }

    /** The owner started or ended an excursion of a device (change log; any thread, may block): this view follows. */
    public void followMonitor(String deviceKey) {
        store.monitor(deviceKey).ifPresent(inputs::show);
    }

    /** Registers a listener for cold-chain events; called on the service's Vert.x context after the events were stored. */
    public void onEvent(Consumer<ColdChainEvent> listener) {
        listeners.add(listener);
    }

    /** Admission of readings: registered devices pass; unknown ones are refused or registered (coldChain.unknownDevices). */
    public DeviceAdmission admission() {
        return new RegisteringAdmission(registry, config, writer, store, clock);
    }

    /** Newly committed readings of this instance (one instance: the direct path); any thread (usually the writer). */
    public void readings(List<TemperatureReading> batch) {
        inputs.committed(batch);
    }

    /** Committed readings (any thread), let through per site by {@link SiteInputs}; completes once taken in (not stored). */
    public CompletionStage<Void> committed(List<TemperatureReading> batch) {
        return inputs.committed(batch);
    }

    /** A device status report (online, offline, alarm codes; any thread); one of a site evaluated elsewhere goes to {@code elsewhere}. */
    public void status(DeviceStatusReport report, Consumer<DeviceStatusReport> elsewhere) {
        inputs.status(report, elsewhere);
    }

    /** Runs one tick at the clock's time (the sites evaluated here); completes once its changes are stored (tests call it directly). */
    public Future<Void> tick() {
        return inputs.tick();
    }

    /**
     * Registers or changes a device (PUT): stores the profile with an audit entry naming the principal
     * ({@code actor}, {@code actorId}), and a second audit entry {@code device.signed} in the same
     * transaction holding {@code decisionJson} (the comment and electronic signature) when not null;
     * then applies it to the running monitor (its state is kept; the new limits apply from the next input).
     */
    public Future<DeviceProfile> update(DeviceProfile p, String actor, String actorId, String decisionJson) {
        String key = DeviceRegistry.key(p.site(), p.id());
        boolean existed = registry.find(p.site(), p.id()).isPresent();
        String json = store.encode(p);
        Instant now = clock.instant();
        return Future.fromCompletionStage(writer.submit(tx -> {
            store.putDevice(tx, key, json, now);
            AuditRecords.append(tx, new AuditEntry(now, actor, existed ? "device.update" : "device.register", key, json, actorId, p.site()));
            if (decisionJson != null) {
                AuditRecords.append(tx, new AuditEntry(now, actor, "device.signed", key, decisionJson, actorId, p.site()));
            }
            return null;
        }), context).compose(v -> run(() -> {
            registry.put(p);
            views.watch(engine.register(p, clock.instant()));
            return List.of();
        })).map(p); // refused as a concurrent change: the change log brings the stored profile, then a retry applies
    }

    /** The current monitor snapshot of a device, if it is monitored. */
    public Optional<DeviceMonitorState> state(String site, String device) {
        return views.state(site, device);
    }

    /** The open excursion of a device (thread-safe). */
    public Optional<Excursion> openExcursion(String site, String device) {
        return views.openExcursion(site, device);
    }

    /** Stored excursions of a device (open and closed), oldest first. Blocking: call from a worker. */
    public List<Excursion> excursions(String site, String device) {
        return store.excursions(site, device);
    }

    /**
     * Runs an engine step on the context, then stores what changed (snapshots, excursions, quarantines)
     * in one write and delivers the events after the commit. A failed write is retried with backoff
     * until it commits (the engine in memory has already moved on, so giving up would lose an
     * excursion's quarantine, its closed record or its alert); events are delivered in step order, so
     * a later step's events wait for an earlier step's retried write. The completed future means
     * the step is stored and its events delivered.
     */
    private Future<Void> run(Supplier<List<ColdChainEvent>> step) {
        List<ColdChainEvent> events;
        try {
            events = step.get();
        } catch (RuntimeException e) {
            LOG.error("cold-chain step failed", e);
            return Future.failedFuture(e);
        }
        for (DeviceMonitor m : engine.monitors()) {
            if (inputs.evaluates(m.profile().site())) { // a site owned elsewhere shows the owner's snapshot (followMonitor)
                views.track(m);
            }
        }
        StepJournal.Step s = new StepJournal.Step(events);
        for (ColdChainEvent e : events) {
            if (e instanceof ColdChainEvent.ExcursionStarted x) {
                s.started.add(x);
                metrics.excursionStarted(x.site(), x.device());
                LOG.warn("temperature excursion {}: {} ({} °C)", x.excursionId(), x.reason(), x.tempC());
            } else if (e instanceof ColdChainEvent.ExcursionEnded x) {
                s.ended.add(x.excursion());
                LOG.info("temperature excursion {} ended at {}", x.excursion().id(), x.excursion().end());
            }
        }
        return journal.add(s);
    }

    private void deliver(List<ColdChainEvent> events) {
        for (ColdChainEvent e : events) {
            for (Consumer<ColdChainEvent> l : listeners) {
                try {
                    l.accept(e);
                } catch (RuntimeException ex) {
                    LOG.warn("a cold-chain event listener failed on {}", e, ex);
                }
            }
        }
    }

    /** The reading retention purge (see {@link ReadingRetention}); the daily timer calls it, tests call it directly. */
    Future<Integer> purge() {
        return retention.purge();
    }
}
