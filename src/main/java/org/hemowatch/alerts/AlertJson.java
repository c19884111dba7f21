package org.hemowatch.alerts;

import org.hemowatch.domain.alert.Alert;
import org.hemowatch.domain.alert.AlertChange;
import org.hemowatch.domain.alert.AlertKind;
import org.hemowatch.domain.alert.AlertState;
import org.hemowatch.domain.alert.AlertTransition;
import org.hemowatch.domain.alert.Severity;
import org.hemowatch.json.JsonMappers;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * JSON of alerts: the same shape in the store ({@code documents/alerts}), the API, SSE, MQTT
 * and webhooks. A delivered change is {@code {"changeType": "OPENED", "alert": {...}}}, a webhook's
 * body the same with {@code "deliveryId"} last. Written by {@link JsonMappers#WIRE}, read back (store,
 * webhook outbox) by {@link JsonMappers#SNAPSHOT}, so that a member added later is ignored by an older reader.
 */
public final class AlertJson {

    /** One alert; the field order is the wire's. {@code details} are plain maps, lists and scalars. */
    public record Body(String id, String kind, String severity, String state, String site, String subject, String message,
                       String opened, String lastChanged, int escalationLevel, int remindersSent, String ackBy,
                       String ackComment, String resolvedBy, Map<String, Object> details, String nextReminderAt,
                       String nextEscalationAt, List<Transition> history, long version) {
    }

    /** One state change in an alert's history. */
    public record Transition(String at, String from, String to, String actor, String comment) {
    }

    /** A delivered change (MQTT, SSE). */
    public record Change(String changeType, Body alert) {
    }

    /** A webhook's body: the change and the id a receiver de-duplicates by. */
    public record Delivery(String changeType, Body alert, String deliveryId) {
    }

    /** A list of alerts (API). */
    public record Items(List<Body> items) {
    }

    private AlertJson() {
    }

    public static Change change(AlertChange c) {
        return change(c.alert(), c.changeType().name());
    }

    public static Change change(Alert a, String changeType) {
        return new Change(changeType, body(a));
    }

    /** The webhook body of a change, as JSON text. */
    public static String delivery(AlertChange c, String deliveryId) {
        return text(new Delivery(c.changeType().name(), body(c.alert()), deliveryId));
    }

    /** {@code value} (one of these records) as JSON text. */
    public static String text(Object value) {
        return JsonMappers.writeWireText(value);
    }

    public static Body body(Alert a) {
        List<Transition> history = a.history().stream().map(t -> new Transition(t.at().toString(),
                t.from() == null ? null : t.from().name(), t.to().name(), t.actor(), t.comment())).toList();
        return new Body(a.id(), a.kind().topic(), a.severity().name(), a.state().name(), a.site(), a.subject(), a.message(),
                a.opened().toString(), a.lastChanged().toString(), a.escalationLevel(), a.remindersSent(), a.ackBy(),
                a.ackComment(), a.resolvedBy(), a.details(), text(a.nextReminderAt()), text(a.nextEscalationAt()), history,
                a.version());
    }

    /** The alert a stored document holds; {@code version} is the stored row's, whatever the JSON says. */
    public static Alert stored(String json, long version) {
        Body b = JsonMappers.readSnapshot(json, Body.class);
        return alert(b, version);
    }

    /** The alert of a webhook body (a pending delivery in the outbox). */
    public static Alert delivered(String webhookBody) {
        Body b = JsonMappers.readSnapshot(webhookBody, Delivery.class).alert();
        return alert(b, b.version());
    }

    private static Alert alert(Body o, long version) {
        List<AlertTransition> history = o.history() == null ? List.of() : o.history().stream().map(t -> new AlertTransition(
                Instant.parse(t.at()), t.from() == null ? null : AlertState.valueOf(t.from()), AlertState.valueOf(t.to()),
                t.actor(), t.comment())).toList();
        return new Alert(
                o.id(),
                AlertKind.parse(o.kind()).orElseThrow(() -> new IllegalArgumentException("unknown alert kind " + o.kind())),
                Severity.valueOf(o.severity()),
                o.site(),
                o.subject(),
                o.message(),
                Instant.parse(o.opened()),
                Instant.parse(o.lastChanged()),
                AlertState.valueOf(o.state()),
                o.escalationLevel(),
                o.remindersSent(),
                o.ackBy(),
                o.ackComment(),
                o.resolvedBy(),
                history,
                o.details() == null ? Map.of() : o.details(),
                instant(o.nextReminderAt()),
                instant(o.nextEscalationAt()),
                version);
    }

    private static String text(Instant i) {
        return i == null ? null : i.toString();
    }

    private static Instant instant(String s) {
        return s == null ? null : Instant.parse(s);
    }
}
