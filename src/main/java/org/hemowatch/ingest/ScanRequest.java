package org.hemowatch.ingest;

import org.hemowatch.auth.Principal;

import java.time.Instant;
import java.util.List;

/**
 * One scan as any adapter delivers it (HTTP body, MQTT payload, assembled serial reads).
 *
 * @param action   RECEIVE, STORE, ISSUE, RETURN, TRANSFUSE, DISCARD or MOVE (text as sent; validated by {@link ScanIngest})
 * @param reads    the barcode reads of one label: one concatenated read, or the separate reads
 * @param operator person who scanned, if the scanner or client says so
 * @param path     transport the scan came over: {@code http}, {@code mqtt} or {@code serial} (a metric label)
 * @param sender   the authenticated principal that sent it; {@link ScanIngest} checks it against the stored unit
 *                 and records its id and name in the unit history
 * @param at       the sender's timestamp of the scan, or null when it sent none (the server time is used)
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
        Principal sender,
        Instant at,
        String recipient) {

    public ScanRequest {
        reads = reads == null ? List.of() : List.copyOf(reads);
        java.util.Objects.requireNonNull(sender, "sender");
    }

    /** A scan that names no recipient. */
    public ScanRequest(String site, String scanner, String action, String location, String destination, String operator,
                       String reason, List<String> reads, String path, Principal sender, Instant at) {
        this(site, scanner, action, location, destination, operator, reason, reads, path, sender, at, null);
    }

    /** The same scan naming {@code name} as the recipient (null or blank: none). */
    public ScanRequest withRecipient(String name) {
        return new ScanRequest(site, scanner, action, location, destination, operator, reason, reads, path, sender, at,
                name == null || name.isBlank() ? null : name.strip());
    }
}
