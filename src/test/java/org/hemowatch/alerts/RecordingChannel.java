package org.hemowatch.alerts;

import org.hemowatch.domain.alert.AlertChange;
import org.hemowatch.domain.alert.AlertKind;
import org.hemowatch.domain.alert.ChangeType;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;


/** Records delivered changes. */
final class RecordingChannel implements AlertChannel {

    final List<AlertChange> changes = new CopyOnWriteArrayList<>();

    @Override
    public String name() {
        return "recording";
    }

    @Override
    public void deliver(AlertChange change) {
        changes.add(change);
    }

    AlertChange await(AlertKind kind, ChangeType type) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> find(kind, type) != null);
        return find(kind, type);
    }

    AlertChange find(AlertKind kind, ChangeType type) {
        return changes.stream().filter(c -> c.alert().kind() == kind && c.changeType() == type).findFirst().orElse(null);
    }
}
