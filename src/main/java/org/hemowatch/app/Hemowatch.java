package org.hemowatch.app;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import org.hemowatch.app.config.HemowatchConfig;
import org.hemowatch.metrics.HemowatchMetrics;
import org.hemowatch.domain.LogSafe;
import org.hemowatch.metrics.MetricNames;
import org.hemowatch.units.CrossoverRule;
import org.hemowatch.units.ShelfLifeRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The composition root, the one place where Hemowatch is wired, in three steps that cannot be
 * taken in another order:
 * <ol>
 *   <li>open the {@link Store} (data directory, database, writer);</li>
 *   <li>{@link Components#build build} every component into one immutable set, then make every
 *       subscription between them ({@link #subscribe});</li>
 *   <li>start the {@link #parts ordered parts}; {@link #close} stops them in reverse, then the
 *       store.</li>
 * </ol>
 * If any step fails, what was opened is closed and the returned future fails; a failure with a
 * known cause (a port in use, an unreadable key, a store that cannot be opened) is a
 * {@link StartupFailure} whose message is the line to show the operator.
 */
public final class Hemowatch {

    private static final Logger LOG = LoggerFactory.getLogger(Hemowatch.class);
    /** How often the expiry timer looks for units past their expiry, and for units out of controlled storage too long. */
    private static final long EXPIRY_SWEEP_MS = 60_000;
    /** Upper bound for opening the store (including its connection retries) and for starting the parts. */
    private static final long STEP_TIMEOUT_S = 60;
    /**
     * Upper bound for building the components, which loads the open units: it reads every unit in stock, so on a
     * loaded machine with a large stock it may take longer than the other steps (it makes progress all along).
     */
    private static final long BUILD_TIMEOUT_S = 600;
    /** How often the stock counts move units between their expiry classes (reads move them too, so counts are exact either way). */
    private static final long STOCK_CLOCK_MS = 1_000;

    private final Components c;
    private final Context context;
    private final Lifecycle lifecycle;

    private Hemowatch(Components c, Context context) {
        this.c = c;
        this.context = context;
        this.lifecycle = new Lifecycle(parts(c));
    }

    /**
     * Starts the service on a thread of its own; the future completes (outside Vert.x) with the
     * running service, or fails with the cause once everything opened has been closed again.
     */
    public static Future<Hemowatch> start(HemowatchConfig config, Clock clock) {
        CompletableFuture<Hemowatch> result = new CompletableFuture<>();
        Thread starter = new Thread(() -> {
            try {
                result.complete(startBlocking(config, clock));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        }, "hemowatch-start");
        starter.setDaemon(true);
        starter.start();
        return Future.fromCompletionStage(result);
    }

    private static Hemowatch startBlocking(HemowatchConfig config, Clock clock) throws Exception {
        LOG.info("Hemowatch starting (data directory {})", config.dataPath());
        HemowatchMetrics metrics = new HemowatchMetrics();
        io.micrometer.core.instrument.Counter mqttGarbage = io.micrometer.core.instrument.Counter.builder(MetricNames.MQTT_PROTOCOL_ERRORS)
                .description("Errors the MQTT server reported outside an accepted connection").register(metrics.registry());
        Vertx vertx = Vertx.builder()
                .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
                .withMetrics(new UndecodableMqttBytes(new MicrometerMetricsFactory(metrics.registry()), mqttGarbage))
                .build();
        vertx.exceptionHandler(t -> unhandled(t, mqttGarbage));
        Context context = vertx.getOrCreateContext();
        // Argon2id hashing and checking: slow on purpose, so never on an event loop or the writer
        ExecutorService passwordHashing = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "hemowatch-passwords");
            t.setDaemon(true);
            return t;
        });
        Store store = null;
        try {
            store = await(context.executeBlocking(() -> Store.open(config, metrics)));
            Store opened = store;
            Hemowatch h = new Hemowatch(await(context.executeBlocking(
                    () -> Components.build(config, clock, vertx, metrics, opened, passwordHashing)), BUILD_TIMEOUT_S), context);
            h.subscribe();
            await(h.onContext(h.lifecycle::start));
            h.c.running().set(true);
            return h;
        } catch (Exception e) {
            // every part that started was stopped by the lifecycle; close the rest from this (non-Vert.x) thread
            closeQuietly(vertx, store, passwordHashing);
            throw e;
        }
    }

    /**
     * Every subscription between components, in one place. Those that need the subscriber started
     * first (supply and alerts evaluate committed unit changes) are made by its part in {@link #parts}.
     */
    private void subscribe() {
        c.writes().addRule(new ShelfLifeRule(c.config().maxShelfLife()));
        c.writes().addRule(c.coldChain().unitRule());
        c.writes().addRule(new CrossoverRule(c.config()::crossoverAt));
        c.readings().setAdmission(c.coldChain().admission());
        c.supply().onParLevelsChanged(c.alerts().service()::evaluateSoon);
        c.coldChain().onEvent(c.alerts().service()::acceptColdChain);
        c.keys().revocations().subscribe(c.alerts().sse()::closeStreamsOf); // a revoked key's alert streams end at once
        SeveralInstances.subscribe(c);
    }

    /** What starts, in order: state first, then the listeners that accept input, then the timers. */
    private static List<Startable> parts(Components c) {
        List<Startable> parts = new ArrayList<>();
        parts.add(Startable.stoppedAtOnce("cold chain", c.coldChain()::start, c.coldChain()::stop));
        c.mqtt().ifPresent(m -> parts.add(Startable.of("mqtt", () -> {
            ListenerFailures.checkTlsFiles(m.config());
            return m.start().recover(e -> Future.failedFuture(m.config().external() ? e : ListenerFailures.mqtt(m.config(), e)));
        }, m::close)));
        parts.add(Startable.stoppedAtOnce("supply", () -> c.supply().start()
                .onSuccess(v -> c.writes().onCommitted(c.supply()::committed)), () -> { }));
        parts.add(Startable.stoppedAtOnce("alerts", () -> c.alerts().start()
                .onSuccess(v -> c.writes().onCommitted(x -> c.alerts().service().evaluateSoon())), c.alerts().service()::stop));
        parts.add(verticle("http", c.vertx(), c.http(), e -> ListenerFailures.http(c.config().http().host(), c.config().http().port(), e)));
        c.serial().ifPresent(s -> parts.add(verticle("serial", c.vertx(), s, e -> e)));
        parts.add(Startable.stoppedAtOnce("change follower", () -> {
            c.follower().start(c.followFrom());
            return Future.succeededFuture();
        }, c.follower()::close));
        c.readingFeed().ifPresent(feed -> parts.add(SeveralInstances.feed(c, feed)));
        long[] leaseTimer = {-1};
        parts.add(Startable.stoppedAtOnce("site leases", () -> {
            leaseTimer[0] = c.vertx().setPeriodic(Components.LEASE_RENEWAL.toMillis(), t -> c.ownership().renew());
            return Future.fromCompletionStage(c.ownership().renew());
        }, () -> {
            c.vertx().cancelTimer(leaseTimer[0]);
            c.ownership().release(); // queued before the writer drains: another instance takes over at its next round
        }));
        parts.add(timer("expiry and out-of-storage sweeps", c.vertx(), EXPIRY_SWEEP_MS, true, () -> sweep(c)));
        parts.add(timer("stock clock", c.vertx(), STOCK_CLOCK_MS, false, () -> c.inventory().advance(c.clock().instant())));
        return parts;
    }

    private static Startable verticle(String name, Vertx vertx, io.vertx.core.Deployable verticle,
                                      java.util.function.Function<Throwable, Throwable> explain) {
        AtomicReference<String> id = new AtomicReference<>();
        return Startable.of(name, () -> vertx.deployVerticle(verticle).onSuccess(id::set).recover(e -> Future.failedFuture(explain.apply(e))),
                () -> id.get() == null ? Future.succeededFuture() : vertx.undeploy(id.get()));
    }

    /** A periodic task; with {@code runAtStart} it also runs once when started. */
    private static Startable timer(String name, Vertx vertx, long periodMs, boolean runAtStart, Runnable task) {
        long[] id = {-1};
        return Startable.stoppedAtOnce(name, () -> {
            if (runAtStart) {
                task.run();
            }
            id[0] = vertx.setPeriodic(periodMs, t -> task.run());
            return Future.succeededFuture();
        }, () -> vertx.cancelTimer(id[0]));
    }

    private static void sweep(Components c) {
        c.expiry().sweep().whenComplete((n, e) -> {
            if (e != null) {
                LOG.warn("expiry sweep failed; it runs again in {} s", EXPIRY_SWEEP_MS / 1000, e);
            } else if (n > 0) {
                LOG.info("{} units passed their expiry and are now EXPIRED", n);
            }
        });
        c.outOfStorage().sweep().whenComplete((units, e) -> {
            if (e != null) {
                LOG.warn("out-of-storage sweep failed; it runs again in {} s", EXPIRY_SWEEP_MS / 1000, e);
            } else if (!units.isEmpty()) {
                LOG.warn("{} units were out of controlled storage longer than their limit and are now QUARANTINED", units.size());
            }
        });
    }

    /**
     * Last resort for exceptions no handler caught. A client breaking the MQTT protocol (a PUBLISH
     * before CONNECT or after DISCONNECT) makes vertx-mqtt throw out of its socket handler: that
     * is the client's fault, unauthenticated: counted, and one line at debug (no log flooding by strangers).
     */
    private static void unhandled(Throwable t, io.micrometer.core.instrument.Counter mqttGarbage) {
        StackTraceElement[] at = t.getStackTrace();
        if (at.length > 0 && at[0].getClassName().startsWith("io.vertx.mqtt.")) {
            mqttGarbage.increment();
            LOG.debug("MQTT protocol error from a client: {}", LogSafe.escape(String.valueOf(t.getMessage())));
        } else {
            LOG.error("unhandled exception in an event-loop handler", t);
        }
    }

    /** The HTTP port actually bound. */
    public int httpPort() {
        return c.http().actualPort();
    }

    /** The narrow access point for tests and benchmarks: components they observe or drive. Not for production code. */
    public ServiceInternals internals() {
        return new ServiceInternals(c);
    }

    /** Stops the parts in reverse order, then Vert.x, then drains the writer and closes the database. Call from outside Vert.x. */
    public Future<Void> close() {
        c.running().set(false);
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            await(onContext(lifecycle::stop));
        } catch (Exception e) {
            LOG.warn("stopping the service did not finish cleanly: {}", e.toString());
        }
        closeQuietly(c.vertx(), c.store(), c.passwordHashing());
        done.complete(null);
        return Future.fromCompletionStage(done);
    }

    private static void closeQuietly(Vertx vertx, Store store, ExecutorService passwordHashing) {
        passwordHashing.shutdownNow();
        try {
            await(vertx.close());
        } catch (Exception e) {
            LOG.warn("closing Vert.x failed: {}", e.toString());
        }
        if (store != null) {
            try {
                store.close();
            } catch (RuntimeException e) {
                LOG.warn("error while closing the store", e);
            }
        }
    }

    /** Runs an asynchronous step on the service's context (every part starts and stops there). */
    private <T> Future<T> onContext(Supplier<Future<T>> step) {
        Promise<T> p = Promise.promise();
        context.runOnContext(v -> {
            try {
                step.get().onComplete(p);
            } catch (RuntimeException e) {
                p.fail(e);
            }
        });
        return p.future();
    }

    /** Waits, on a thread that is not Vert.x's, for a step; its failure is rethrown as it is. */
    private static <T> T await(Future<T> f) throws Exception {
        return await(f, STEP_TIMEOUT_S);
    }

    private static <T> T await(Future<T> f, long timeoutSeconds) throws Exception {
        try {
            return f.toCompletionStage().toCompletableFuture().get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }
}
