package org.hemowatch.ingest.serial;

/**
 * State of a supervised serial port. Every state except {@link #OPEN} and {@link #STOPPED} means the
 * supervisor is retrying with backoff; the state names the outcome of the last attempt.
 */
public enum PortState {
    /** Not attempted yet. */
    STARTING,
    /** Open and being read. */
    OPEN,
    /** Was open; reading failed (unplugged, hung up). Reopening with backoff. */
    DISCONNECTED,
    /** The path does not exist. */
    MISSING,
    /** Another process holds the port. */
    BUSY,
    /** Any other open failure (permission, not a serial device, ...). */
    FAILED,
    /** Supervision ended ({@link SerialPortSupervisor#close()}). */
    STOPPED
}
