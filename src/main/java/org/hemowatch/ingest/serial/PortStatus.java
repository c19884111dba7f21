package org.hemowatch.ingest.serial;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Snapshot of one supervised port, for {@code GET /api/v1/serial}, metrics and logs.
 *
 * @param since         when the port entered {@code state}
 * @param lastError     last open/read failure, null if none yet
 * @param opens         successful opens so far (more than 1 means it reconnected)
 * @param failures      failed open attempts plus lost connections
 * @param bytesRead     bytes delivered so far
 * @param lastDataAt    arrival of the last bytes, null if none
 * @param nextAttemptAt when the next open attempt is due, null while open or stopped
 * @param warnings      settings the device refused on the last open (see {@link SerialLink#warnings()})
 */
public record PortStatus(
        String path,
        SerialPortConfig.Kind kind,
        PortState state,
        Instant since,
        String lastError,
        long opens,
        long failures,
        long bytesRead,
        Instant lastDataAt,
        Instant nextAttemptAt,
        List<String> warnings) {

    public PortStatus {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(since, "since");
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }
}
