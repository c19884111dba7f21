package org.hemowatch.domain.alert;

import java.util.Objects;

/**
 * An alert after a change, and what the change was; the delivery layer stores and publishes these.
 *
 * @param previous the version the change replaced, or null when the change opened the alert
 *                 (or is not known, e.g. a re-publication); {@link AlertBook#undo} puts it back
 */
public record AlertChange(Alert alert, ChangeType changeType, Alert previous) {
    public AlertChange {
        Objects.requireNonNull(alert, "alert");
        Objects.requireNonNull(changeType, "changeType");
    }

    /** A change whose previous version is not known (re-publication, tests). */
    public AlertChange(Alert alert, ChangeType changeType) {
        this(alert, changeType, null);
    }
}
