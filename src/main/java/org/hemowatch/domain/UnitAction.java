package org.hemowatch.domain;

/**
 * What a person, scanner or timer does to a unit. The first seven are scanner actions
 * ({@code POST /api/v1/scans}); the others come from the API, the cold-chain engine or timers.
 */
public enum UnitAction {
    RECEIVE, STORE, ISSUE, RETURN, TRANSFUSE, DISCARD, MOVE,
    QUARANTINE, RELEASE, EXPIRE;

    /** Actions a scan may carry. */
    public boolean isScanAction() {
        return ordinal() <= MOVE.ordinal();
    }
}
