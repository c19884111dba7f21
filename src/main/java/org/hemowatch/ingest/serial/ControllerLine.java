package org.hemowatch.ingest.serial;

/**
 * A decoded refrigerator-controller line: a {@link ControllerReading} ({@code $HWT}), a
 * {@link ControllerStatus} ({@code $HWS}) or a {@link LineError}.
 */
public sealed interface ControllerLine permits ControllerReading, ControllerStatus, LineError {
}
