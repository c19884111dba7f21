package org.hemowatch.supply;

import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.UnitEvent;
import org.hemowatch.domain.UnitKey;
import org.hemowatch.domain.supply.ParLevel;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * What supply keeps and reads in the store: par levels set over the API, and the issues its demand
 * history is rebuilt from at start. Reads block (call them off the event loop).
 * <p>
 * Contract (several instances share the store): {@link #putParLevels} stores each level only over the
 * version this instance last read or wrote, with an audit entry and a change-log row each, all in one
 * transaction; when another instance changed one since, it fails with a {@code concurrent-change}
 * conflict and nothing is stored. It completes after COMMIT.
 */
public interface SupplyStore {

    /** Every stored par level. */
    List<ParLevel> parLevels();

    /** One stored par level by its line key ({@code StockKey.toString()}), for following another instance's change. */
    Optional<ParLevel> parLevel(String lineKey);

    /** The ISSUE events at or after {@code since}, oldest first. */
    List<UnitEvent> issuesSince(Instant since);

    /** A unit as stored (also a final one, which the inventory no longer holds). */
    Optional<BloodUnit> unit(UnitKey key);

    /** Stores par levels set by {@code actor} (see the contract); completes with them after COMMIT. */
    CompletionStage<List<ParLevel>> putParLevels(List<ParLevel> levels, String actor, String actorId, Instant at);
}
