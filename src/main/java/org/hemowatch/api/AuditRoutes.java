package org.hemowatch.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.hemowatch.auth.Access.Permission;
import org.hemowatch.auth.Role;
import org.hemowatch.store.AuditEntry;
import org.hemowatch.store.AuditRecords;

/**
 * {@code GET /api/v1/audit?limit=}: the audit trail of administrative changes (API keys, devices,
 * par levels, quarantine decisions), newest first. Admin only: entries name people and keys.
 */
final class AuditRoutes {

    private static final int MAX_LIMIT = 1000;

    private final ApiServices services;

    AuditRoutes(ApiServices services) {
        this.services = services;
    }

    void mount(Router api, AuthHandler auth) {
        api.get("/audit").handler(auth.require(Permission.AUDIT_READ)).handler(this::list);
    }

    private void list(RoutingContext ctx) {
        int limit = Queries.integer(ctx, "limit", 100, 1, MAX_LIMIT);
        // a site-scoped admin sees only entries recorded for its site; service-wide entries are for unscoped admins
        String site = AuthHandler.principal(ctx).site();
        ctx.vertx().executeBlocking(() -> services.database().read(c -> AuditRecords.list(c, limit, site)), false)
                .map(AuditRoutes::json)
                .onSuccess(body -> ctx.json(body))
                .onFailure(ctx::fail);
    }

    private static JsonObject json(java.util.List<AuditEntry> entries) {
        JsonArray items = new JsonArray();
        for (AuditEntry e : entries) {
            JsonObject detail;
            try {
                detail = e.detailJson() == null ? null : new JsonObject(e.detailJson());
            } catch (RuntimeException notAnObject) {
                detail = new JsonObject().put("text", e.detailJson());
            }
            items.add(new JsonObject().put("at", e.at().toString()).put("actor", e.actor()).put("actorId", e.actorId())
                    .put("action", e.action()).put("site", e.site()).put("subject", e.subject()).put("detail", detail));
        }
        return new JsonObject().put("items", items);
    }
}
