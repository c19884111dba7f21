package org.hemowatch.coldchain;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.hemowatch.domain.DeviceStatusReport;
import org.hemowatch.domain.TemperatureReading;
import org.hemowatch.domain.coldchain.ColdChainEvent;
import org.hemowatch.domain.coldchain.DeviceMonitorState;
import org.hemowatch.domain.coldchain.ExcursionEngine;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The inputs of the cold-chain engine (readings, status reports, ticks), let through per site by
 * {@link OwnedSites}: evaluated when this instance evaluates the site, held while the site is being
 * rebuilt ({@link SiteTakeover}), otherwise ignored (readings: the owner reads them from the
 * committed stream) or passed on (status reports: they are not stored, so they travel to the owner).
 * Every method hops onto the service's context, which alone touches the engine.
 */
final class SiteInputs {

    private final Supplier<Context> context;
    private final DeviceRegistry registry;
    private final ExcursionEngine engine;
    private final MonitorViews views;
    private final Clock clock;
    private final Function<Supplier<List<ColdChainEvent>>, Future<Void>> step;
    private final SiteTakeover takeover;
    private volatile BiConsumer<String, DeviceMonitorState> restored = (k, s) -> { };
    /** Context only once started: every site (one instance), or the leased ones after their rebuild. */
    private OwnedSites<Object> sites = OwnedSites.every();

    SiteInputs(Vertx vertx, Supplier<Context> context, ColdChainStore store, DeviceRegistry registry, ExcursionEngine engine,
               MonitorViews views, Clock clock, Function<Supplier<List<ColdChainEvent>>, Future<Void>> step) {
        this.context = context;
        this.registry = registry;
        this.engine = engine;
        this.views = views;
        this.clock = clock;
        this.step = step;
        this.takeover = new SiteTakeover(vertx, context, store, registry, engine, clock, () -> sites,
                (key, s) -> restored.accept(key, s), step, this::evaluate);
    }

    /** Who is told of every snapshot a rebuild took from the store. */
    void restoredBy(BiConsumer<String, DeviceMonitorState> restored) {
        this.restored = restored;
    }

    /** Several instances: only the sites whose lease is held, each after its rebuild. Before the service starts. */
    void leased(Predicate<String> lease) {
        sites = OwnedSites.leased(lease);
    }

    /** Context: true when the site is evaluated here now. */
    boolean evaluates(String site) {
        return sites.evaluates(site);
    }

    /** The owner's stored snapshot of a device: shown here unless this instance evaluates its site itself. */
    void show(DeviceMonitorState owners) {
        context.get().runOnContext(v -> {
            if (!sites.evaluates(owners.site()) && engine.knows(owners.site(), owners.device())) {
                views.show(owners);
            }
        });
    }

    void adopt(String site) {
        takeover.adopt(site);
    }

    void onStanding(Consumer<ColdChainEvent> listener) {
        takeover.onStanding(listener);
    }

    CompletionStage<Void> committed(List<TemperatureReading> batch) {
        CompletableFuture<Void> taken = new CompletableFuture<>();
        context.get().runOnContext(v -> {
            step.apply(() -> {
                List<ColdChainEvent> ev = new ArrayList<>();
                for (TemperatureReading r : batch) {
                    if (sites.evaluates(r.site())) {
                        ev.addAll(evaluate(r));
                    } else {
                        sites.hold(r.site(), r);
                    }
                }
                return ev;
            });
            taken.complete(null);
        });
        return taken;
    }

    void status(DeviceStatusReport report, Consumer<DeviceStatusReport> elsewhere) {
        context.get().runOnContext(v -> step.apply(() -> {
            if (sites.evaluates(report.site())) {
                return evaluate(report);
            }
            if (!sites.hold(report.site(), report)) {
                elsewhere.accept(report);
            }
            return List.of();
        }));
    }

    Future<Void> tick() {
        Promise<Void> done = Promise.promise();
        context.get().runOnContext(v -> step.apply(() -> engine.onTick(clock.instant(), sites::evaluates)).onComplete(done));
        return done.future();
    }

    /** Context: one input of a site evaluated here. */
    private List<ColdChainEvent> evaluate(Object input) {
        if (input instanceof TemperatureReading r) {
            ensureMonitored(r.site(), r.device());
            return engine.onReading(r, clock.instant()); // the last-reading time never runs ahead of the clock
        }
        DeviceStatusReport report = (DeviceStatusReport) input;
        ensureMonitored(report.site(), report.device());
        return engine.onStatus(report);
    }

    private void ensureMonitored(String site, String device) {
        if (!engine.knows(site, device)) {
            registry.find(site, device).ifPresent(p -> views.watch(engine.register(p, clock.instant())));
        }
    }
}
