package org.hemowatch.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.hemowatch.auth.Access.Permission;
import org.hemowatch.auth.Principal;
import org.hemowatch.auth.Role;
import org.hemowatch.domain.BloodUnit;
import org.hemowatch.ingest.ScanRequest;

import java.util.ArrayList;
import java.util.List;

/** {@code POST /api/v1/scans}: one scan of one label; answers 201 with the unit after its commit. */
final class ScanRoutes {

    private final ApiServices services;

    ScanRoutes(ApiServices services) {
        this.services = services;
    }

    void mount(Router api, AuthHandler auth) {
        api.post("/scans").handler(auth.require(Permission.UNIT_SCAN)).handler(this::scan);
    }

    private void scan(RoutingContext ctx) {
        Future.succeededFuture(ctx)
                .map(this::parse)
                .compose(request -> Future.fromCompletionStage(services.scans().process(request), ctx.vertx().getOrCreateContext()))
                .onSuccess(unit -> respond(ctx, unit))
                .onFailure(ctx::fail);
    }

    private ScanRequest parse(RoutingContext ctx) {
        JsonObject body = Bodies.object(ctx);
        if (ctx.get(AuthHandler.SESSION) != null && "DISCARD".equalsIgnoreCase(Bodies.optionalString(body, "action"))) {
            // a person's discard is an electronically signed decision (Signatures), not a bare scan
            throw ApiProblem.badRequest("discard-needs-signature",
                    "a discard by a person is signed: use POST /api/v1/units/{din}/{product}/discard with your signature");
        }
        Principal p = AuthHandler.principal(ctx);
        String site = Bodies.optionalId(body, "site");
        if (site == null) {
            site = p.site() != null ? p.site() : services.defaultSite();
        }
        AuthHandler.checkSite(ctx, site);
        List<String> reads = new ArrayList<>();
        String data = Bodies.optionalString(body, "data");
        if (data != null) {
            reads.add(data);
        }
        Object rawReads = body.getValue("reads");
        if (rawReads != null) {
            if (!(rawReads instanceof JsonArray array)) {
                throw ApiProblem.badRequest("reads-not-array", "'reads' must be an array of strings");
            }
            for (Object r : array) {
                if (!(r instanceof String s)) {
                    throw ApiProblem.badRequest("reads-not-array", "'reads' must be an array of strings");
                }
                reads.add(s);
            }
        }
        return new ScanRequest(site,
                Bodies.optionalId(body, "scanner"),
                Bodies.optionalString(body, "action"),
                Bodies.optionalText(body, "location"),
                Bodies.optionalText(body, "destination"),
                Bodies.optionalText(body, "operator"),
                Bodies.optionalText(body, "reason"),
                reads, "http", p, null).withRecipient(Bodies.optionalText(body, "recipient"));
    }

    private static void respond(RoutingContext ctx, BloodUnit unit) {
        ctx.response().setStatusCode(201).putHeader("Content-Type", "application/json")
                .end(new JsonObject().put("units", new JsonArray().add(UnitJson.unit(unit))).encode());
    }
}
