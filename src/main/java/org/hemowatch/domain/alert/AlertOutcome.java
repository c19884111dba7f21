package org.hemowatch.domain.alert;

import org.hemowatch.domain.rule.Rejection;

import java.util.List;

/** Result of one {@link AlertBook} operation. */
public sealed interface AlertOutcome {

    /** Changes to store and publish; empty unless {@link Applied}. */
    List<AlertChange> changes();

    /** The book changed. */
    record Applied(List<AlertChange> changes) implements AlertOutcome {
        public Applied {
            changes = List.copyOf(changes);
        }
    }

    /**
     * Nothing to do: the same alert is already active with the same facts, or there was nothing to clear.
     *
     * @param alert the active alert, or null when there is none
     */
    record Unchanged(Alert alert) implements AlertOutcome {
        @Override
        public List<AlertChange> changes() {
            return List.of();
        }
    }

    /**
     * Refused and nothing changed: {@code alert-unknown}, {@code comment-required}, {@code actor-required},
     * {@code alert-resolved} or {@code alert-already-acknowledged}.
     */
    record Refused(Rejection rejection) implements AlertOutcome {
        public String rule() {
            return rejection.rule();
        }

        public String message() {
            return rejection.message();
        }

        @Override
        public List<AlertChange> changes() {
            return List.of();
        }
    }
}
