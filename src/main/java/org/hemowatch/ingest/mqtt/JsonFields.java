package org.hemowatch.ingest.mqtt;

import org.hemowatch.domain.rule.RejectedException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hemowatch.json.JsonMappers;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Shared JSON field readers of the payload decoders; each problem is thrown as a {@link RejectedException} naming the rule. */
final class JsonFields {

    static final ObjectMapper JSON = JsonMappers.WIRE;

    private JsonFields() {
    }

    /** Parses a payload that must be one JSON object; {@code notAnObject} says what was expected instead. */
    static JsonNode object(byte[] payload, String notAnObject) throws RejectedException {
        JsonNode n = parse(payload);
        if (!n.isObject()) {
            throw RejectedException.invalid("not-an-object", notAnObject);
        }
        return n;
    }

    static JsonNode parse(byte[] payload) throws RejectedException {
        if (payload.length == 0) {
            throw RejectedException.invalid("empty-payload", "the payload is empty");
        }
        try {
            JsonNode n = JSON.readTree(payload);
            if (n == null || n.isMissingNode()) {
                throw RejectedException.invalid("bad-json", "the payload is not JSON");
            }
            return n;
        } catch (JsonProcessingException e) {
            throw RejectedException.invalid("bad-json", "the payload is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw RejectedException.invalid("bad-json", "the payload cannot be read as JSON");
        }
    }

    /** The seq of an object if it has a readable one (for error messages), else null. */
    static Long seqIfAny(JsonNode o) {
        JsonNode s = o == null ? null : o.get("seq");
        return s != null && s.canConvertToLong() && s.isIntegralNumber() && s.asLong() >= 0 ? s.asLong() : null;
    }

    static long seq(JsonNode o) throws RejectedException {
        JsonNode s = o.get("seq");
        if (s == null || s.isNull()) {
            throw RejectedException.invalid("missing-seq", "'seq' (per-device message counter, an integer >= 0) is required");
        }
        if (!s.isIntegralNumber() || !s.canConvertToLong() || s.asLong() < 0) {
            throw RejectedException.invalid("bad-seq", "'seq' must be an integer from 0 to 2^63-1, got " + s);
        }
        return s.asLong();
    }

    /** The optional {@code ts}; {@code fallback} (arrival time) when absent. */
    /** Latest accepted {@code ts} (a bound that keeps every instant storable as epoch milliseconds). */
    private static final Instant LAST_TS = Instant.parse("9999-12-31T23:59:59Z");

    static Instant ts(JsonNode o, Instant fallback) throws RejectedException {
        JsonNode t = o.get("ts");
        if (t == null || t.isNull()) {
            return fallback;
        }
        if (!t.isTextual()) {
            throw RejectedException.invalid("bad-ts", "'ts' must be an ISO-8601 UTC time like 2026-11-23T04:00:00Z");
        }
        try {
            Instant at = Instant.parse(t.asText());
            if (at.isBefore(Instant.EPOCH) || at.isAfter(LAST_TS)) {
                throw RejectedException.invalid("bad-ts", "'ts' must lie between 1970 and 9999, got '" + t.asText() + "'");
            }
            return at;
        } catch (DateTimeParseException e) {
            throw RejectedException.invalid("bad-ts", "'ts' must be an ISO-8601 UTC time like 2026-11-23T04:00:00Z, got '" + t.asText() + "'");
        }
    }

    static String optionalText(JsonNode o, String field) throws RejectedException {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw RejectedException.invalid("bad-" + field, "'" + field + "' must be a string");
        }
        return v.asText();
    }
}
