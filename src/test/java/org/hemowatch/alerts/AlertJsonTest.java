package org.hemowatch.alerts;

import org.hemowatch.domain.alert.Alert;
import org.hemowatch.domain.alert.AlertChange;
import org.hemowatch.domain.alert.AlertKind;
import org.hemowatch.domain.alert.AlertState;
import org.hemowatch.domain.alert.AlertTransition;
import org.hemowatch.domain.alert.ChangeType;
import org.hemowatch.domain.alert.Severity;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The one alert JSON (store, API, SSE, MQTT, webhooks): member names and order as they always were, and read back whole. */
class AlertJsonTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private static Alert acknowledged() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("component", "RBC");
        details.put("available", 3);
        details.put("daysOfSupply", 1.5);
        details.put("noDemand", false);
        details.put("minimum", null);
        details.put("byGroup", new LinkedHashMap<>(Map.of("O-", 2)));
        details.put("codes", List.of("door-open"));
        return new Alert("a-1", AlertKind.SHORTAGE, Severity.WARNING, "main", "RBC/O-", "short \"O-\"", T0, T0.plusSeconds(60),
                AlertState.ACKNOWLEDGED, 1, 2, "alice", "on it", null,
                List.of(new AlertTransition(T0, null, AlertState.OPEN, "system", null),
                        new AlertTransition(T0.plusSeconds(60), AlertState.OPEN, AlertState.ACKNOWLEDGED, "alice", "on it")),
                details, T0.plusSeconds(600), null, 3);
    }

    private static final String BODY = "{\"id\":\"a-1\",\"kind\":\"shortage\",\"severity\":\"WARNING\",\"state\":\"ACKNOWLEDGED\","
            + "\"site\":\"main\",\"subject\":\"RBC/O-\",\"message\":\"short \\\"O-\\\"\",\"opened\":\"2026-11-23T10:00:00Z\","
            + "\"lastChanged\":\"2026-11-23T10:01:00Z\",\"escalationLevel\":1,\"remindersSent\":2,\"ackBy\":\"alice\","
            + "\"ackComment\":\"on it\",\"resolvedBy\":null,\"details\":{\"component\":\"RBC\",\"available\":3,\"daysOfSupply\":1.5,"
            + "\"noDemand\":false,\"minimum\":null,\"byGroup\":{\"O-\":2},\"codes\":[\"door-open\"]},"
            + "\"nextReminderAt\":\"2026-11-23T10:10:00Z\",\"nextEscalationAt\":null,\"history\":["
            + "{\"at\":\"2026-11-23T10:00:00Z\",\"from\":null,\"to\":\"OPEN\",\"actor\":\"system\",\"comment\":null},"
            + "{\"at\":\"2026-11-23T10:01:00Z\",\"from\":\"OPEN\",\"to\":\"ACKNOWLEDGED\",\"actor\":\"alice\",\"comment\":\"on it\"}],"
            + "\"version\":3}";

    @Test
    void anAlertIsWrittenWithTheMembersInTheOrderTheyAlwaysHad() {
        assertThat(AlertJson.text(AlertJson.body(acknowledged()))).isEqualTo(BODY);
        assertThat(AlertJson.text(AlertJson.change(acknowledged(), "UPDATED"))).isEqualTo("{\"changeType\":\"UPDATED\",\"alert\":" + BODY + "}");
        assertThat(AlertJson.delivery(new AlertChange(acknowledged(), ChangeType.ACKNOWLEDGED, null), "d-9"))
                .isEqualTo("{\"changeType\":\"ACKNOWLEDGED\",\"alert\":" + BODY + ",\"deliveryId\":\"d-9\"}");
    }

    @Test
    void aStoredAlertAndAPendingWebhookBodyReadBackAsTheAlertThatWasWritten() {
        Alert a = acknowledged();
        Alert stored = AlertJson.stored(AlertJson.text(AlertJson.body(a)), 7);
        assertThat(stored.version()).isEqualTo(7);
        assertThat(stored).usingRecursiveComparison().ignoringFields("version").isEqualTo(a);
        assertThat(stored.details()).isEqualTo(a.details());
        assertThat(AlertJson.delivered(AlertJson.delivery(new AlertChange(a, ChangeType.OPENED, null), "d-1"))).isEqualTo(a);
    }
}
