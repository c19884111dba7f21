package org.hemowatch.domain.alert;

/** OPEN until a person acknowledges it; RESOLVED when the condition clears or a person resolves it (final). */
public enum AlertState {
    OPEN, ACKNOWLEDGED, RESOLVED
}
