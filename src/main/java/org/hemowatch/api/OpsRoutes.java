package org.hemowatch.api;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

import java.util.List;

/** Unauthenticated operational endpoints: liveness, readiness and the Prometheus scrape. */
final class OpsRoutes {

    private final ApiServices services;

    /** {@code GET /health/live}. */
    record Live(String status) {
    }

    /** {@code GET /health/ready}: UP when the store answers; the sites whose timers and rules this instance runs. */
    record Ready(String status, Checks checks, List<String> ownedSites) {
        record Checks(String store) {
        }
    }

    OpsRoutes(ApiServices services) {
        this.services = services;
    }

    void mount(Router root) {
        root.get("/health/live").handler(ctx -> Replies.ok(ctx, new Live("UP")));
        root.get("/health/ready").handler(this::ready);
        root.get("/metrics").handler(this::metrics);
    }

    private void ready(RoutingContext ctx) {
        boolean up = services.ready().getAsBoolean();
        String state = up ? "UP" : "DOWN";
        Replies.json(ctx, up ? 200 : 503, new Ready(state, new Ready.Checks(state), List.copyOf(services.ownedSites().get())));
    }

    private void metrics(RoutingContext ctx) {
        // Scraping walks the in-memory inventory and the registry: fast, but not free, so off the event loop.
        ctx.vertx().executeBlocking(() -> services.metrics().scrape(), false)
                .onSuccess(text -> ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(text))
                .onFailure(ctx::fail);
    }
}
