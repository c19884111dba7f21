package org.hemowatch.units;

import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.Decision;
import org.hemowatch.domain.UnitCommand;

/**
 * A site rule that reviews every accepted unit decision before it is written, e.g. "no platelets
 * in a 4 °C fridge" or "a unit stored into a fridge in excursion is quarantined on arrival".
 * Evaluated by {@link UnitWrites} on the writer thread against in-memory state, so it must be
 * quick, must not block and must only read thread-safe state.
 */
@FunctionalInterface
public interface UnitRule {

    /**
     * @param command  the command being applied
     * @param before   the unit before the command (null for a new unit)
     * @param accepted the decision so far (already reviewed by earlier rules)
     * @return {@code accepted} unchanged, a {@link Decision.Refused} to veto the command, or another
     *         {@link Decision.Accepted} for the same unit (e.g. with a follow-up event appended)
     */
    Decision review(UnitCommand command, BloodUnit before, Decision.Accepted accepted);
}
