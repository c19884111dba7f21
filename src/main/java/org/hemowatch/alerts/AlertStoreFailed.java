package org.hemowatch.alerts;

/**
 * An alert change could not be stored; the change was taken back in memory and not delivered.
 * The HTTP API answers 503 (the caller may try again).
 */
public final class AlertStoreFailed extends RuntimeException {

    public AlertStoreFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
