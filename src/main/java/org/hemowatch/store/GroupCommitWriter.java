package org.hemowatch.store;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single writer of the store. Every write goes through {@link #submit}; one thread
 * ({@value #THREAD_NAME}) executes them with <em>group commit</em>:
 *
 * <ol>
 *   <li>take the first queued task, then drain further queued tasks up to {@code maxBatch} in total;</li>
 *   <li>run each task in its own SAVEPOINT of one transaction; a task that throws is rolled back to its
 *       savepoint, its {@link Tx#afterRollback} hooks run, and only its future fails;</li>
 *   <li>COMMIT once for the whole batch;</li>
 *   <li>run the {@link Tx#afterCommit} hooks of all successful tasks in submission order, call
 *       {@link WriterListener#batchCommitted}, then complete the futures in submission order.</li>
 * </ol>
 *
 * <p>If the COMMIT (or the transaction itself) fails, the batch is rolled back, the
 * {@code afterRollback} hooks of every task run, every future fails and
 * {@link WriterListener#batchFailed} is called; the writer then carries on with the next batch
 * (re-opening its connection if it was lost).
 *
 * <p>A task submitted with {@link #submitLingering} that finds the writer idle waits up to {@link #LINGER_NANOS}
 * for another task before its batch starts, so that a follow-up write (the cold-chain state after a
 * commit of readings) shares the next COMMIT and its fsync instead of taking one of its own. Tasks
 * still run in submission order.
 *
 * <p>No future completes before the COMMIT that made its task durable has returned. Hooks, the
 * listener and non-async continuations of the returned futures run on the writer thread: they
 * must be quick and must never block, or they stall every write.
 */
public final class GroupCommitWriter implements AutoCloseable {

    public static final String THREAD_NAME = "hemowatch-writer";
    private static final Logger log = LoggerFactory.getLogger(GroupCommitWriter.class);
    private static final PendingWrite<Void> STOP = new PendingWrite<>(tx -> null);

    /** Longest wait of a lingering task for company (see the class comment). */
    public static final long LINGER_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final long lingerNanos;
    private final int maxBatch;
    private final LinkedBlockingQueue<PendingWrite<?>> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger outstanding = new AtomicInteger();
    private final AtomicLong submissions = new AtomicLong();
    private final Object state = new Object();
    private boolean paused; // guarded by state
    private boolean closing; // guarded by state
    private boolean inBatch; // guarded by state
    private final Thread thread;
    private final BatchRunner batches; // writer thread only (after construction)

    /**
     * Opens the write connection and starts the writer thread.
     *
     * @param maxBatch most tasks committed in one transaction (at least 1)
     * @throws StoreException when the write connection cannot be opened
     */
    public GroupCommitWriter(Database db, int maxBatch, WriterListener listener) {
        this(db, maxBatch, listener, LINGER_NANOS);
    }

    /** As above, with the longest wait of a lingering task (tests). */
    GroupCommitWriter(Database db, int maxBatch, WriterListener listener, long lingerNanos) {
        this.lingerNanos = lingerNanos;
        if (maxBatch < 1) {
            throw new IllegalArgumentException("maxBatch must be at least 1");
        }
        Objects.requireNonNull(db, "db");
        this.maxBatch = maxBatch;
        try {
            this.batches = new BatchRunner(db, listener == null ? WriterListener.NONE : listener, outstanding);
        } catch (SQLException e) {
            throw new StoreException("cannot open write connection to " + db.config().safeUrl() + ": " + e.getMessage(), e);
        }
        this.thread = new Thread(this::run, THREAD_NAME);
        // nothing is acknowledged before commit, so a daemon writer cannot lose acknowledged data
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Queues {@code task}. The future completes with the task's result after the transaction that
     * contains it has committed, or exceptionally with the task's own exception (its changes rolled
     * back) or a {@link StoreException} (the whole batch rolled back, or the writer is closed).
     */
    public <R> CompletableFuture<R> submit(WriteTask<R> task) {
        return enqueue(new PendingWrite<>(Objects.requireNonNull(task, "task")));
    }

    /**
     * As {@link #submit}, for a write that need not be durable at once: if the writer is idle, it waits
     * up to {@link #LINGER_NANOS} for another task to share the COMMIT with (see the class comment).
     */
    public <R> CompletableFuture<R> submitLingering(WriteTask<R> task) {
        return enqueue(new PendingWrite<>(Objects.requireNonNull(task, "task"), true));
    }

    private <R> CompletableFuture<R> enqueue(PendingWrite<R> p) {
        synchronized (state) {
            if (closing) {
                return CompletableFuture.failedFuture(new StoreException("writer is closed"));
            }
            outstanding.incrementAndGet();
            submissions.incrementAndGet();
            queue.add(p);
        }
        return p.future;
    }

    /**
     * Stops starting new batches. Returns once no batch is in progress (unless called from the writer
     * thread itself), so no task submitted after this call commits before {@link #resume()}.
     * Submissions are still accepted. Meant for tests and maintenance.
     */
    public void pause() {
        synchronized (state) {
            paused = true;
            if (Thread.currentThread() == thread) {
                return;
            }
            boolean interrupted = false;
            while (inBatch) {
                try {
                    state.wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public void resume() {
        synchronized (state) {
            paused = false;
            state.notifyAll();
        }
    }

    /**
     * How many tasks were accepted by {@link #submit} so far. Tasks run in submission order, so a task
     * submitted after this returned {@code n} runs after every task counted in {@code n}
     * (lets a caller that combines work know whether an earlier write is already ahead of it).
     */
    public long submissions() {
        return submissions.get();
    }

    /** Tasks submitted whose futures have not completed yet (queued or in the current batch). */
    public int queueDepth() {
        return outstanding.get();
    }

    /**
     * Refuses new submissions, un-pauses, commits everything already queued, then stops the thread
     * and closes the write connection. Blocks until done (unless called from the writer thread). Idempotent.
     */
    @Override
    public void close() {
        synchronized (state) {
            if (closing) {
                joinWriter();
                return;
            }
            closing = true;
            paused = false;
            state.notifyAll();
        }
        queue.add(STOP);
        joinWriter();
    }

    private void joinWriter() {
        if (Thread.currentThread() == thread) {
            return;
        }
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        List<PendingWrite<?>> batch = new ArrayList<>(maxBatch);
        try {
            while (true) {
                PendingWrite<?> first;
                try {
                    first = queue.take();
                } catch (InterruptedException e) {
                    continue; // only close() stops the writer
                }
                if (first == STOP) {
                    return; // submissions stopped before STOP was queued, so the queue is empty
                }
                awaitNotPaused();
                batch.clear();
                batch.add(first);
                drainInto(batch);
                boolean stop = batch.size() == 1 && first.lingers && maxBatch > 1 && linger(batch);
                try {
                    batches.execute(batch);
                } catch (Throwable t) {
                    log.error("writer batch crashed", t);
                    batches.failRemaining(batch, new StoreException("writer batch crashed: " + t, t));
                } finally {
                    synchronized (state) {
                        inBatch = false;
                        state.notifyAll();
                    }
                }
                if (stop) {
                    return; // STOP was taken while lingering: submissions had stopped, the queue is empty
                }
            }
        } finally {
            batches.close();
        }
    }

    /** Adds queued tasks up to {@code maxBatch}, stopping before STOP (left in the queue). */
    private void drainInto(List<PendingWrite<?>> batch) {
        while (batch.size() < maxBatch) {
            PendingWrite<?> next = queue.peek();
            if (next == null || next == STOP) {
                return;
            }
            batch.add(queue.poll());
        }
    }

    /** Waits up to the linger for a task to join a lone lingering one; true when STOP was taken instead. */
    private boolean linger(List<PendingWrite<?>> batch) {
        PendingWrite<?> next;
        try {
            next = queue.poll(lingerNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            return false; // only close() stops the writer; go on with the lone task
        }
        if (next == null) {
            return false;
        }
        if (next == STOP) {
            return true;
        }
        batch.add(next);
        drainInto(batch);
        return false;
    }

    private void awaitNotPaused() {
        synchronized (state) {
            while (paused && !closing) {
                try {
                    state.wait();
                } catch (InterruptedException e) {
                    // keep waiting: only resume() or close() releases a paused writer
                }
            }
            inBatch = true;
        }
    }
}
