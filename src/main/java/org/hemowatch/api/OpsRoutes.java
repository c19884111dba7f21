package org.hemowatch.api;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** Unauthenticated operational endpoints: liveness, readiness and the Prometheus scrape. */
final class OpsRoutes {

    private final ApiServices services;

    OpsRoutes(ApiServices services) {
        this.services = services;
    }

    void mount(Router root) {
        root.get("/health/live").handler(ctx -> ctx.json(new JsonObject().put("status", "UP")));
        root.get("/health/ready").handler(this::ready);
        root.get("/metrics").handler(this::metrics);
    }

    private void ready(RoutingContext ctx) {
        boolean up = services.ready().getAsBoolean();
        io.vertx.core.json.JsonArray owned = new io.vertx.core.json.JsonArray();
        services.ownedSites().get().forEach(owned::add);
        ctx.response().setStatusCode(up ? 200 : 503).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("status", up ? "UP" : "DOWN")
                        .put("checks", new JsonObject().put("store", up ? "UP" : "DOWN"))
                        .put("ownedSites", owned).encode());
    }

    private void metrics(RoutingContext ctx) {
        // Scraping walks the in-memory inventory and the registry: fast, but not free, so off the event loop.
        ctx.vertx().executeBlocking(() -> services.metrics().scrape(), false)
                .onSuccess(text -> ctx.response().putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8").end(text))
                .onFailure(ctx::fail);
    }
}
