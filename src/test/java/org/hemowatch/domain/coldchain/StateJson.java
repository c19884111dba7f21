package org.hemowatch.domain.coldchain;

import java.io.IOException;
import java.time.Instant;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;

/**
 * JSON round trip of {@link DeviceMonitorState} as a store would do it. The pom has no
 * jackson-datatype-jsr310, so Instants are written as ISO-8601 text by a two-line module.
 */
final class StateJson {

    static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new SimpleModule("instants")
            .addSerializer(Instant.class, ToStringSerializer.instance)
            .addDeserializer(Instant.class, new StdDeserializer<>(Instant.class) {
                @Override
                public Instant deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                    return Instant.parse(p.getValueAsString());
                }
            }));

    private StateJson() {
    }

    static String write(DeviceMonitorState s) {
        try {
            return MAPPER.writeValueAsString(s);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static DeviceMonitorState read(String json) {
        try {
            return MAPPER.readValue(json, DeviceMonitorState.class);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static DeviceMonitorState roundTrip(DeviceMonitorState s) {
        return read(write(s));
    }
}
