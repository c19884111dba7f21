package org.hemowatch.ingest.serial;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The raw reads of one label, in arrival order, as the scanner sent them (AIM prefix kept).
 * Whether the mandatory parts are present is decided by the ingestion path, not here.
 *
 * @param first arrival time of the first read
 * @param last  arrival time of the last read
 */
public record AssembledScan(List<String> reads, Instant first, Instant last) {
    public AssembledScan {
        reads = List.copyOf(reads);
        if (reads.isEmpty()) {
            throw new IllegalArgumentException("an assembled scan has at least one read");
        }
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
    }
}
