package org.hemowatch.alerts;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.hemowatch.domain.alert.Alert;
import org.hemowatch.domain.alert.AlertChange;
import org.hemowatch.domain.alert.AlertKind;
import org.hemowatch.domain.alert.AlertState;
import org.hemowatch.domain.alert.AlertTransition;
import org.hemowatch.domain.alert.Severity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON of alerts: the same shape in the store ({@code documents/alerts}), the API, SSE, MQTT
 * and webhooks. A delivered change is {@code {"changeType": "OPENED", "alert": {...}}}.
 */
public final class AlertJson {

    private AlertJson() {
    }

    public static JsonObject change(AlertChange c) {
        return change(c.alert(), c.changeType().name());
    }

    public static JsonObject change(Alert a, String changeType) {
        return new JsonObject().put("changeType", changeType).put("alert", alert(a));
    }

    public static JsonObject alert(Alert a) {
        JsonArray history = new JsonArray();
        for (AlertTransition t : a.history()) {
            history.add(new JsonObject().put("at", t.at().toString()).put("from", t.from() == null ? null : t.from().name())
                    .put("to", t.to().name()).put("actor", t.actor()).put("comment", t.comment()));
        }
        return new JsonObject()
                .put("id", a.id())
                .put("kind", a.kind().topic())
                .put("severity", a.severity().name())
                .put("state", a.state().name())
                .put("site", a.site())
                .put("subject", a.subject())
                .put("message", a.message())
                .put("opened", a.opened().toString())
                .put("lastChanged", a.lastChanged().toString())
                .put("escalationLevel", a.escalationLevel())
                .put("remindersSent", a.remindersSent())
                .put("ackBy", a.ackBy())
                .put("ackComment", a.ackComment())
                .put("resolvedBy", a.resolvedBy())
                .put("details", new JsonObject(new LinkedHashMap<>(a.details())))
                .put("nextReminderAt", text(a.nextReminderAt()))
                .put("nextEscalationAt", text(a.nextEscalationAt()))
                .put("history", history)
                .put("version", a.version());
    }

    /** Reads what {@link #alert} wrote. */
    public static Alert fromJson(JsonObject o) {
        List<AlertTransition> history = new ArrayList<>();
        JsonArray h = o.getJsonArray("history", new JsonArray());
        for (int i = 0; i < h.size(); i++) {
            JsonObject t = h.getJsonObject(i);
            history.add(new AlertTransition(Instant.parse(t.getString("at")),
                    t.getString("from") == null ? null : AlertState.valueOf(t.getString("from")),
                    AlertState.valueOf(t.getString("to")), t.getString("actor"), t.getString("comment")));
        }
        return new Alert(
                o.getString("id"),
                AlertKind.parse(o.getString("kind")).orElseThrow(() -> new IllegalArgumentException("unknown alert kind " + o.getString("kind"))),
                Severity.valueOf(o.getString("severity")),
                o.getString("site"),
                o.getString("subject"),
                o.getString("message"),
                Instant.parse(o.getString("opened")),
                Instant.parse(o.getString("lastChanged")),
                AlertState.valueOf(o.getString("state")),
                o.getInteger("escalationLevel", 0),
                o.getInteger("remindersSent", 0),
                o.getString("ackBy"),
                o.getString("ackComment"),
                o.getString("resolvedBy"),
                history,
                plain(o.getJsonObject("details", new JsonObject())),
                instant(o.getString("nextReminderAt")),
                instant(o.getString("nextEscalationAt")),
                o.getLong("version", 0L));
    }

    // Details go back to plain maps and lists, so a restored alert equals a freshly raised one.
    private static Map<String, Object> plain(JsonObject o) {
        Map<String, Object> m = new LinkedHashMap<>();
        o.forEach(e -> m.put(e.getKey(), plainValue(e.getValue())));
        return m;
    }

    private static Object plainValue(Object v) {
        if (v instanceof JsonObject j) {
            return plain(j);
        }
        if (v instanceof Map<?, ?> map) {
            return plain(new JsonObject(castMap(map)));
        }
        if (v instanceof JsonArray a) {
            List<Object> l = new ArrayList<>();
            a.forEach(x -> l.add(plainValue(x)));
            return l;
        }
        return v;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> m) {
        return (Map<String, Object>) m;
    }

    private static String text(Instant i) {
        return i == null ? null : i.toString();
    }

    private static Instant instant(String s) {
        return s == null ? null : Instant.parse(s);
    }
}
