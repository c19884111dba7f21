package org.hemowatch.ingest;

import java.util.List;

/**
 * One scan as any adapter delivers it (HTTP body, MQTT payload, assembled serial reads).
 *
 * @param action   RECEIVE, STORE, ISSUE, RETURN, TRANSFUSE, DISCARD or MOVE (text as sent; validated by {@link ScanIngest})
 * @param reads    the barcode reads of one label: one concatenated read, or the separate reads
 * @param operator person who scanned, if the scanner or client says so
 * @param path     transport the scan came over: {@code http}, {@code mqtt} or {@code serial} (a metric label)
 * @param actor    authenticated principal (API key name, device id), recorded in the unit history
 */
public record ScanRequest(
        String site,
        String scanner,
        String action,
        String location,
        String destination,
        String operator,
        String reason,
        List<String> reads,
        String path,
        String actor) {

    public ScanRequest {
        reads = reads == null ? List.of() : List.copyOf(reads);
    }
}
