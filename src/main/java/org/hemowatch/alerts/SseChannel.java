package org.hemowatch.alerts;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import org.hemowatch.auth.Access;
import org.hemowatch.auth.Principal;
import org.hemowatch.domain.alert.Alert;
import org.hemowatch.domain.alert.AlertChange;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Server-sent events for dashboards and stations ({@code GET /api/v1/alerts/stream}). On connect
 * each unresolved alert is sent with {@code changeType: "CURRENT"}, then every change as it is
 * delivered:
 * <pre>
 * event: alert
 * id: {alert id}
 * data: {"changeType": "OPENED", "alert": {...}}
 * </pre>
 * A comment line {@code : keep-alive} is sent every {@code alerts.keepAliveSeconds}. A site-scoped
 * key only receives its site's alerts (decided by {@link Access} on each alert's stored site). When the
 * key of a stream is revoked, {@link #closeStreamsOf} ends its streams at once.
 */
public final class SseChannel implements AlertChannel {

    public static final String CHANNEL = "sse";

    private final Vertx vertx;
    private final AlertService service;
    private final long keepAliveMillis;
    private final DeliveryMetrics metrics;
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();

    private record Subscriber(HttpServerResponse response, Principal principal, Context context) {
    }

    public SseChannel(Vertx vertx, AlertService service, long keepAliveMillis, DeliveryMetrics metrics) {
        this.vertx = vertx;
        this.service = service;
        this.keepAliveMillis = keepAliveMillis;
        this.metrics = metrics;
    }

    @Override
    public String name() {
        return CHANNEL;
    }

    /** Number of connected streams. */
    public int subscribers() {
        return subscribers.size();
    }

    /** Starts a stream on {@code response} (called on the request's context). */
    public void subscribe(HttpServerResponse response, Principal principal) {
        Context ctx = vertx.getOrCreateContext();
        response.setChunked(true)
                .putHeader("Content-Type", "text/event-stream; charset=utf-8")
                .putHeader("Cache-Control", "no-cache")
                .putHeader("X-Accel-Buffering", "no");
        response.write(": hemowatch alert stream\n\n");
        Subscriber s = new Subscriber(response, principal, ctx);
        long timer = vertx.setPeriodic(keepAliveMillis, id -> response.write(": keep-alive\n\n"));
        response.closeHandler(v -> {
            vertx.cancelTimer(timer);
            subscribers.remove(s);
        });
        response.exceptionHandler(e -> subscribers.remove(s));
        service.withActive(active -> {
            if (response.closed()) {
                return;
            }
            subscribers.add(s);
            active.forEach(a -> send(s, a, "CURRENT"));
        });
    }

    @Override
    public void deliver(AlertChange change) {
        for (Subscriber s : subscribers) {
            send(s, change.alert(), change.changeType().name());
        }
    }

    /**
     * Ends every stream opened by the principal with this id (its key was revoked). Any thread: each
     * stream is closed on its own context. Returns how many streams it ends.
     */
    public int closeStreamsOf(String principalId) {
        int n = 0;
        for (Subscriber s : subscribers) {
            if (s.principal().id().equals(principalId)) {
                subscribers.remove(s);
                n++;
                s.context().runOnContext(v -> {
                    if (!s.response().closed()) {
                        s.response().end();
                    }
                });
            }
        }
        return n;
    }

    private void send(Subscriber s, Alert a, String changeType) {
        if (!Access.allows(s.principal(), Access.Permission.ALERT_READ, Access.Target.site(a.site()))) {
            return;
        }
        String frame = "event: alert\nid: " + a.id() + "\ndata: " + AlertJson.text(AlertJson.change(a, changeType)) + "\n\n";
        s.context().runOnContext(v -> {
            if (s.response().closed()) {
                subscribers.remove(s);
                return;
            }
            s.response().write(frame).onComplete(ar -> {
                if (ar.succeeded()) {
                    metrics.delivered(CHANNEL);
                } else {
                    metrics.failed(CHANNEL);
                    subscribers.remove(s);
                }
            });
        });
    }
}
