package org.hemowatch.store;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the {@link ChangeLog} written by the other instances sharing the database, on one thread
 * of its own ({@value #THREAD_NAME}), and hands each change to the handler of its kind.
 *
 * <p>Contract:
 * <ul>
 *   <li>every row appended after {@link #start(long)}'s position, by another origin, reaches its
 *       handler at least once; this instance's own rows are skipped (its views changed at commit);</li>
 *   <li>wake-up: on PostgreSQL a {@code LISTEN} session (a notification arrives at the writer's
 *       commit), plus a poll every {@code interval} whatever happens, so a lost notification or a
 *       broken LISTEN session delays a change by at most one interval;</li>
 *   <li>ids are taken by PostgreSQL when a row is inserted, not when it commits, so a lower id can
 *       become visible after a higher one: a skipped id is remembered as a gap ({@link IdCursor}) and
 *       looked for again for {@link #GAP_PATIENCE}; an id never seen by then belonged to a rolled-back transaction;</li>
 *   <li>when rows this follower had not read were pruned (it was stopped or cut off for longer than
 *       the log keeps them), the resync handlers run: each reloads its whole view from the tables;</li>
 *   <li>a handler that throws is logged; its change is not retried (the next change of the same
 *       subject, or a resync, brings it up to date).</li>
 * </ul>
 */
public final class ChangeFollower implements AutoCloseable {

    public static final String THREAD_NAME = "hemowatch-changes";
    static final Duration GAP_PATIENCE = Duration.ofSeconds(30);
    private static final int PAGE = 500;
    private static final Logger LOG = LoggerFactory.getLogger(ChangeFollower.class);

    private final Database db;
    private final String origin;
    private final Duration interval;
    private final Map<ChangeLog.Kind, Consumer<String>> handlers = new ConcurrentHashMap<>();
    private final List<Runnable> resyncs = new CopyOnWriteArrayList<>();
    /** Follower thread only after start. */
    private IdCursor cursor;
    private volatile boolean running;
    private volatile boolean paused;
    private volatile long lastPollMillis;
    private Thread thread;
    private ListenSession wakeUp; // follower thread only

    public ChangeFollower(Database db, ChangeLog log, Duration interval) {
        this.db = Objects.requireNonNull(db, "db");
        this.origin = log.origin();
        this.interval = interval;
    }

    /** The position to start from: read it before loading the views, so nothing falls in between. */
    public static long position(Database db) {
        return db.read(ChangeLog::maxId);
    }

    /** Sets the handler of one kind (called with the subject, on the follower thread; may read the database). */
    public void on(ChangeLog.Kind kind, Consumer<String> handler) {
        handlers.put(kind, handler);
    }

    /** Adds a full reload, run when changes were missed for good. */
    public void onResync(Runnable reload) {
        resyncs.add(reload);
    }

    /** Starts following after {@code position} (see {@link #position}). */
    public synchronized void start(long position) {
        if (thread != null) {
            return;
        }
        cursor = new IdCursor(position, GAP_PATIENCE, 10_000);
        wakeUp = new ListenSession(db, ChangeLog.CHANNEL);
        running = true;
        thread = new Thread(this::run, THREAD_NAME);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Stops following until {@link #resume()} (readiness still reports the last poll): for tests that
     * need an instance whose views are stale, and for maintenance. What is missed meanwhile follows at resume.
     */
    public void pause() {
        paused = true;
    }

    public void resume() {
        paused = false;
    }

    /** When the log was last read successfully (epoch ms; 0 = never): for readiness. */
    public long lastPollMillis() {
        return lastPollMillis;
    }

    private void run() {
        while (running) {
            try {
                if (paused) {
                    waitForWakeUp();
                    continue;
                }
                pollOnce();
                lastPollMillis = System.currentTimeMillis();
            } catch (RuntimeException e) {
                LOG.warn("cannot read the change log; views of other instances' changes are stale until it can be read: {}",
                        e.getMessage());
            }
            waitForWakeUp();
        }
        wakeUp.close();
    }

    /** Reads and dispatches everything new; package-private for tests. */
    void pollOnce() {
        long now = System.currentTimeMillis();
        cursor.expire(now);
        long from = cursor.readFrom();
        long oldest = db.read(ChangeLog::minId);
        if (oldest > from + 1 && from > 0) {
            LOG.warn("change log rows {}..{} were pruned before this instance read them; reloading every view", from + 1, oldest - 1);
            cursor.skipTo(oldest - 1);
            resyncs.forEach(ChangeFollower::runQuietly);
            from = cursor.high();
        }
        while (true) {
            final long after = from;
            List<ChangeLog.Change> page = db.read(c -> ChangeLog.since(c, after, PAGE));
            for (ChangeLog.Change ch : page) {
                accept(ch, now);
            }
            if (page.size() < PAGE) {
                return;
            }
            from = page.get(page.size() - 1).id();
        }
    }

    private void accept(ChangeLog.Change ch, long now) {
        long id = ch.id();
        if (!cursor.accept(id, now)) {
            return; // seen already
        }
        if (origin.equals(ch.origin())) {
            return;
        }
        Consumer<String> h = handlers.get(ch.kind());
        if (h != null) {
            try {
                h.accept(ch.subject());
            } catch (RuntimeException e) {
                LOG.warn("could not follow change {} ({} {})", id, ch.kind(), ch.subject(), e);
            }
        }
    }

    private void waitForWakeUp() {
        if (!wakeUp.await(interval.toMillis())) {
            running = false;
        }
    }

    private static void runQuietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.warn("a view could not be reloaded from the database", e);
        }
    }

    /** The writer task that prunes rows older than {@code keep}; run it now and then (any instance may). */
    public static WriteTask<Integer> pruneOlderThan(Duration keep) {
        return tx -> ChangeLog.prune(tx, Instant.now().minus(keep));
    }

    @Override
    public void close() {
        running = false;
        Thread t;
        synchronized (this) {
            t = thread;
        }
        ListenSession.stop(t);
    }
}
