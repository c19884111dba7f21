package org.hemowatch.domain;

import java.util.List;

/** Outcome of applying a {@link UnitCommand}: the new state and its events, or a refusal with its reason. */
public sealed interface Decision {

    /** The command is legal; {@code events} are to be stored together with {@code unit}. */
    record Accepted(BloodUnit unit, List<UnitEvent> events) implements Decision {
        public Accepted {
            events = List.copyOf(events);
        }
    }

    /**
     * The command is refused and nothing changes.
     *
     * @param rule    stable machine-readable rule name (e.g. {@code unit-quarantined})
     * @param message sentence for a person, naming the unit and why
     */
    record Refused(Refusal kind, String rule, String message) implements Decision {
    }

    /** Why a command was refused, which the edges map to their own error codes. */
    enum Refusal {
        /** The command itself lacks something (e.g. no blood group when receiving). */
        INVALID,
        /** The unit is not known. */
        UNKNOWN_UNIT,
        /** The unit's current state does not allow the action. */
        ILLEGAL_TRANSITION
    }
}
