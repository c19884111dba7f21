package org.hemowatch.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.hemowatch.auth.Principal;
import org.hemowatch.auth.Role;
import org.hemowatch.store.ApiKeyRecord;

/** API key management (admin only): create (secret shown once), list without secrets, revoke. */
final class KeyRoutes {

    private final ApiServices services;

    KeyRoutes(ApiServices services) {
        this.services = services;
    }

    void mount(Router api, AuthHandler auth) {
        api.post("/keys").handler(auth.require(Role.ADMIN)).handler(this::create);
        api.get("/keys").handler(auth.require(Role.ADMIN)).handler(this::list);
        api.delete("/keys/:id").handler(auth.require(Role.ADMIN)).handler(this::revoke);
    }

    private void create(RoutingContext ctx) {
        Principal admin = AuthHandler.principal(ctx);
        JsonObject body = Bodies.object(ctx);
        String roleText = Bodies.requiredString(body, "role");
        Role role = Role.parse(roleText).orElseThrow(() -> ApiProblem.badRequest("unknown-role",
                "role '" + roleText + "' is not one of admin, technician, hospital, device, station"));
        String site = Bodies.optionalString(body, "site");
        if (site != null && !services.knownSite().test(site)) {
            throw ApiProblem.badRequest("unknown-site", "site '" + site + "' is not configured");
        }
        if (admin.site() != null && (site == null || !site.equals(admin.site()))) {
            throw ApiProblem.forbidden("site-forbidden", "an admin limited to site '" + admin.site() + "' can only create keys for that site");
        }
        String name = Bodies.requiredString(body, "name");
        if (name.length() > 100) {
            throw ApiProblem.badRequest("name-too-long", "'name' must be at most 100 characters");
        }
        Future.fromCompletionStage(services.keys().create(role, site, name, admin.name()), ctx.vertx().getOrCreateContext())
                .onSuccess(issued -> ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json")
                        .end(json(issued.record()).put("key", issued.secret()).encode()))
                .onFailure(ctx::fail);
    }

    private void list(RoutingContext ctx) {
        Principal admin = AuthHandler.principal(ctx);
        JsonArray items = new JsonArray();
        services.keys().list().stream().filter(k -> admin.site() == null || admin.site().equals(k.site()))
                .forEach(k -> items.add(json(k)));
        ctx.json(new JsonObject().put("items", items));
    }

    private void revoke(RoutingContext ctx) {
        Principal admin = AuthHandler.principal(ctx);
        String id = ctx.pathParam("id");
        ApiKeyRecord target = services.keys().list().stream().filter(k -> k.id().equals(id) && k.revoked() == null).findFirst()
                .orElseThrow(() -> ApiProblem.notFound("key-unknown", "no active API key with id " + id));
        if (admin.site() != null && !admin.site().equals(target.site())) {
            throw ApiProblem.forbidden("site-forbidden", "this key belongs to another site");
        }
        Future.fromCompletionStage(services.keys().revoke(id, admin.name()), ctx.vertx().getOrCreateContext())
                .onSuccess(revoked -> {
                    if (revoked) {
                        ctx.response().setStatusCode(204).end();
                    } else {
                        ctx.fail(ApiProblem.notFound("key-unknown", "no active API key with id " + id));
                    }
                })
                .onFailure(ctx::fail);
    }

    private static JsonObject json(ApiKeyRecord k) {
        return new JsonObject().put("id", k.id()).put("name", k.name()).put("role", k.role()).put("site", k.site())
                .put("created", k.created().toString()).put("revoked", k.revoked() == null ? null : k.revoked().toString());
    }
}
