package org.hemowatch.store;

/** Failure of the durable store: cannot open, migrate, read or commit. Unchecked; the message never contains a password. */
public class StoreException extends RuntimeException {
    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
