package org.hemowatch.ingest.mqtt;

import org.hemowatch.domain.rule.RejectedException;
import com.fasterxml.jackson.databind.JsonNode;
import org.hemowatch.auth.Principal;
import org.hemowatch.ingest.ScanRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes a scans payload: the body of {@code POST /api/v1/scans} ({@code action}, {@code data} or
 * {@code reads}, {@code location}, {@code destination}, {@code operator}, {@code reason}) plus
 * {@code seq} (required) and {@code ts} (optional, checked but not used: a scan takes effect when committed).
 * Site and scanner come from the topic; if the payload names them too they must agree.
 */
public final class ScanPayloadDecoder {

    private ScanPayloadDecoder() {
    }

    /** A decoded scan and its seq. */
    public record Scan(long seq, ScanRequest request) {
    }

    public static Decoded<Scan> decode(String site, String scanner, byte[] payload, Principal sender) {
        JsonNode o;
        try {
            o = JsonFields.object(payload, "a scans payload is one JSON object");
        } catch (RejectedException b) {
            return Decoded.rejected(b.rejection(), null);
        }
        try {
            long seq = JsonFields.seq(o);
            Instant at = JsonFields.ts(o, null);
            String bodySite = JsonFields.optionalText(o, "site");
            String bodyScanner = JsonFields.optionalText(o, "scanner");
            if (bodySite != null && !bodySite.equals(site) || bodyScanner != null && !bodyScanner.equals(scanner)) {
                throw RejectedException.invalid("topic-mismatch", "'site'/'scanner' in the payload differ from the topic; leave them out or make them agree");
            }
            List<String> reads = new ArrayList<>();
            String data = JsonFields.optionalText(o, "data");
            if (data != null) {
                reads.add(data);
            }
            JsonNode r = o.get("reads");
            if (r != null && !r.isNull()) {
                if (!r.isArray()) {
                    throw RejectedException.invalid("reads-not-array", "'reads' must be an array of strings");
                }
                for (JsonNode e : r) {
                    if (!e.isTextual()) {
                        throw RejectedException.invalid("reads-not-array", "'reads' must be an array of strings");
                    }
                    reads.add(e.asText());
                }
            }
            ScanRequest request = new ScanRequest(site, scanner,
                    JsonFields.optionalText(o, "action"),
                    JsonFields.optionalText(o, "location"),
                    JsonFields.optionalText(o, "destination"),
                    JsonFields.optionalText(o, "operator"),
                    JsonFields.optionalText(o, "reason"),
                    reads, "mqtt", sender, at).withRecipient(JsonFields.optionalText(o, "recipient"));
            return Decoded.ok(new Scan(seq, request));
        } catch (RejectedException b) {
            return Decoded.rejected(b.rejection(), JsonFields.seqIfAny(o));
        }
    }
}
