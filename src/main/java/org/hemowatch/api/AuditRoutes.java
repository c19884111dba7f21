package org.hemowatch.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.hemowatch.auth.Access.Permission;
import org.hemowatch.auth.Role;
import org.hemowatch.store.AuditEntry;
import org.hemowatch.store.AuditRecords;
import org.hemowatch.json.JsonMappers;

import java.util.List;

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
                .onSuccess(body -> Replies.ok(ctx, body))
                .onFailure(ctx::fail);
    }

    /** One entry; {@code detail} is the JSON object stored with it, or {@code {"text": ...}} when what is stored is not one. */
    record Item(String at, String actor, String actorId, String action, String site, String subject, JsonNode detail) {
    }

    record Items(List<Item> items) {
    }

    private static Items json(List<AuditEntry> entries) {
        return new Items(entries.stream().map(e -> new Item(e.at().toString(), e.actor(), e.actorId(), e.action(), e.site(),
                e.subject(), detail(e.detailJson()))).toList());
    }

    private static JsonNode detail(String stored) {
        if (stored == null) {
            return null;
        }
        try {
            JsonNode node = JsonMappers.WIRE.readTree(stored);
            if (node != null && node.isObject()) {
                return node;
            }
        } catch (java.io.IOException notJson) {
            // kept as text below
        }
        return JsonMappers.WIRE.createObjectNode().put("text", stored);
    }
}
