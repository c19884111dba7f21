package org.hemowatch.alerts;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.hemowatch.api.ApiProblem;
import org.hemowatch.api.ApiRoutes;
import org.hemowatch.api.AuthHandler;
import org.hemowatch.api.Bodies;
import org.hemowatch.api.Replies;
import org.hemowatch.api.Queries;
import org.hemowatch.auth.Access.Permission;
import org.hemowatch.auth.Principal;
import org.hemowatch.auth.Role;
import org.hemowatch.domain.alert.Alert;
import org.hemowatch.domain.alert.AlertKind;
import org.hemowatch.domain.alert.AlertState;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Alert routes under {@code /api/v1}:
 * <ul>
 * <li>{@code GET /alerts?state=&kind=&site=} (admin, technician, station)</li>
 * <li>{@code GET /alerts/stream}: server-sent events (see {@link SseChannel})</li>
 * <li>{@code GET /alerts/{id}}</li>
 * <li>{@code POST /alerts/{id}/ack}, {@code POST /alerts/{id}/resolve} with {@code {"comment": "..."}}
 * (technician, admin; the actor is the API key's name); 503 {@code store-unavailable} when the change
 * could not be stored (it is then not made)</li>
 * </ul>
 */
public final class AlertRoutes implements ApiRoutes {

    private final AlertService service;
    private final SseChannel sse;

    public AlertRoutes(AlertService service, SseChannel sse) {
        this.service = service;
        this.sse = sse;
    }

    @Override
    public void mount(Router api, AuthHandler auth) {
        api.get("/alerts/stream").handler(auth.require(Permission.ALERT_READ))
                .handler(ctx -> sse.subscribe(ctx.response(), AuthHandler.principal(ctx)));
        api.get("/alerts").handler(auth.require(Permission.ALERT_READ)).handler(this::list);
        api.get("/alerts/:id").handler(auth.require(Permission.ALERT_READ)).handler(this::one);
        api.post("/alerts/:id/ack").handler(auth.require(Permission.ALERT_ACT)).handler(ctx -> act(ctx, true));
        api.post("/alerts/:id/resolve").handler(auth.require(Permission.ALERT_ACT)).handler(ctx -> act(ctx, false));
    }

    private void list(RoutingContext ctx) {
        Principal p = AuthHandler.principal(ctx);
        Optional<AlertState> state = Queries.parsed(ctx, "state", AlertRoutes::state, "OPEN, ACKNOWLEDGED, RESOLVED or ACTIVE");
        boolean activeOnly = Queries.string(ctx, "state").map(s -> s.equalsIgnoreCase("active")).orElse(false);
        Optional<AlertKind> kind = Queries.parsed(ctx, "kind", AlertKind::parse, "an alert kind like shortage or excursion");
        Optional<String> site = Queries.id(ctx, "site");
        site.ifPresent(s -> AuthHandler.checkSite(ctx, s));
        Predicate<Alert> f = a -> p.mayAccessSite(a.site());
        if (activeOnly) {
            f = f.and(Alert::active);
        } else if (state.isPresent()) {
            f = f.and(a -> a.state() == state.get());
        }
        if (kind.isPresent()) {
            f = f.and(a -> a.kind() == kind.get());
        }
        if (site.isPresent()) {
            f = f.and(a -> a.site().equals(site.get()));
        }
        service.list(f).onSuccess(alerts -> {
            Replies.ok(ctx, new AlertJson.Items(alerts.stream().map(AlertJson::body).toList()));
        }).onFailure(ctx::fail);
    }

    private void one(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        Principal p = AuthHandler.principal(ctx);
        service.get(id).onSuccess(found -> {
            Alert a = found.filter(x -> p.mayAccessSite(x.site())).orElse(null);
            if (a == null) {
                ctx.fail(ApiProblem.notFound("alert-unknown", "no alert with id " + id));
            } else {
                Replies.ok(ctx, AlertJson.body(a));
            }
        }).onFailure(ctx::fail);
    }

    private void act(RoutingContext ctx, boolean ack) {
        String id = ctx.pathParam("id");
        Principal p = AuthHandler.principal(ctx);
        String comment = Bodies.optionalString(Bodies.object(ctx), "comment");
        if (comment == null) {
            throw ApiProblem.badRequest("comment-required", "'comment' is required to " + (ack ? "acknowledge" : "resolve") + " an alert");
        }
        service.get(id)
                .compose(found -> {
                    if (found.isEmpty() || !p.mayAccessSite(found.get().site())) {
                        throw ApiProblem.notFound("alert-unknown", "no alert with id " + id);
                    }
                    return ack ? service.acknowledge(id, p.name(), comment) : service.resolve(id, p.name(), comment);
                })
                .onSuccess(a -> Replies.ok(ctx, AlertJson.body(a)))
                .onFailure(e -> ctx.fail(e instanceof AlertStoreFailed ? new ApiProblem(503, "store-unavailable",
                        "the change could not be stored and was not made; try again") : e));
    }

    private static Optional<AlertState> state(String s) {
        if (s.equalsIgnoreCase("active")) {
            return Optional.of(AlertState.OPEN); // placeholder; "active" is handled by the caller
        }
        try {
            return Optional.of(AlertState.valueOf(s.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
