package org.hemowatch.publish;

import org.hemowatch.alerts.TestAlerts;
import org.hemowatch.domain.alert.AlertKind;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TopicsTest {

    @ParameterizedTest(name = "{2} -> {3}")
    @CsvFileSource(resources = "/alerts-e2e/topics.csv", delimiter = '|')
    void makesTheSubjectOneTopicLevelWithoutWildcards(String site, AlertKind kind, String subject, String topic) {
        assertThat(Topics.alertTopic(TestAlerts.alert("a-1", kind, site, subject))).isEqualTo(topic);
        assertThat(Topics.level(subject)).doesNotContain("/", "+", "#");
    }

    @Test
    void namesStationTopicsBySiteAndStation() {
        assertThat(Topics.stationTopic("main", "bank-1")).isEqualTo("hemowatch/v1/main/stations/bank-1/alerts");
    }

    @Test
    void namesTheInboundTopicsAndTheSendersErrorsTopic() {
        assertThat(Topics.readings("main", "fridge-1")).isEqualTo("hemowatch/v1/main/devices/fridge-1/readings");
        assertThat(Topics.status("main", "fridge-1")).isEqualTo("hemowatch/v1/main/devices/fridge-1/status");
        assertThat(Topics.scans("main", "scanner-1")).isEqualTo("hemowatch/v1/main/scanners/scanner-1/scans");
        assertThat(Topics.errors("main", Topics.SCANNERS, "scanner-1")).isEqualTo("hemowatch/v1/main/scanners/scanner-1/errors");
        assertThat(Topics.INBOUND_FILTERS).containsExactly("hemowatch/v1/+/devices/+/readings",
                "hemowatch/v1/+/scanners/+/scans", "hemowatch/v1/+/devices/+/status");
    }

    @Test
    void errorPayloadHasOneShapeForMqttAndSerialRejections() {
        assertThat(new JsonObject(Topics.errorPayload(7L, null, "unit-expired", "expired \"yesterday\"")))
                .isEqualTo(new JsonObject("{\"seq\":7,\"error\":{\"rule\":\"unit-expired\",\"message\":\"expired \\\"yesterday\\\"\"}}"));
        JsonObject serial = new JsonObject(Topics.errorPayload(null, List.of("=A99992600000168", "=<E0398V00"), "unit-expired", "m"));
        assertThat(serial.containsKey("seq")).isTrue();
        assertThat(serial.getValue("seq")).isNull();
        assertThat(serial.getJsonArray("reads")).containsExactly("=A99992600000168", "=<E0398V00");
        assertThat(serial.getJsonObject("error").getString("rule")).isEqualTo("unit-expired");
        // byte for byte what firmware has always parsed: seq first (null when unknown), reads only for serial scans
        assertThat(Topics.errorPayload(null, null, "bad-json", "m").toString()).isEqualTo("{\"seq\":null,\"error\":{\"rule\":\"bad-json\",\"message\":\"m\"}}");
        assertThat(Topics.errorPayload(3L, List.of("=A1"), "r", "m").toString())
                .isEqualTo("{\"seq\":3,\"reads\":[\"=A1\"],\"error\":{\"rule\":\"r\",\"message\":\"m\"}}");
    }
}
