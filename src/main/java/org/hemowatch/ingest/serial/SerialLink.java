package org.hemowatch.ingest.serial;

import java.util.List;

/**
 * One serial device, behind our own small interface so the supervisor can be tested without
 * hardware and jssc stays in one class. Calls block (native I/O): never call them on an event loop.
 * An instance is used by one thread at a time; after {@link #close()} a new instance is created
 * for the next attempt.
 */
public interface SerialLink extends AutoCloseable {

    /** The configured path (a symlink such as {@code /dev/serial/by-id/...} is resolved on open). */
    String path();

    /**
     * Opens the device and applies the line settings.
     *
     * @throws SerialLinkException with {@link SerialLinkException.Reason#MISSING}, {@code BUSY},
     *                             {@code PERMISSION} or {@code IO}
     */
    void open() throws SerialLinkException;

    /**
     * Settings the device did not accept on open (e.g. a pseudo-terminal refuses modem-control
     * ioctls); they are reported as warnings, not failures.
     */
    List<String> warnings();

    /**
     * Returns the bytes received so far without waiting; an empty array when there are none.
     *
     * @throws SerialLinkException when the device is gone (EIO after unplug or hang-up)
     */
    byte[] readAvailable() throws SerialLinkException;

    /** Writes all bytes (used by tests and tools; Hemowatch never writes to controllers). */
    void write(byte[] data) throws SerialLinkException;

    boolean isOpen();

    /** Closes quietly; safe to call more than once. */
    @Override
    void close();

    /** Creates links; the supervisor creates a fresh link for every open attempt. */
    @FunctionalInterface
    interface Factory {
        SerialLink create(String path, int baud);
    }
}
