package org.hemowatch.domain.alert;

import java.util.Objects;

/** An alert after a change, and what the change was; the delivery layer stores and publishes these. */
public record AlertChange(Alert alert, ChangeType changeType) {
    public AlertChange {
        Objects.requireNonNull(alert, "alert");
        Objects.requireNonNull(changeType, "changeType");
    }
}
