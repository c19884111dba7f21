package org.hemowatch.domain;

import java.util.Objects;

/**
 * Identity of one blood unit: a donation (DIN, 13 characters) yields several products, and a
 * product may be divided, so the key is DIN + product code + division.
 */
public record UnitKey(String din, String productCode, String division) {
    public UnitKey {
        Objects.requireNonNull(din, "din");
        Objects.requireNonNull(productCode, "productCode");
        Objects.requireNonNull(division, "division");
    }

    @Override
    public String toString() {
        return din + "/" + productCode + "/" + division;
    }
}
