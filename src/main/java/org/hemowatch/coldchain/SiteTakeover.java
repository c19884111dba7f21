package org.hemowatch.coldchain;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.hemowatch.domain.coldchain.ColdChainEvent;
import org.hemowatch.domain.coldchain.DeviceMonitorState;
import org.hemowatch.domain.coldchain.DeviceProfile;
import org.hemowatch.domain.coldchain.ExcursionEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What the cold-chain service does when this instance gains a site's lease (several instances): the
 * site goes REBUILDING in {@link OwnedSites} (its inputs are held), its devices are read from the
 * database on a worker ({@link SiteRebuild#load}), and then, in ONE engine step on the service's
 * context, the monitors are rebuilt, the held inputs evaluated, and the site goes LIVE. A failed
 * read is tried again every second while the site is still being rebuilt. Conditions still standing
 * from the stored snapshots go to the {@link #onStanding} listeners (raise-if-missing).
 */
final class SiteTakeover {

    private static final Logger LOG = LoggerFactory.getLogger(SiteTakeover.class);

    private final Vertx vertx;
    private final Supplier<Context> context;
    private final ColdChainStore store;
    private final DeviceRegistry registry;
    private final ExcursionEngine engine;
    private final Clock clock;
    private final Supplier<OwnedSites<Object>> sites;
    private final BiConsumer<String, DeviceMonitorState> restored;
    private final Function<Supplier<List<ColdChainEvent>>, Future<Void>> step;
    private final Function<Object, List<ColdChainEvent>> evaluate;
    private final List<Consumer<ColdChainEvent>> standing = new CopyOnWriteArrayList<>();

    /**
     * @param restored told each snapshot taken from the store (it is stored already)
     * @param step     runs an engine step on the context and stores what it changed
     * @param evaluate evaluates one held input (context)
     */
    SiteTakeover(Vertx vertx, Supplier<Context> context, ColdChainStore store, DeviceRegistry registry, ExcursionEngine engine,
                 Clock clock, Supplier<OwnedSites<Object>> sites, BiConsumer<String, DeviceMonitorState> restored,
                 Function<Supplier<List<ColdChainEvent>>, Future<Void>> step, Function<Object, List<ColdChainEvent>> evaluate) {
        this.vertx = vertx;
        this.context = context;
        this.store = store;
        this.registry = registry;
        this.engine = engine;
        this.clock = clock;
        this.sites = sites;
        this.restored = restored;
        this.step = step;
        this.evaluate = evaluate;
    }

    void onStanding(Consumer<ColdChainEvent> listener) {
        standing.add(listener);
    }

    /** The lease of {@code site} was gained (any thread, never blocks). */
    void adopt(String site) {
        Context ctx = context.get();
        ctx.runOnContext(v -> {
            int generation = sites.get().adopt(site);
            List<DeviceProfile> devices = registry.all().stream().filter(p -> p.site().equals(site)).toList();
            Instant now = clock.instant();
            ctx.executeBlocking(() -> SiteRebuild.load(store, devices, now), false)
                    .onSuccess(loaded -> rebuilt(site, generation, devices, loaded))
                    .onFailure(e -> {
                        LOG.warn("cold chain of site {} could not be rebuilt ({}); trying again in 1 s", site, e.getMessage());
                        vertx.setTimer(1000, t -> ctx.runOnContext(again -> {
                            if (sites.get().state(site) == OwnedSites.State.REBUILDING) {
                                adopt(site);
                            }
                        }));
                    });
        });
    }

    private void rebuilt(String site, int generation, List<DeviceProfile> devices, SiteRebuild.Loaded loaded) {
        List<Object> held = sites.get().rebuilt(site, generation);
        if (held == null) {
            return; // a newer rebuild started, or the lease is gone
        }
        step.apply(() -> {
            List<ColdChainEvent> ev = new ArrayList<>(SiteRebuild.apply(engine, devices, loaded, clock.instant(), restored));
            held.forEach(input -> ev.addAll(evaluate.apply(input)));
            for (DeviceMonitorState stored : loaded.snapshots().values()) {
                engine.monitor(stored.site(), stored.device()).ifPresent(m -> SiteRebuild.standing(stored, m.snapshot())
                        .forEach(e -> standing.forEach(l -> l.accept(e))));
            }
            LOG.info("cold chain of site {} rebuilt: {} devices, {} readings replayed, {} inputs held; evaluated here from now on",
                    site, devices.size(), loaded.readings().values().stream().mapToInt(List::size).sum(), held.size());
            return ev;
        });
    }
}
