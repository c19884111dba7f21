package org.hemowatch.ingest.serial;

import java.io.IOException;

/** A serial device could not be opened or stopped working, with a coarse reason for the port status. */
public final class SerialLinkException extends IOException {
    public enum Reason { MISSING, BUSY, PERMISSION, IO }

    private final Reason reason;

    public SerialLinkException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
