package org.hemowatch.alerts;

import org.hemowatch.domain.alert.Alert;
import org.hemowatch.domain.alert.AlertKind;
import org.hemowatch.domain.alert.AlertState;
import org.hemowatch.domain.alert.Severity;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Alerts for channel tests. */
public final class TestAlerts {

    static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private TestAlerts() {
    }

    public static Alert alert(String id, AlertKind kind, String site, String subject) {
        return alert(id, kind, site, subject, Severity.CRITICAL, AlertState.OPEN);
    }

    public static Alert alert(String id, AlertKind kind, String site, String subject, Severity severity, AlertState state) {
        return new Alert(id, kind, severity, site, subject, "test", T0, T0, state, 0, 0, null, null,
                state == AlertState.RESOLVED ? "system" : null, List.of(), Map.of(), null, null, 1);
    }
}
