package org.hemowatch.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * The JSON mappers of the service, one per purpose; no other main class constructs an {@link ObjectMapper}
 * ({@code arch/ArchitectureTest} checks). Each is configured once here and must not be reconfigured by its users.
 * <ul>
 *   <li>{@link #WIRE}: what crosses a wire — MQTT payloads read by the decoders, JSON written for people and
 *       tools (CLI output, audit details). Strict on input: a payload with anything after its value is refused.</li>
 *   <li>{@link #SNAPSHOT}: state the service stores and reads back itself (device profiles, monitor snapshots,
 *       excursions). Instants as ISO-8601 text; properties it no longer knows are ignored, so an older row still
 *       reads after a field was removed.</li>
 *   <li>{@link #CONFIG}: the YAML (or JSON) configuration and the product table. Strict: an unknown key or a
 *       null for a number is an error naming the key; enum values in any case.</li>
 * </ul>
 * Wire payloads are records written with {@link #writeWire} (their JSON field order is the record's component order).
 * Vert.x {@code JsonObject} remains where the Vert.x API hands one over (request bodies read with
 * {@code RoutingContext.body().asJsonObject()}) and in the HTTP routes not yet moved to records;
 * {@code arch/ArchitectureTest} lists those files.
 */
public final class JsonMappers {

    public static final ObjectMapper WIRE = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    public static final ObjectMapper SNAPSHOT = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .registerModule(new SimpleModule("instants")
                    .addSerializer(Instant.class, ToStringSerializer.instance)
                    .addDeserializer(Instant.class, new StdDeserializer<>(Instant.class) {
                        @Override
                        public Instant deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                            return Instant.parse(p.getValueAsString());
                        }
                    }));

    public static final ObjectMapper CONFIG = new ObjectMapper(new YAMLFactory())
            .registerModule(new JavaTimeModule())
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private JsonMappers() {
    }

    /** {@code payload} (a record of a wire payload) as JSON bytes, by {@link #WIRE}. */
    public static byte[] writeWire(Object payload) {
        try {
            return WIRE.writeValueAsBytes(payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code payload} (a record of a wire payload) as JSON text, by {@link #WIRE}. */
    public static String writeWireText(Object payload) {
        return new String(writeWire(payload), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** {@code value} as a stored snapshot's JSON text. */
    public static String writeSnapshot(Object value) {
        try {
            return SNAPSHOT.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A stored snapshot read back as {@code type}. */
    public static <T> T readSnapshot(String json, Class<T> type) {
        try {
            return SNAPSHOT.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
