package org.hemowatch.domain;

import org.hemowatch.domain.rule.Rejection;

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
     * The command is refused and nothing changes: {@link Rejection.Kind#INVALID} when the command itself lacks
     * something, {@link Rejection.Kind#UNKNOWN} when the unit is not known, {@link Rejection.Kind#CONFLICT} when
     * the unit's current state does not allow the action; the message names the unit and why.
     */
    record Refused(Rejection rejection) implements Decision {
        public Refused {
            java.util.Objects.requireNonNull(rejection, "rejection");
        }

        public Rejection.Kind kind() {
            return rejection.kind();
        }

        public String rule() {
            return rejection.rule();
        }

        public String message() {
            return rejection.message();
        }
    }

    /** Refused: the unit's current state does not allow the command. */
    static Refused conflict(String rule, String message) {
        return new Refused(Rejection.conflict(rule, message));
    }

    /** Refused: the command itself lacks something (e.g. no blood group when receiving). */
    static Refused invalid(String rule, String message) {
        return new Refused(Rejection.invalid(rule, message));
    }
}
