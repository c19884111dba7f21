package org.hemowatch.ingest.mqtt;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Instant;

/**
 * Fuzzes the MQTT payload decoders (readings, status, scans) and the topic parser: no payload may
 * throw; each gives a value or a rejection with a kebab-case rule and a message, never both.
 * {@code mvn test} replays the committed corpus; {@code JAZZER_FUZZ=1} fuzzes (docs/isbt128.md).
 */
class MqttPayloadFuzzTest {

    private static final Instant ARRIVAL = Instant.parse("2030-01-01T00:00:00Z");
    /** Kebab-case; a field name inside a rule keeps its case ({@code missing-tempC}). */
    private static final String RULE = "[a-z][a-z0-9]*(-[a-zA-Z0-9]+)*";

    @FuzzTest(maxDuration = "30s")
    void readingPayloadsDecodeOrAreRejected(byte[] payload) {
        check(ReadingPayloadDecoder.decode("site-a", "fridge-1", payload, ARRIVAL, "mqtt"));
    }

    @FuzzTest(maxDuration = "30s")
    void statusPayloadsDecodeOrAreRejected(byte[] payload) {
        check(StatusPayloadDecoder.decode("site-a", "fridge-1", payload, ARRIVAL, "mqtt"));
    }

    @FuzzTest(maxDuration = "30s")
    void scanPayloadsDecodeOrAreRejected(byte[] payload) {
        Decoded<ScanPayloadDecoder.Scan> d = ScanPayloadDecoder.decode("site-a", "scanner-1", payload,
                new org.hemowatch.auth.KeyPrincipal("k1", "scanner-1", org.hemowatch.auth.Role.DEVICE, "site-a", org.hemowatch.auth.DeviceScope.ALL));
        check(d);
        if (d.ok()) {
            assertThat(d.value().request().site()).isEqualTo("site-a");
        }
    }

    @FuzzTest(maxDuration = "30s")
    void topicsParseOrAreRejected(byte[] topic) {
        MqttTopic.Parsed p = MqttTopic.parse(new String(topic, UTF_8));
        assertThat(p).isNotNull();
        TopicFilter.valid(new String(topic, UTF_8));
        TopicFilter.matches(new String(topic, UTF_8), "hemowatch/v1/site-a/devices/fridge-1/readings");
    }

    private static void check(Decoded<?> d) {
        assertThat(d).isNotNull();
        assertThat(d.value() == null).isEqualTo(d.rejection() != null);
        if (d.rejection() != null) {
            assertThat(d.rejection().rule()).matches(RULE);
            assertThat(d.rejection().message()).isNotBlank();
        }
    }
}
