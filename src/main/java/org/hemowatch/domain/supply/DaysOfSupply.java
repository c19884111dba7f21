package org.hemowatch.domain.supply;

/**
 * Days of supply (UK: Issuable Stock Index): issuable units on hand divided by average daily
 * demand. Without demand the quotient is infinite; it is then presented as {@link #days()} =
 * {@code null} with {@link #noDemand()} = true, never as a number.
 */
public record DaysOfSupply(int issuable, double averageDailyDemand) {

    public DaysOfSupply {
        if (issuable < 0) {
            throw new IllegalArgumentException("issuable must be >= 0 but was " + issuable);
        }
        if (!(averageDailyDemand >= 0) || Double.isInfinite(averageDailyDemand)) {
            throw new IllegalArgumentException("averageDailyDemand must be a finite number >= 0 but was " + averageDailyDemand);
        }
    }

    public boolean noDemand() {
        return averageDailyDemand == 0.0;
    }

    /** Days the issuable stock lasts at the average demand, or null when there is no demand. */
    public Double days() {
        return noDemand() ? null : issuable / averageDailyDemand;
    }

    /** {@code "2.5"} (one decimal) or {@code "no demand"}. */
    public String display() {
        Double d = days();
        return d == null ? "no demand" : String.format(java.util.Locale.ROOT, "%.1f", d);
    }
}
