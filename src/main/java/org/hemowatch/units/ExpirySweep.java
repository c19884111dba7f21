package org.hemowatch.units;

import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.Decision;
import org.hemowatch.domain.DiscardHold;
import org.hemowatch.domain.Inventory;
import org.hemowatch.domain.UnitAction;
import org.hemowatch.domain.UnitCommand;
import org.hemowatch.domain.UnitStatus;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.concurrent.CompletableFuture;

/**
 * The expiry timer's command source: every unit still in stock (received, available or
 * quarantined) whose expiry has passed becomes EXPIRED, through the same write path as a scan,
 * so the change is durable and in the unit's history. It reads the inventory's buckets of those
 * statuses up to {@code now}, so its cost is the units due, not the stock. A unit held for a signed discard
 * ({@link DiscardHold}) is not expired: it stays in the quarantine queue until a person signs.
 */
public final class ExpirySweep {

    private static final Set<UnitStatus> DUE_STATUSES = EnumSet.of(UnitStatus.RECEIVED, UnitStatus.AVAILABLE, UnitStatus.QUARANTINED);

    private final Inventory inventory;
    private final UnitWrites writes;
    private final Clock clock;
    private final Predicate<String> ownsSite;

    /** @param ownsSite the sites this instance sweeps (one owner per site when several instances share a database) */
    public ExpirySweep(Inventory inventory, UnitWrites writes, Clock clock, Predicate<String> ownsSite) {
        this.inventory = inventory;
        this.writes = writes;
        this.clock = clock;
        this.ownsSite = ownsSite;
    }

    /** Expires what is due; completes with the number of units expired (after commit). */
    public CompletableFuture<Integer> sweep() {
        Instant now = clock.instant();
        List<UnitCommand> due = inventory.stock().expiringBefore(now.plusNanos(1), DUE_STATUSES).stream()
                .filter(u -> isDue(u, now) && ownsSite.test(u.site()))
                .map(u -> new UnitCommand(UnitAction.EXPIRE, u.key(), null, u.site(), null, null, "system", "timer:expiry", null, now))
                .toList();
        if (due.isEmpty()) {
            return CompletableFuture.completedFuture(0);
        }
        return writes.applyAll(due).thenApply(ds -> (int) ds.stream().filter(d -> d instanceof Decision.Accepted).count());
    }

    private static boolean isDue(BloodUnit u, Instant now) {
        return (u.status() == UnitStatus.RECEIVED || u.status() == UnitStatus.AVAILABLE || u.status() == UnitStatus.QUARANTINED)
                && u.isExpiredAt(now) && !DiscardHold.pending(u); // a pending discard waits for its signer
    }
}
