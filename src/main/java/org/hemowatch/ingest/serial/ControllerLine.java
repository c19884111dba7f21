package org.hemowatch.ingest.serial;

import org.hemowatch.domain.rule.Rejection;

import java.util.Objects;

/**
 * A decoded refrigerator-controller line: a {@link ControllerReading} ({@code $HWT}), a
 * {@link ControllerStatus} ({@code $HWS}) or a {@link Rejected} line and why.
 */
public sealed interface ControllerLine permits ControllerReading, ControllerStatus, ControllerLine.Rejected {

    /** A line that was dropped; the rule is a metric tag and the message names the offending field or value. */
    record Rejected(Rejection rejection) implements ControllerLine {
        public Rejected {
            Objects.requireNonNull(rejection, "rejection");
        }
    }

    static Rejected rejected(String rule, String message) {
        return new Rejected(Rejection.invalid(rule, message));
    }
}
