package org.hemowatch.ingest.mqtt;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.hemowatch.domain.TemperatureReading;
import org.hemowatch.domain.TemperatureReading.AgitatorState;
import org.hemowatch.domain.TemperatureReading.DoorState;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The fast path of {@link ReadingPayloadDecoder}: one pass of Jackson's streaming parser over a
 * well-formed readings payload, without building a tree. It only ever <em>accepts</em>: for anything
 * it does not take as plainly valid (a syntax error, a field of the wrong type or value, a repeated
 * field, an empty or oversized batch, trailing tokens) it returns null, and the tree decoder, which
 * is the specification, decides and names the rule. So both give the same result for every payload
 * (checked over the decoder vectors and random payloads in {@code ReadingStreamDecoderTest}).
 */
final class ReadingStreamDecoder {

    private static final JsonFactory FACTORY = JsonFields.JSON.getFactory();
    private static final Instant LAST_TS = Instant.parse("9999-12-31T23:59:59Z");

    private ReadingStreamDecoder() {
    }

    /** The readings of a plainly valid payload, or null: then the tree decoder decides. */
    static List<TemperatureReading> decode(String site, String device, byte[] payload, Instant arrival, String source) {
        if (payload.length == 0) {
            return null;
        }
        try (JsonParser p = FACTORY.createParser(payload)) {
            JsonToken first = p.nextToken();
            List<TemperatureReading> out;
            if (first == JsonToken.START_OBJECT) {
                TemperatureReading r = reading(p, site, device, arrival, source);
                if (r == null) {
                    return null;
                }
                out = List.of(r);
            } else if (first == JsonToken.START_ARRAY) {
                out = new ArrayList<>();
                JsonToken t;
                while ((t = p.nextToken()) == JsonToken.START_OBJECT) {
                    TemperatureReading r = reading(p, site, device, arrival, source);
                    if (r == null || out.size() == ReadingPayloadDecoder.MAX_BATCH) {
                        return null;
                    }
                    out.add(r);
                }
                if (t != JsonToken.END_ARRAY || out.isEmpty()) {
                    return null;
                }
            } else {
                return null;
            }
            return p.nextToken() == null ? out : null;
        } catch (IOException | RuntimeException e) {
            return null; // not plainly valid: the tree decoder names the problem
        }
    }

    /** One object (its START_OBJECT consumed), or null. */
    private static TemperatureReading reading(JsonParser p, String site, String device, Instant arrival, String source) throws IOException {
        long seq = -1;
        Instant at = null;
        double temp = Double.NaN;
        boolean hasTemp = false;
        String probe = null;
        DoorState door = null;
        AgitatorState agitator = null;
        int seen = 0; // bit per known field: a repeated one goes to the tree decoder
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            int bit = switch (name) {
                case "seq" -> 1;
                case "ts" -> 2;
                case "tempC" -> 4;
                case "probe" -> 8;
                case "door" -> 16;
                case "agitator" -> 32;
                default -> 0;
            };
            if (bit == 0) {
                p.skipChildren();
                continue;
            }
            if ((seen & bit) != 0) {
                return null;
            }
            seen |= bit;
            if (v == JsonToken.VALUE_NULL) {
                continue; // as absent
            }
            switch (bit) {
                case 1 -> {
                    if (v != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER || p.getLongValue() < 0) {
                        return null;
                    }
                    seq = p.getLongValue();
                }
                case 2 -> {
                    at = v == JsonToken.VALUE_STRING ? instant(p.getText()) : null;
                    if (at == null) {
                        return null;
                    }
                }
                case 4 -> {
                    if (!v.isNumeric() || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                            || p.getNumberType() == JsonParser.NumberType.BIG_DECIMAL) {
                        return null;
                    }
                    temp = p.getDoubleValue();
                    hasTemp = true;
                }
                case 8 -> {
                    if (v != JsonToken.VALUE_STRING) {
                        return null;
                    }
                    probe = p.getText();
                }
                case 16 -> {
                    door = v != JsonToken.VALUE_STRING ? null : switch (p.getText()) {
                        case "open" -> DoorState.OPEN;
                        case "closed" -> DoorState.CLOSED;
                        default -> null;
                    };
                    if (door == null) {
                        return null;
                    }
                }
                default -> {
                    agitator = v != JsonToken.VALUE_STRING ? null : switch (p.getText()) {
                        case "on" -> AgitatorState.ON;
                        case "off" -> AgitatorState.OFF;
                        default -> null;
                    };
                    if (agitator == null) {
                        return null;
                    }
                }
            }
        }
        if (t != JsonToken.END_OBJECT || seq < 0 || !hasTemp) {
            return null;
        }
        return new TemperatureReading(site, device, seq, at == null ? arrival : at, temp, probe == null ? "air" : probe,
                door == null ? DoorState.UNKNOWN : door, agitator == null ? AgitatorState.UNKNOWN : agitator, source);
    }

    private static Instant instant(String text) {
        try {
            Instant at = Instant.parse(text);
            return at.isBefore(Instant.EPOCH) || at.isAfter(LAST_TS) ? null : at;
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
