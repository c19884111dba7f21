package org.hemowatch.domain.alert;

import java.util.Objects;

/** The condition an alert is about; at most one unresolved alert exists per key. */
public record AlertKey(AlertKind kind, String site, String subject) {
    public AlertKey {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(subject, "subject");
    }

    @Override
    public String toString() {
        return kind.topic() + "/" + site + "/" + subject;
    }
}
