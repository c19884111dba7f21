package org.hemowatch.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.hemowatch.auth.Access.Permission;
import org.hemowatch.auth.DeviceScope;
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
        api.post("/keys").handler(auth.require(Permission.KEY_ADMIN)).handler(this::create);
        api.get("/keys").handler(auth.require(Permission.KEY_ADMIN)).handler(this::list);
        api.delete("/keys/:id").handler(auth.require(Permission.KEY_ADMIN)).handler(this::revoke);
    }

    private void create(RoutingContext ctx) {
        Principal admin = AuthHandler.principal(ctx);
        JsonObject body = Bodies.object(ctx);
        String roleText = Bodies.requiredString(body, "role");
        Role role = Role.parse(roleText).orElseThrow(() -> ApiProblem.badRequest("unknown-role",
                "role '" + roleText + "' is not one of admin, technician, hospital, device, station"));
        String site = Bodies.optionalId(body, "site");
        if (site != null && !services.knownSite().test(site)) {
            throw ApiProblem.badRequest("unknown-site", "site '" + site + "' is not configured");
        }
        if (admin.site() != null && (site == null || !site.equals(admin.site()))) {
            throw ApiProblem.forbidden("site-forbidden", "an admin limited to site '" + admin.site() + "' can only create keys for that site");
        }
        String name = Bodies.requiredText(body, "name");
        DeviceScope devices = devices(body, role);
        Future.fromCompletionStage(services.keys().create(role, site, name, devices, admin), ctx.vertx().getOrCreateContext())
                .onSuccess(issued -> Replies.json(ctx, 201, AccountJson.key(issued.record(), issued.secret())))
                .onFailure(ctx::fail);
    }

    private void list(RoutingContext ctx) {
        Principal admin = AuthHandler.principal(ctx);
        Replies.ok(ctx, new AccountJson.Items<>(services.keys().list().stream()
                .filter(k -> admin.site() == null || admin.site().equals(k.site())).map(AccountJson::key).toList()));
    }

    private void revoke(RoutingContext ctx) {
        Principal admin = AuthHandler.principal(ctx);
        String id = ctx.pathParam("id");
        ApiKeyRecord target = services.keys().list().stream().filter(k -> k.id().equals(id) && k.revoked() == null).findFirst()
                .orElseThrow(() -> ApiProblem.notFound("key-unknown", "no active API key with id " + id));
        if (admin.site() != null && !admin.site().equals(target.site())) {
            throw ApiProblem.forbidden("site-forbidden", "this key belongs to another site");
        }
        Future.fromCompletionStage(services.keys().revoke(id, admin), ctx.vertx().getOrCreateContext())
                .onSuccess(revoked -> {
                    if (revoked) {
                        ctx.response().setStatusCode(204).end();
                    } else {
                        ctx.fail(ApiProblem.notFound("key-unknown", "no active API key with id " + id));
                    }
                })
                .onFailure(ctx::fail);
    }

    /** A device key must say which ids it speaks for ({@code ["*"]} = site gateway); other roles must not. */
    private static DeviceScope devices(JsonObject body, Role role) {
        Object raw = body.getValue("devices");
        if (role != Role.DEVICE) {
            if (raw != null) {
                throw ApiProblem.badRequest("devices-not-allowed", "'devices' is only for keys of role device");
            }
            return DeviceScope.NONE;
        }
        if (raw != null && !(raw instanceof JsonArray)) {
            throw ApiProblem.badRequest("devices-required", "'devices' must be an array of device or scanner ids, or [\"*\"] for a site gateway");
        }
        try {
            return DeviceScope.parse(raw == null ? null : ((JsonArray) raw).getList());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("devices-required", e.getMessage());
        }
    }
}
