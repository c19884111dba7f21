package org.hemowatch.domain.supply;

import java.util.Objects;

/**
 * Supply of one stock line at one moment.
 *
 * @param available          issuable units (AVAILABLE and not expired)
 * @param expiring24h        issuable units that expire within 24 hours
 * @param expiring72h        issuable units that expire within 72 hours (includes {@code expiring24h})
 * @param averageDailyDemand issues per day over the assessor's window
 * @param daysOfSupply       {@code available / averageDailyDemand}, null when there is no demand
 * @param phase              from days of supply alone (see {@link PhaseThresholds})
 * @param belowMinimum       fewer than the par minimum (false without a par level)
 * @param belowIdeal         fewer than the par ideal (false without a par level)
 * @param par                the par level of this line, or null
 */
public record StockLevel(
        StockKey key,
        int available,
        int expiring24h,
        int expiring72h,
        double averageDailyDemand,
        Double daysOfSupply,
        SupplyPhase phase,
        boolean belowMinimum,
        boolean belowIdeal,
        ParLevel par) {

    public StockLevel {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(phase, "phase");
    }

    public boolean noDemand() {
        return daysOfSupply == null;
    }

    /** True when this line is a shortage: AMBER or RED, or below its par minimum. */
    public boolean shortage() {
        return phase == SupplyPhase.AMBER || phase == SupplyPhase.RED || belowMinimum;
    }
}
