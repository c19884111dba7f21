package org.hemowatch.app;

import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * An ordered list of {@link Startable}s. {@link #start} starts them one after the other, each once
 * the previous one has started; if one fails, the ones already started are stopped in reverse
 * order and the start fails with that part's failure. {@link #stop} stops every started part in
 * reverse order, waiting for each; a failing stop is logged and the next one still runs.
 * Not thread-safe: start and stop run on one Vert.x context.
 */
final class Lifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(Lifecycle.class);

    private final List<Startable> parts;
    private final List<Startable> started = new ArrayList<>();

    Lifecycle(List<Startable> parts) {
        this.parts = List.copyOf(parts);
    }

    Future<Void> start() {
        Future<Void> chain = Future.succeededFuture();
        for (Startable p : parts) {
            chain = chain.compose(v -> p.start().<Void>mapEmpty()
                    .onSuccess(x -> {
                        started.add(p);
                        LOG.debug("started {}", p.name());
                    }));
        }
        return chain.recover(failure -> stop().transform(ignored -> Future.failedFuture(failure)));
    }

    /** Stops what was started, last first. Completes when every stop has completed (or failed). */
    Future<Void> stop() {
        Future<Void> chain = Future.succeededFuture();
        for (int i = started.size() - 1; i >= 0; i--) {
            Startable p = started.get(i);
            chain = chain.transform(v -> {
                Future<?> stopped;
                try {
                    stopped = p.stop();
                } catch (RuntimeException e) {
                    stopped = Future.failedFuture(e);
                }
                return stopped.<Void>transform(ar -> {
                    if (ar.failed()) {
                        LOG.warn("stopping {} failed: {}", p.name(), ar.cause().toString());
                    }
                    return Future.succeededFuture();
                });
            });
        }
        return chain.onComplete(v -> started.clear());
    }

    /** Names of the started parts, in start order. */
    List<String> startedNames() {
        return started.stream().map(Startable::name).toList();
    }
}
