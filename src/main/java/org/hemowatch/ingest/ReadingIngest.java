package org.hemowatch.ingest;

import org.hemowatch.domain.rule.RejectedException;
import org.hemowatch.domain.rule.Rejection;
import org.hemowatch.auth.Access;
import org.hemowatch.auth.Principal;
import org.hemowatch.coldchain.DeviceAdmission;
import org.hemowatch.domain.DeviceStatusReport;
import org.hemowatch.domain.TemperatureReading;
import org.hemowatch.domain.TimePlausibility;
import org.hemowatch.store.GroupCommitWriter;
import org.hemowatch.store.ReadingRecords;
import org.hemowatch.store.StoreException;
import org.hemowatch.store.Tx;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The one ingestion path for temperature readings and device status reports, whatever the
 * transport. A batch is stored all-or-nothing; batches that arrive while the writer is busy share
 * one write task. Duplicates (same device and seq) are acknowledged but stored once. Listeners see
 * only newly stored readings, after COMMIT.
 *
 * <p>Trust: every reading and status report names its sender; {@link Access} decides whether that
 * principal speaks for the device of the reading on its site (rule {@code device-forbidden} or
 * {@code site-forbidden}). Time: a {@code ts} beyond the allowed clock skew is refused (rule
 * {@code timestamp-in-future}); one older than the maximum age is stored marked {@code late} but is not
 * handed to the listeners, so it never moves the device state (see {@link TimePlausibility}).
 */
public final class ReadingIngest {

    /** Physically plausible range for any probe in blood storage (ultra-low freezers to a hot room). */
    static final double MIN_PLAUSIBLE_C = -100.0;
    static final double MAX_PLAUSIBLE_C = 80.0;

    /** Most readings combined into one write task (a single batch may be larger: it is never split). */
    static final int MAX_COMBINED = 5000;

    private final GroupCommitWriter writer;
    private final Clock clock;
    private final TimePlausibility time;
    private final ConcurrentLinkedQueue<Batch> pending = new ConcurrentLinkedQueue<>();
    /** True while a combined write task is queued that has not started taking batches yet. */
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private volatile DeviceAdmission admission = DeviceAdmission.ANY;
    private final List<Consumer<List<TemperatureReading>>> readingListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<DeviceStatusReport>> statusListeners = new CopyOnWriteArrayList<>();

    public ReadingIngest(GroupCommitWriter writer, Clock clock, TimePlausibility time) {
        this.writer = writer;
        this.clock = clock;
        this.time = time;
    }

    /** Installs the device registry's admission policy (default: accept every device). */
    public void setAdmission(DeviceAdmission admission) {
        this.admission = admission;
    }

    /** Outcome of one batch: how many were new and how many were duplicates already stored. */
    public record Stored(int stored, int duplicates) {
    }

    /** Registers a listener for newly committed readings (runs on the writer thread: hand over, never block). */
    public void onReadings(Consumer<List<TemperatureReading>> listener) {
        readingListeners.add(listener);
    }

    /** Registers a listener for device status reports (runs on the caller's thread). */
    public void onStatus(Consumer<DeviceStatusReport> listener) {
        statusListeners.add(listener);
    }

    /** Checks a reading's values; throws {@link RejectedException} naming the rule. */
    public static void validate(TemperatureReading r) {
        if (Double.isNaN(r.tempC()) || Double.isInfinite(r.tempC())) {
            throw new RejectedException(Rejection.invalid("bad-temperature", "tempC must be a finite number"));
        }
        if (r.tempC() < MIN_PLAUSIBLE_C || r.tempC() > MAX_PLAUSIBLE_C) {
            throw new RejectedException(Rejection.invalid("temperature-out-of-bounds", "tempC " + r.tempC()
                    + " is outside the plausible range " + MIN_PLAUSIBLE_C + " to " + MAX_PLAUSIBLE_C + " °C: a broken probe?"));
        }
        if (!"air".equals(r.probe()) && !"product".equals(r.probe())) {
            throw new RejectedException(Rejection.invalid("bad-probe", "probe must be 'air' or 'product', got '" + r.probe() + "'"));
        }
    }

    /**
     * Validates and stores a batch all-or-nothing; completes after the COMMIT that contains it.
     *
     * <p>Batches recorded while an earlier write of readings is still queued are combined into that
     * write (one task, one prepared duplicate check, one batched INSERT; listeners get the fresh readings
     * of all of them in one call). Each batch still gets its own outcome, and none completes before the
     * COMMIT. A combined write that fails by its own exception is retried batch by batch, so one bad
     * batch cannot hold up the others; when the whole transaction failed, every batch in it fails.
     */
    public CompletableFuture<Stored> record(Principal sender, List<TemperatureReading> readings) {
        long before = writer.submissions();
        Instant now = clock.instant();
        boolean[] late = new boolean[readings.size()];
        List<TemperatureReading> judged = new ArrayList<>(readings.size());
        try {
            for (int i = 0; i < readings.size(); i++) {
                TemperatureReading r = readings.get(i);
                admitSender(sender, r.site(), r.device());
                validate(r);
                late[i] = judge(r.at(), now) == TimePlausibility.Verdict.LATE;
                judged.add(late[i] ? r.asLate() : r);
            }
            // only a batch that passed every check may register its devices (a refusal changes nothing)
            for (TemperatureReading r : readings) {
                Optional<Rejection> refused = admission.admit(r.site(), r.device());
                if (refused.isPresent()) {
                    throw new RejectedException(refused.get());
                }
            }
        } catch (RejectedException e) {
            return CompletableFuture.failedFuture(e);
        }
        long after = writer.submissions();
        // a write submitted meanwhile (e.g. an auto-registration) must commit no later than these readings:
        // then only a write task submitted after it may take them
        Batch batch = new Batch(List.copyOf(judged), late, after == before ? 0 : after);
        pending.add(batch);
        if (scheduled.compareAndSet(false, true)) {
            submitCombined();
        }
        return batch.done;
    }

    /** One recorded batch waiting for (or inside) a combined write. */
    private static final class Batch {
        final List<TemperatureReading> readings;
        /** Per reading: older than the maximum age, stored but not passed to the listeners. */
        final boolean[] late;
        /** Only a write task submitted when {@link GroupCommitWriter#submissions()} was at least this may take it. */
        final long notBefore;
        final CompletableFuture<Stored> done = new CompletableFuture<>();

        Batch(List<TemperatureReading> readings, boolean[] late, long notBefore) {
            this.readings = readings;
            this.late = late;
            this.notBefore = notBefore;
        }
    }

    private void submitCombined() {
        long position = writer.submissions();
        List<Batch> taken = new ArrayList<>();
        boolean[] ran = {false};
        writer.submit(tx -> {
            ran[0] = true;
            // from here on, a new batch schedules the next write; this one takes what is queued now
            scheduled.set(false);
            take(taken, position);
            if (!pending.isEmpty() && scheduled.compareAndSet(false, true)) {
                submitCombined();
            }
            return insert(tx, taken);
        }).whenComplete((results, failure) -> {
            if (failure == null) {
                for (int i = 0; i < taken.size(); i++) {
                    taken.get(i).done.complete(results.get(i));
                }
            } else if (!ran[0]) {
                // the task never ran (writer closed): nothing else will take the queued batches
                scheduled.set(false);
                failQueued(failure);
            } else if (taken.size() > 1 && !(failure instanceof StoreException)) {
                taken.forEach(this::submitAlone);
            } else {
                taken.forEach(b -> b.done.completeExceptionally(failure));
            }
        });
    }

    /** Takes queued batches in order, up to {@link #MAX_COMBINED} readings, stopping at one this task may not take. */
    private void take(List<Batch> taken, long position) {
        int n = 0;
        Batch b;
        while ((b = pending.peek()) != null && b.notBefore <= position
                && (taken.isEmpty() || n + b.readings.size() <= MAX_COMBINED)) {
            taken.add(pending.poll());
            n += b.readings.size();
        }
    }

    private void submitAlone(Batch b) {
        writer.submit(tx -> insert(tx, List.of(b))).whenComplete((results, failure) -> {
            if (failure == null) {
                b.done.complete(results.get(0));
            } else {
                b.done.completeExceptionally(failure);
            }
        });
    }

    private void failQueued(Throwable failure) {
        Batch b;
        while ((b = pending.poll()) != null) {
            b.done.completeExceptionally(failure);
        }
    }

    /** Writer thread: stores the batches in one statement batch; returns each batch's outcome. */
    private List<Stored> insert(Tx tx, List<Batch> batches) throws Exception {
        if (batches.isEmpty()) {
            return List.of(); // a task scheduled just as an earlier one took everything
        }
        List<TemperatureReading> all;
        if (batches.size() == 1) {
            all = batches.get(0).readings;
        } else {
            all = new ArrayList<>();
            batches.forEach(b -> all.addAll(b.readings));
        }
        boolean[] stored = ReadingRecords.insertAll(tx, all);
        List<TemperatureReading> fresh = new ArrayList<>(all.size());
        List<Stored> results = new ArrayList<>(batches.size());
        int i = 0;
        for (Batch b : batches) {
            int n = 0;
            for (int k = 0; k < b.readings.size(); k++, i++) {
                if (stored[i]) {
                    if (!b.late[k]) {
                        fresh.add(all.get(i));
                    }
                    n++;
                }
            }
            results.add(new Stored(n, b.readings.size() - n));
        }
        if (!fresh.isEmpty()) {
            tx.afterCommit(() -> readingListeners.forEach(l -> l.accept(fresh)));
        }
        return results;
    }

    /**
     * Passes a device status report to the listeners (status reports are state, kept by the cold-chain
     * monitor) after the same sender and time checks as readings; a late report is dropped (it would
     * move the state). Throws {@link RejectedException} when refused.
     */
    public void status(Principal sender, DeviceStatusReport report) {
        admitSender(sender, report.site(), report.device());
        if (judge(report.at(), clock.instant()) == TimePlausibility.Verdict.LATE) {
            return;
        }
        statusListeners.forEach(l -> l.accept(report));
    }

    /** The one access decision for a sender of device data: it must speak for this device on this site. */
    private static void admitSender(Principal sender, String site, String device) {
        Access.require(sender, Access.Permission.READING_PUBLISH, Access.Target.device(site, device));
    }

    private TimePlausibility.Verdict judge(Instant ts, Instant now) {
        TimePlausibility.Verdict v = time.judge(ts, now);
        if (v == TimePlausibility.Verdict.FUTURE) {
            throw new RejectedException(Rejection.invalid(TimePlausibility.FUTURE_RULE, time.futureMessage(ts, now)));
        }
        return v;
    }
}
