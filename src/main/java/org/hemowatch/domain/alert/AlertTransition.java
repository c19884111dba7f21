package org.hemowatch.domain.alert;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of an alert's history. Opening has {@code from == null}; escalations and severity
 * changes are recorded with {@code from == to}.
 *
 * @param actor a person's id, or {@link AlertBook#SYSTEM} for automatic changes
 */
public record AlertTransition(Instant at, AlertState from, AlertState to, String actor, String comment) {
    public AlertTransition {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(actor, "actor");
    }
}
