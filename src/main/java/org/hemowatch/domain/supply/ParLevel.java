package org.hemowatch.domain.supply;

import java.util.Objects;

/**
 * A site's target stock for one component class and group: below {@code minimum} is a shortage
 * whatever the days of supply say; below {@code ideal} is reported but raises no alert.
 */
public record ParLevel(StockKey key, int minimum, int ideal) {
    public ParLevel {
        Objects.requireNonNull(key, "key");
        if (minimum < 0) {
            throw new IllegalArgumentException("minimum must be >= 0 for " + key + " but was " + minimum);
        }
        if (ideal < minimum) {
            throw new IllegalArgumentException("ideal must be >= minimum (" + minimum + ") for " + key + " but was " + ideal);
        }
    }

    public boolean belowMinimum(int count) {
        return count < minimum;
    }

    public boolean belowIdeal(int count) {
        return count < ideal;
    }
}
