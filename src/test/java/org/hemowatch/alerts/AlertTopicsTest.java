package org.hemowatch.alerts;

import org.hemowatch.domain.alert.AlertKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

import static org.assertj.core.api.Assertions.assertThat;

class AlertTopicsTest {

    @ParameterizedTest(name = "{2} -> {3}")
    @CsvFileSource(resources = "/alerts-e2e/topics.csv", delimiter = '|')
    void makesTheSubjectOneTopicLevelWithoutWildcards(String site, AlertKind kind, String subject, String topic) {
        assertThat(AlertTopics.alertTopic(TestAlerts.alert("a-1", kind, site, subject))).isEqualTo(topic);
        assertThat(AlertTopics.level(subject)).doesNotContain("/", "+", "#");
    }

    @Test
    void namesStationTopicsBySiteAndStation() {
        assertThat(AlertTopics.stationTopic("main", "bank-1")).isEqualTo("hemowatch/v1/main/stations/bank-1/alerts");
    }
}
