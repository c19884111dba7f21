package org.hemowatch.alerts;

import org.hemowatch.domain.alert.AlertChange;

/**
 * One way alerts leave the service (MQTT, webhooks, SSE). {@link #deliver} is called on the
 * alert service's context after the change was stored; it must not block and must handle its
 * own retries, so one channel's failure never holds up another.
 */
public interface AlertChannel {

    /** Bounded metric label and log name, e.g. {@code mqtt}. */
    String name();

    void deliver(AlertChange change);
}
