package org.hemowatch.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.hemowatch.auth.Access.Permission;
import org.hemowatch.auth.Principal;
import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.DiscardHold;
import org.hemowatch.domain.UnitKey;
import org.hemowatch.ingest.ScanIngest;
import org.hemowatch.ingest.ScanRequest;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /api/v1/scans}: one scan of one label; answers 201 with the unit after its commit.
 * A DISCARD is a signed decision ({@link Signatures}): sent with a session it carries the person's
 * signature for the unit the reads name (without one the answer is 400 {@code signature-required}
 * with the meaning to confirm) and discards; sent with a key, which cannot sign, it holds the unit
 * instead and answers 202 with rule {@code discard-pending-signature} ({@code DiscardHold}).
 */
final class ScanRoutes {

    private final ApiServices services;

    ScanRoutes(ApiServices services) {
        this.services = services;
    }

    void mount(Router api, AuthHandler auth) {
        api.post("/scans").handler(auth.require(Permission.UNIT_SCAN)).handler(ctx -> scan(ctx, auth.signatures()));
    }

    private void scan(RoutingContext ctx, Signatures signatures) {
        Future.succeededFuture(ctx)
                .map(this::parse)
                .compose(request -> ctx.get(AuthHandler.SESSION) != null && "DISCARD".equalsIgnoreCase(request.action())
                        ? signedDiscard(ctx, signatures, request)
                        : Future.fromCompletionStage(services.scans().process(request), ctx.vertx().getOrCreateContext()))
                .onSuccess(unit -> respond(ctx, unit))
                .onFailure(ctx::fail);
    }

    /** A person's DISCARD: signed for the unit the reads name, then discarded with its audit entry in one transaction. */
    private Future<BloodUnit> signedDiscard(RoutingContext ctx, Signatures signatures, ScanRequest request) {
        UnitKey key = services.scans().keyOf(request, services.inventory());
        JsonObject body = Bodies.object(ctx);
        String comment = body.getValue("comment") instanceof String c && !c.isBlank() ? c.strip() : request.reason();
        Principal p = AuthHandler.principal(ctx);
        return signatures.requirePerson(ctx, body, Signatures.discardMeaning(key.din(), key.productCode() + "-" + key.division()))
                .compose(signed -> Future.fromCompletionStage(services.scans().process(request,
                        new ScanIngest.SignedDiscard(key, Signatures.auditDetail(p, comment, signed).encode())), ctx.vertx().getOrCreateContext()));
    }

    private ScanRequest parse(RoutingContext ctx) {
        JsonObject body = Bodies.object(ctx);
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

    /** The answer to a scan: the unit as it now stands; {@code rule} and {@code detail} only when a discard waits for a signature. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Scanned(List<UnitJson.Unit> units, String rule, String detail) {
    }

    private static void respond(RoutingContext ctx, BloodUnit unit) {
        boolean held = "DISCARD".equalsIgnoreCase(Bodies.object(ctx).getString("action")) && DiscardHold.pending(unit);
        Replies.json(ctx, held ? 202 : 201, new Scanned(List.of(UnitJson.unit(unit)),
                held ? DiscardHold.MARK : null, held ? DiscardHold.message(unit) : null));
    }
}
