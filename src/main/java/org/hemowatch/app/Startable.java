package org.hemowatch.app;

import io.vertx.core.Future;

import java.util.function.Supplier;

/**
 * One part of the running service that has a start and a stop: a listener, a timer, a service
 * that loads its state. {@link Lifecycle} starts them in order and stops them in reverse.
 */
interface Startable {

    /** For logs and start-up errors, e.g. {@code "mqtt"}. */
    String name();

    Future<?> start();

    Future<?> stop();

    static Startable of(String name, Supplier<Future<?>> start, Supplier<Future<?>> stop) {
        return new Startable() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Future<?> start() {
                return start.get();
            }

            @Override
            public Future<?> stop() {
                return stop.get();
            }
        };
    }

    /** A part whose stop needs no waiting (timers). */
    static Startable stoppedAtOnce(String name, Supplier<Future<?>> start, Runnable stop) {
        return of(name, start, () -> {
            stop.run();
            return Future.succeededFuture();
        });
    }
}
