package org.hemowatch.ingest.mqtt;

import org.hemowatch.domain.rule.RejectedException;
import com.fasterxml.jackson.databind.JsonNode;
import org.hemowatch.domain.TemperatureReading;
import org.hemowatch.domain.TemperatureReading.AgitatorState;
import org.hemowatch.domain.TemperatureReading.DoorState;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes a readings payload: one JSON object {@code {"seq", "ts"?, "tempC", "probe"?, "door"?, "agitator"?}}
 * or a JSON array of them (a batch, all-or-nothing). Unknown fields are ignored so firmware may add some.
 * Value ranges (plausible temperature, probe name) are checked by {@code ReadingIngest.validate}.
 * A plainly valid payload is read in one streaming pass ({@link ReadingStreamDecoder}); every other
 * one by the tree decoder below, which says what is wrong.
 */
public final class ReadingPayloadDecoder {

    /** Most readings in one batch message. */
    public static final int MAX_BATCH = 1000;

    private ReadingPayloadDecoder() {
    }

    /**
     * @param arrival stamped on readings without {@code ts}
     * @param source  the reading's source label (e.g. {@code mqtt})
     */
    public static Decoded<List<TemperatureReading>> decode(String site, String device, byte[] payload, Instant arrival, String source) {
        List<TemperatureReading> fast = ReadingStreamDecoder.decode(site, device, payload, arrival, source);
        return fast != null ? Decoded.ok(fast) : decodeTree(site, device, payload, arrival, source);
    }

    /** The tree decoder: the specification, and the one that names the rule of every rejection. */
    static Decoded<List<TemperatureReading>> decodeTree(String site, String device, byte[] payload, Instant arrival, String source) {
        JsonNode root;
        try {
            root = JsonFields.parse(payload);
        } catch (RejectedException b) {
            return Decoded.rejected(b.rejection(), null);
        }
        List<JsonNode> items = new ArrayList<>();
        if (root.isArray()) {
            if (root.isEmpty()) {
                return Decoded.rejected("empty-batch", "a batch must hold at least one reading", null);
            }
            if (root.size() > MAX_BATCH) {
                return Decoded.rejected("batch-too-large", "a batch holds at most " + MAX_BATCH + " readings, got " + root.size(), null);
            }
            root.forEach(items::add);
        } else if (root.isObject()) {
            items.add(root);
        } else {
            return Decoded.rejected("not-an-object", "a readings payload is a JSON object or an array of objects", null);
        }
        List<TemperatureReading> out = new ArrayList<>(items.size());
        for (JsonNode o : items) {
            if (!o.isObject()) {
                return Decoded.rejected("not-an-object", "each reading in a batch must be a JSON object", null);
            }
            try {
                out.add(reading(site, device, o, arrival, source));
            } catch (RejectedException b) {
                return Decoded.rejected(b.rejection(), JsonFields.seqIfAny(o));
            }
        }
        return Decoded.ok(out);
    }

    private static TemperatureReading reading(String site, String device, JsonNode o, Instant arrival, String source) throws RejectedException {
        long seq = JsonFields.seq(o);
        Instant at = JsonFields.ts(o, arrival);
        JsonNode t = o.get("tempC");
        if (t == null || t.isNull()) {
            throw RejectedException.invalid("missing-tempC", "'tempC' (temperature in °C, a number) is required");
        }
        if (!t.isNumber()) {
            throw RejectedException.invalid("bad-temperature", "'tempC' must be a number, got " + t);
        }
        String probe = JsonFields.optionalText(o, "probe");
        DoorState door = door(JsonFields.optionalText(o, "door"));
        AgitatorState agitator = agitator(JsonFields.optionalText(o, "agitator"));
        return new TemperatureReading(site, device, seq, at, t.asDouble(), probe == null ? "air" : probe, door, agitator, source);
    }

    private static DoorState door(String s) throws RejectedException {
        if (s == null) {
            return DoorState.UNKNOWN;
        }
        return switch (s) {
            case "open" -> DoorState.OPEN;
            case "closed" -> DoorState.CLOSED;
            default -> throw RejectedException.invalid("bad-door", "'door' must be 'open' or 'closed', got '" + s + "'");
        };
    }

    private static AgitatorState agitator(String s) throws RejectedException {
        if (s == null) {
            return AgitatorState.UNKNOWN;
        }
        return switch (s) {
            case "on" -> AgitatorState.ON;
            case "off" -> AgitatorState.OFF;
            default -> throw RejectedException.invalid("bad-agitator", "'agitator' must be 'on' or 'off', got '" + s + "'");
        };
    }
}
