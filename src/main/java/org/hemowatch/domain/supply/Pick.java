package org.hemowatch.domain.supply;

import java.util.Objects;

import org.hemowatch.domain.BloodUnit;

/**
 * One unit chosen by {@link PickList}.
 *
 * @param substitute true when the unit's group differs from the recipient's
 * @param reason     sentence for the technician: which group, which choice, when it expires
 */
public record Pick(BloodUnit unit, boolean substitute, String reason) {
    public Pick {
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(reason, "reason");
    }
}
