package org.hemowatch.domain;

import java.util.Objects;

/** ABO and RhD of a unit; both are known for a unit that is in stock. */
public record BloodGroup(Abo abo, RhD rhd) {
    public BloodGroup {
        Objects.requireNonNull(abo, "abo");
        Objects.requireNonNull(rhd, "rhd");
    }

    /** Compact label such as {@code O-} or {@code AB+}, used in messages and metric labels. */
    public String label() {
        return abo.name() + (rhd == RhD.POS ? "+" : "-");
    }

    @Override
    public String toString() {
        return label();
    }
}
