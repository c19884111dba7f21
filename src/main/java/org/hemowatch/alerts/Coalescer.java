package org.hemowatch.alerts;

import java.util.function.LongSupplier;

/**
 * Runs an action at most once per window however often it is triggered: the first trigger after
 * a quiet window runs at once (no added latency), triggers within the window share one run at
 * the window's end. Not thread-safe: one context calls it.
 */
public final class Coalescer {

    /** Schedules a one-shot task after a delay in milliseconds. */
    @FunctionalInterface
    public interface Scheduler {
        void schedule(long delayMillis, Runnable task);
    }

    private final long windowMillis;
    private final LongSupplier nowMillis;
    private final Scheduler scheduler;
    private final Runnable action;
    private long lastRun = Long.MIN_VALUE;
    private boolean pending;

    public Coalescer(long windowMillis, LongSupplier nowMillis, Scheduler scheduler, Runnable action) {
        this.windowMillis = windowMillis;
        this.nowMillis = nowMillis;
        this.scheduler = scheduler;
        this.action = action;
    }

    public void trigger() {
        if (pending) {
            return;
        }
        long now = nowMillis.getAsLong();
        long wait = lastRun == Long.MIN_VALUE ? 0 : lastRun + windowMillis - now;
        if (wait <= 0) {
            run();
        } else {
            pending = true;
            scheduler.schedule(wait, () -> {
                pending = false;
                run();
            });
        }
    }

    /** Records a run made outside (e.g. by the periodic tick), so the next trigger waits its window. */
    public void ran() {
        lastRun = nowMillis.getAsLong();
    }

    private void run() {
        lastRun = nowMillis.getAsLong();
        action.run();
    }
}
