package org.hemowatch.units;

import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.Decision;
import org.hemowatch.domain.Inventory;
import org.hemowatch.domain.UnitAction;
import org.hemowatch.domain.UnitCommand;
import org.hemowatch.domain.coldchain.ColdChainEvent;
import org.hemowatch.domain.coldchain.OutOfStorage;
import org.hemowatch.domain.coldchain.OutOfStorageLimits;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The out-of-storage timer's command source, beside {@link ExpirySweep}: every AVAILABLE unit that has been out
 * of controlled storage longer than its component class's limit ({@link OutOfStorage#overdue}) is QUARANTINED
 * through the same write path as a scan (action QUARANTINE, actor {@code system}, source
 * {@code timer:out-of-storage}, the reason the scan rules record), so a unit left on a bench does not stay
 * AVAILABLE until its next scan.
 *
 * <p>Contract: time is the clock's {@code now} at the call; only sites {@code ownsSite} accepts are swept (one
 * owner per site among instances sharing a database); the lifecycle decides again on the writer thread, so a unit
 * put back or issued meanwhile is refused there, not quarantined. The future completes after COMMIT with one
 * {@link ColdChainEvent.UnitOutOfStorage} per unit quarantined, each also handed to {@code found} (the alerts)
 * after the commit. Cost: the units overdue, read from the inventory's {@code OutOfStorageIndex} (per class, in
 * the order they left controlled storage, up to {@code now − limit}), not a pass over the stock.
 */
public final class OutOfStorageSweep {

    /** The source recorded on the events of the timer. */
    public static final String SOURCE = "timer:out-of-storage";

    private final Inventory inventory;
    private final UnitWrites writes;
    private final Clock clock;
    private final Predicate<String> ownsSite;
    private final OutOfStorageLimits limits;
    private final Consumer<ColdChainEvent> found;

    /** @param found receives each unit quarantined, after the commit (any thread: it must only hand it over) */
    public OutOfStorageSweep(Inventory inventory, UnitWrites writes, Clock clock, Predicate<String> ownsSite,
                             OutOfStorageLimits limits, Consumer<ColdChainEvent> found) {
        this.inventory = inventory;
        this.writes = writes;
        this.clock = clock;
        this.ownsSite = ownsSite;
        this.limits = limits;
        this.found = found;
    }

    /** Quarantines what is overdue; completes with what was quarantined (after commit). */
    public CompletableFuture<List<ColdChainEvent.UnitOutOfStorage>> sweep() {
        Instant now = clock.instant();
        List<BloodUnit> candidates = inventory.outOfStorage().outLongerThan(c -> limits.of(c).orElse(null), now);
        List<UnitCommand> due = new ArrayList<>();
        List<ColdChainEvent.UnitOutOfStorage> overdue = new ArrayList<>();
        for (BloodUnit u : candidates) {
            if (!ownsSite.test(u.site())) {
                continue;
            }
            Duration limit = limits.of(u.component()).orElse(null);
            OutOfStorage.overdue(u, now, limit).ifPresent(v -> {
                due.add(new UnitCommand(UnitAction.QUARANTINE, u.key(), null, u.site(), null, null, "system", SOURCE,
                        OutOfStorage.reason(v, limit), now));
                overdue.add(new ColdChainEvent.UnitOutOfStorage(u.site(), u.location() == null ? "unknown" : u.location(),
                        u.key().toString(), v.leftAt(), now, limit));
            });
        }
        if (due.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        return writes.applyAll(due).thenApply(decisions -> {
            List<ColdChainEvent.UnitOutOfStorage> quarantined = new ArrayList<>();
            for (int i = 0; i < decisions.size(); i++) {
                if (decisions.get(i) instanceof Decision.Accepted) {
                    quarantined.add(overdue.get(i));
                }
            }
            quarantined.forEach(found);
            return quarantined;
        });
    }
}
