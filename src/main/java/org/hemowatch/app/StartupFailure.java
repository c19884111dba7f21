package org.hemowatch.app;

/**
 * A start-up failure with a known cause (a port in use, an unreadable key, a store that cannot be
 * opened). Its message is the one line printed to the operator: what failed and what to change.
 * The underlying exception is kept as the cause for debug logging only.
 */
public final class StartupFailure extends RuntimeException {

    public StartupFailure(String message, Throwable cause) {
        super(message, cause);
    }

    public StartupFailure(String message) {
        super(message);
    }
}
