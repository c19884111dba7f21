package org.hemowatch.ingest.mqtt;

import io.vertx.core.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Hands tasks from any thread (the store's writer completing a commit) to one connection's context,
 * many per hop: a commit that settles several hundred messages of a connection costs one
 * {@link Context#runOnContext} and one pass on the event loop, not one per message.
 *
 * <p>Contract: tasks run on the context, one at a time, in the order they were handed over; a task
 * that throws is logged and does not stop the ones after it. Thread-safe.
 */
final class Handover {

    private static final Logger LOG = LoggerFactory.getLogger(Handover.class);

    private final Context context;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    Handover(Context context) {
        this.context = context;
    }

    /** Runs {@code task} on the context, after every task handed over before it. */
    void run(Runnable task) {
        tasks.add(task);
        if (scheduled.compareAndSet(false, true)) {
            context.runOnContext(v -> drain());
        }
    }

    private void drain() {
        // cleared first: a task added from now on schedules a pass of its own (which may find nothing left)
        scheduled.set(false);
        Runnable t;
        while ((t = tasks.poll()) != null) {
            try {
                t.run();
            } catch (RuntimeException e) {
                LOG.error("a task handed over to an MQTT connection failed", e);
            }
        }
    }
}
