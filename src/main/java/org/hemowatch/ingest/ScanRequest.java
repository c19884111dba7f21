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
 * @param recipient the named patient of an ISSUE (required for directed and autologous units), else null
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
        String actor,
        String recipient) {

    public ScanRequest {
        reads = reads == null ? List.of() : List.copyOf(reads);
    }

    /** A scan that names no recipient. */
    public ScanRequest(String site, String scanner, String action, String location, String destination, String operator,
                       String reason, List<String> reads, String path, String actor) {
        this(site, scanner, action, location, destination, operator, reason, reads, path, actor, null);
    }

    /** The same scan naming {@code name} as the recipient (null or blank: none). */
    public ScanRequest withRecipient(String name) {
        return new ScanRequest(site, scanner, action, location, destination, operator, reason, reads, path, actor,
                name == null || name.isBlank() ? null : name.strip());
    }
}
