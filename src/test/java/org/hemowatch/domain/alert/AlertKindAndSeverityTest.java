package org.hemowatch.domain.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class AlertKindAndSeverityTest {

    @ParameterizedTest
    @CsvSource({
            "SHORTAGE, shortage", "NEAR_EXPIRY, near-expiry", "EXPIRED_IN_STOCK, expired-in-stock", "EXCURSION, excursion",
            "WARNING, warning", "SENSOR_OFFLINE, sensor-offline", "DOOR_OPEN, door-open", "AGITATOR_STOPPED, agitator-stopped",
            "DEVICE_STATUS, device-status", "OUT_OF_STORAGE, out-of-storage", "DELIVERY_FAILURE, delivery-failure"})
    void topicIsTheLowerCaseHyphenName(AlertKind kind, String topic) {
        assertThat(kind.topic()).isEqualTo(topic);
        assertThat(AlertKind.parse(topic)).contains(kind);
        assertThat(AlertKind.parse(kind.name())).contains(kind);
    }

    @Test
    void everyKindHasATopicAndUnknownTopicsAreRejected() {
        Set<String> topics = Arrays.stream(AlertKind.values()).map(AlertKind::topic).collect(Collectors.toSet());
        assertThat(topics).hasSize(AlertKind.values().length);
        assertThat(AlertKind.parse("fire")).isEmpty();
        assertThat(AlertKind.parse(null)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"INFO, WARNING", "WARNING, CRITICAL", "CRITICAL, EMERGENCY", "EMERGENCY, EMERGENCY"})
    void escalationGoesUpOneStep(Severity from, Severity to) {
        assertThat(from.next()).isEqualTo(to);
    }

    @ParameterizedTest
    @EnumSource(AlertKind.class)
    void everyKindHasADefaultPolicyThatRemindsUntilAcknowledged(AlertKind kind) {
        assertThat(AlertPolicy.defaults(kind).reminderInterval()).isPositive();
    }
}
