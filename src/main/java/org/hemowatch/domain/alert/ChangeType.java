package org.hemowatch.domain.alert;

/** What happened to an alert, as published by the delivery layer. */
public enum ChangeType {
    OPENED, UPDATED, ACKNOWLEDGED, RESOLVED, REMINDER, ESCALATED
}
