package org.hemowatch.ingest.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.hemowatch.auth.DeviceScope;
import org.hemowatch.auth.KeyPrincipal;
import org.hemowatch.auth.Principal;
import org.hemowatch.auth.Role;
import org.hemowatch.domain.DeviceStatusReport;
import org.hemowatch.domain.TemperatureReading;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The pure parts of the protocol, table-driven: payload decoders (cases name the shipped examples), topics, filters, access. */
class MqttDecodersTest {

    static final Path EXAMPLES = Path.of("firmware-protocols/mqtt/examples");
    private static final Instant ARRIVAL = Instant.parse("2026-11-23T10:00:00Z");

    static Stream<Arguments> decoderCases() throws IOException {
        JsonNode cases = new ObjectMapper().readTree(MqttDecodersTest.class.getResourceAsStream("/mqtt/decoder-cases.json"));
        List<Arguments> out = new ArrayList<>();
        cases.forEach(c -> out.add(Arguments.of(c.get("name").asText(), c)));
        return out.stream();
    }

    private static byte[] payload(JsonNode c) throws IOException {
        return c.has("example") ? Files.readAllBytes(EXAMPLES.resolve(c.get("example").asText()))
                : c.get("payload").asText().getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decoderCases")
    void decodesOrRejectsPayloadsNamingTheRule(String name, JsonNode c) throws IOException {
        byte[] payload = payload(c);
        Decoded<?> d = switch (c.get("decoder").asText()) {
            case "reading" -> ReadingPayloadDecoder.decode("main", "fridge-1", payload, ARRIVAL, "mqtt");
            case "scan" -> ScanPayloadDecoder.decode("main", "scan-1", payload, new KeyPrincipal("k1", "scan-1", Role.DEVICE, "main", DeviceScope.ALL));
            default -> StatusPayloadDecoder.decode("main", "fridge-1", payload, ARRIVAL, "mqtt");
        };
        if (c.has("rule")) {
            assertThat(d.ok()).as("accepted %s", d.value()).isFalse();
            assertThat(d.rejection().rule()).isEqualTo(c.get("rule").asText());
            assertThat(d.rejection().message()).isNotBlank();
            assertThat(d.rejection().seq()).isEqualTo(c.has("seq") ? c.get("seq").asLong() : null);
            return;
        }
        assertThat(d.ok()).as("%s", d.rejection()).isTrue();
        JsonNode e = c.get("expect");
        Object v = d.value();
        if (v instanceof List<?> list) {
            assertThat(list).hasSize(e.get("count").asInt());
            TemperatureReading r = (TemperatureReading) list.get(0);
            assertThat(r.site()).isEqualTo("main");
            assertThat(r.device()).isEqualTo("fridge-1");
            assertThat(r.seq()).isEqualTo(e.get("seq").asLong());
            assertThat(r.at()).isEqualTo(instant(e.get("at").asText()));
            assertThat(r.tempC()).isEqualTo(e.get("tempC").asDouble());
            assertThat(r.probe()).isEqualTo(e.get("probe").asText());
            assertThat(r.door().name()).isEqualTo(e.get("door").asText());
            assertThat(r.agitator().name()).isEqualTo(e.get("agitator").asText());
        } else if (v instanceof ScanPayloadDecoder.Scan s) {
            assertThat(s.seq()).isEqualTo(e.get("seq").asLong());
            assertThat(s.request().site()).isEqualTo("main");
            assertThat(s.request().scanner()).isEqualTo("scan-1");
            assertThat(s.request().path()).isEqualTo("mqtt");
            assertThat(s.request().action()).isEqualTo(e.get("action").asText());
            assertThat(s.request().reads()).hasSize(e.get("reads").asInt());
            assertThat(s.request().location()).isEqualTo(e.get("location").asText());
            assertThat(s.request().operator()).isEqualTo(e.has("operator") ? e.get("operator").asText() : null);
        } else {
            DeviceStatusReport r = (DeviceStatusReport) v;
            assertThat(r.seq()).isEqualTo(e.get("seq").asLong());
            assertThat(r.code()).isEqualTo(e.get("code").asText());
            assertThat(r.at()).isEqualTo(instant(e.get("at").asText()));
        }
    }

    private static Instant instant(String s) {
        return s.equals("ARRIVAL") ? ARRIVAL : Instant.parse(s);
    }

    @Test
    void errorPayloadMatchesTheShippedExample() throws IOException {
        ObjectMapper json = new ObjectMapper();
        RejectedMessage r = RejectedMessage.invalid("bad-door", "'door' must be 'open' or 'closed', got 'ajar'", 42L);

        assertThat(json.readTree(r.toJson())).isEqualTo(json.readTree(EXAMPLES.resolve("error.json").toFile()));
        assertThat(json.readTree(RejectedMessage.invalid("bad-json", "quote \" and \\ and \n", null).toJson()).get("error").get("message").asText())
                .isEqualTo("quote \" and \\ and \n");
    }

    @Test
    void refusesBatchesLargerThanTheLimit() {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i <= ReadingPayloadDecoder.MAX_BATCH; i++) {
            b.append(i == 0 ? "" : ",").append("{\"seq\":").append(i).append(",\"tempC\":4}");
        }
        Decoded<?> d = ReadingPayloadDecoder.decode("main", "f", b.append("]").toString().getBytes(StandardCharsets.UTF_8), ARRIVAL, "mqtt");
        assertThat(d.rejection().rule()).isEqualTo("batch-too-large");
    }

    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/mqtt/topics.csv", delimiter = '|')
    void parsesProtocolTopicsAndRefusesOthers(String topic, String site, String sender, String id, String channel, String rule, String errorsTopic) {
        MqttTopic.Parsed p = MqttTopic.parse(topic);
        if (rule != null) {
            assertThat(p.ok()).isFalse();
            assertThat(p.rejection().rule()).isEqualTo(rule);
            assertThat(p.errorsTopic().orElse("-")).isEqualTo(errorsTopic);
            return;
        }
        assertThat(p.topic()).isEqualTo(new MqttTopic(site, MqttTopic.Sender.valueOf(sender), id, MqttTopic.Channel.valueOf(channel)));
    }

    @ParameterizedTest(name = "{0} ~ {1}: {2}")
    @CsvFileSource(resources = "/mqtt/topic-filters.csv", delimiter = '|')
    void matchesTopicFilters(String filter, String topic, boolean matches) {
        assertThat(TopicFilter.valid(filter)).isTrue();
        assertThat(TopicFilter.matches(filter, topic)).isEqualTo(matches);
    }

    @ParameterizedTest(name = "{0}@{1} as {2} subscribes {3}: {4}")
    @CsvFileSource(resources = "/mqtt/subscribe-access.csv", delimiter = '|')
    void allowsSubscriptionsByRoleSiteAndDevice(String role, String site, String username, String filter, boolean allowed, String devices) {
        Principal p = new KeyPrincipal("k1", username, Role.parse(role).orElseThrow(), site.equals("-") ? null : site, scope(devices));
        assertThat(MqttAccess.maySubscribe(p, username, filter)).isEqualTo(allowed);
    }

    static DeviceScope scope(String devices) {
        return switch (devices) {
            case "-" -> DeviceScope.NONE;
            case "legacy" -> DeviceScope.LEGACY;
            default -> DeviceScope.parse(java.util.List.of(devices.split(" ")));
        };
    }

    @ParameterizedTest(name = "{0}@{1} speaking for [{2}] publishes {3}: {4}")
    @CsvFileSource(resources = "/mqtt/publish-access.csv", delimiter = '|', numLinesToSkip = 1)
    void allowsPublishingByRoleSiteAndDeviceThroughTheOneAccessDecision(String role, String site, String devices, String topic, String rule) {
        Principal p = new KeyPrincipal("k1", "key", Role.parse(role).orElseThrow(), site.equals("-") ? null : site, scope(devices));
        MqttTopic t = MqttTopic.parse(topic).topic();

        if (rule.equals("-")) {
            assertThat(MqttAccess.mayPublish(p, t)).isEmpty();
        } else {
            assertThat(MqttAccess.mayPublish(p, t)).hasValueSatisfying(r -> assertThat(r.rule()).isEqualTo(rule));
        }
    }

    @Test
    void anonymousClientsPublishForAnyDeviceOfAnySite() {
        assertThat(MqttAccess.mayPublish(MqttAccess.ANONYMOUS, MqttTopic.parse("hemowatch/v1/north/devices/f1/readings").topic())).isEmpty();
    }

    @Test
    void refusesMalformedFilters() {
        assertThat(TopicFilter.valid("hemowatch/v1/#/alerts")).isFalse();
        assertThat(TopicFilter.valid("hemowatch/v1/ma+/alerts")).isFalse();
        assertThat(TopicFilter.valid("")).isFalse();
    }
}
