package org.hemowatch.coldchain;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.hemowatch.api.ApiProblem;
import org.hemowatch.api.ApiRoutes;
import org.hemowatch.api.AuthHandler;
import org.hemowatch.api.Bodies;
import org.hemowatch.api.Queries;
import org.hemowatch.api.Signatures;
import org.hemowatch.api.Replies;
import org.hemowatch.api.UnitJson;
import org.hemowatch.auth.Access.Permission;
import org.hemowatch.auth.Principal;
import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.Decision;
import org.hemowatch.domain.rule.RejectedException;
import org.hemowatch.domain.Inventory;
import org.hemowatch.domain.TemperatureReading;
import org.hemowatch.domain.UnitAction;
import org.hemowatch.domain.UnitKey;
import org.hemowatch.domain.coldchain.DeviceLimits;
import org.hemowatch.domain.coldchain.DeviceProfile;
import org.hemowatch.domain.coldchain.Excursion;
import org.hemowatch.domain.coldchain.ExcursionSummary;
import org.hemowatch.store.Database;
import org.hemowatch.store.ReadingRecords;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Devices, their readings and excursion reports, and the technician's decision on quarantined units:
 * <pre>
 * GET  /devices                          admin, technician, station
 * GET  /devices/{id}                     admin, technician, station
 * PUT  /devices/{id}                     admin (validated, audited, applied to the running monitor; other limits than
 *                                        the stored ones, or than the kind's defaults for a new device, are signed by a person)
 * GET  /devices/{id}/readings            admin, technician, station (JSON page; CSV with Accept: text/csv)
 * GET  /devices/{id}/excursions          admin, technician, station
 * GET  /devices/{id}/summary             admin, technician, station
 * POST /units/{din}/{product}/release    admin, technician  {"comment", "signature"} (signed by a person, see Signatures)
 * POST /units/{din}/{product}/discard    admin, technician  {"comment", "signature"} (signed by a person)
 * POST /units/{din}/{product}/quarantine admin, technician  {"comment"} (a hold for any reason: recall, look-back, label query)
 * </pre>
 * A device is addressed by id within a site: {@code ?site=} or the caller's site or the default site.
 */
public final class ColdChainRoutes implements ApiRoutes {

    private static final int MAX_READINGS = 10_000;
    private static final int MAX_SUMMARY_READINGS = 1_000_000;
    private static final Duration MAX_PERIOD = Duration.ofDays(366);
    private static final Pattern PRODUCT = Pattern.compile("([A-Z0-9]{5})(?:-?([A-Z0-9]{2}))?");

    private final ColdChainService service;
    private final DeviceRegistry registry;
    private final Database database;
    private final UnitDecisions decisions;
    private final Inventory inventory;
    private final String defaultSite;
    private final Clock clock;

    public ColdChainRoutes(ColdChainService service, DeviceRegistry registry, Database database, UnitDecisions decisions,
                           Inventory inventory, String defaultSite, Clock clock) {
        this.service = service;
        this.registry = registry;
        this.database = database;
        this.decisions = decisions;
        this.inventory = inventory;
        this.defaultSite = defaultSite;
        this.clock = clock;
    }

    @Override
    public void mount(Router api, AuthHandler auth) {
        api.get("/devices").handler(auth.require(Permission.DEVICE_READ)).handler(this::list);
        api.get("/devices/:id").handler(auth.require(Permission.DEVICE_READ)).handler(ctx -> ctx.json(deviceJson(device(ctx))));
        api.get("/devices/:id/readings").handler(auth.require(Permission.READING_READ)).handler(this::readings);
        api.get("/devices/:id/excursions").handler(auth.require(Permission.READING_READ)).handler(this::excursions);
        api.get("/devices/:id/summary").handler(auth.require(Permission.READING_READ)).handler(this::summary);
        api.put("/devices/:id").handler(auth.require(Permission.DEVICE_CONFIGURE)).handler(ctx -> put(ctx, auth.signatures()));
        api.post("/units/:din/:product/release").handler(auth.require(Permission.UNIT_DECIDE))
                .handler(ctx -> decide(ctx, UnitAction.RELEASE, auth.signatures()));
        api.post("/units/:din/:product/discard").handler(auth.require(Permission.UNIT_DECIDE))
                .handler(ctx -> decide(ctx, UnitAction.DISCARD, auth.signatures()));
        api.post("/units/:din/:product/quarantine").handler(auth.require(Permission.UNIT_DECIDE))
                .handler(ctx -> decide(ctx, UnitAction.QUARANTINE, null));
    }

    private void list(RoutingContext ctx) {
        Principal p = AuthHandler.principal(ctx);
        JsonArray items = new JsonArray();
        registry.all().stream().filter(d -> p.mayAccessSite(d.site())).forEach(d -> items.add(deviceJson(d)));
        ctx.json(new JsonObject().put("items", items));
    }

    private String site(RoutingContext ctx) {
        Principal p = AuthHandler.principal(ctx);
        String site = Queries.id(ctx, "site").orElse(p.site() != null ? p.site() : defaultSite);
        AuthHandler.checkSite(ctx, site);
        return site;
    }

    private DeviceProfile device(RoutingContext ctx) {
        String site = site(ctx);
        String id = Queries.pathId(ctx, "id");
        return registry.find(site, id).orElseThrow(() -> ApiProblem.notFound("device-unknown",
                "device '" + id + "' is not registered at site '" + site + "'"));
    }

    private JsonObject deviceJson(DeviceProfile d) {
        return ColdChainApiJson.device(d, service.state(d.site(), d.id()), clock.instant());
    }

    private void put(RoutingContext ctx, Signatures signatures) {
        String id = Queries.pathId(ctx, "id");
        JsonObject body = Bodies.object(ctx).copy();
        // the decision's parts are not device settings
        JsonObject decision = new JsonObject().put("signature", body.remove("signature"));
        String comment = body.remove("comment") instanceof String c ? c : null;
        if (body.getString("id") != null && !id.equals(body.getString("id"))) {
            throw ApiProblem.badRequest("id-mismatch", "the body names device '" + body.getString("id") + "' but the path '" + id + "'");
        }
        body.put("id", id);
        String site = body.getString("site") != null ? body.getString("site") : site(ctx);
        AuthHandler.checkSite(ctx, site);
        body.put("site", site);
        DeviceProfile profile;
        try {
            profile = body.mapTo(DeviceConfig.class).toProfile(site, service.region());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("invalid-device", e.getCause() != null && !(e.getCause() instanceof IllegalArgumentException)
                    ? "the device body is invalid: " + e.getCause().getMessage() : e.getMessage());
        }
        Principal principal = AuthHandler.principal(ctx);
        DeviceProfile checked = profile;
        // new limits (or a new device with other limits than its kind's) are a person's signed decision;
        // registering or renaming a device with its limits unchanged is not, so provisioning keys keep working
        boolean signs = DeviceLimits.changed(registry.find(site, id).orElse(null), profile, service.region())
                || decision.getValue("signature") != null;
        Future<Signatures.Signed> signature = signs ? signatures.requirePerson(ctx, decision, Signatures.deviceLimitsMeaning(site, id))
                : Future.succeededFuture(null);
        signature.compose(signed -> service.update(checked, principal.name(), principal.id(), signed == null ? null
                        : Signatures.auditDetail(principal, comment, signed).encode()))
                .onSuccess(p -> ctx.json(deviceJson(p)))
                .onFailure(ctx::fail);
    }

    private record Period(Instant from, Instant to) {
    }

    private Period period(RoutingContext ctx) {
        Instant to = Queries.instant(ctx, "to").orElse(clock.instant());
        Instant from = Queries.instant(ctx, "from").orElse(to.minus(Duration.ofDays(1)));
        if (!from.isBefore(to)) {
            throw ApiProblem.badRequest("bad-period", "'from' " + from + " must be before 'to' " + to);
        }
        if (Duration.between(from, to).compareTo(MAX_PERIOD) > 0) {
            throw ApiProblem.badRequest("bad-period", "a period may span at most 366 days");
        }
        return new Period(from, to);
    }

    private void readings(RoutingContext ctx) {
        DeviceProfile d = device(ctx);
        Period p = period(ctx);
        int limit = Queries.integer(ctx, "limit", 1000, 1, MAX_READINGS);
        int offset = Queries.offset(ctx);
        String accept = ctx.request().getHeader("Accept");
        boolean csv = accept != null && accept.toLowerCase(Locale.ROOT).contains("text/csv");
        ctx.vertx().executeBlocking(() -> database.read(c -> ReadingRecords.range(c, d.site(), d.id(), p.from(), p.to(), limit, offset)), false)
                .onSuccess(rs -> {
                    if (csv) {
                        ctx.response().putHeader("Content-Type", "text/csv; charset=utf-8").end(ColdChainApiJson.readingsCsv(rs));
                    } else {
                        JsonArray items = new JsonArray();
                        rs.forEach(r -> items.add(ColdChainApiJson.reading(r)));
                        ctx.json(new JsonObject().put("site", d.site()).put("device", d.id()).put("from", ColdChainApiJson.iso(p.from()))
                                .put("to", ColdChainApiJson.iso(p.to())).put("limit", limit).put("offset", offset).put("items", items));
                    }
                })
                .onFailure(ctx::fail);
    }

    private void excursions(RoutingContext ctx) {
        DeviceProfile d = device(ctx);
        Period p = period(ctx);
        Instant now = clock.instant();
        ctx.vertx().executeBlocking(() -> service.excursions(d.site(), d.id()), false)
                .onSuccess(xs -> {
                    JsonArray items = new JsonArray();
                    xs.stream().filter(x -> overlaps(x, p)).forEach(x -> items.add(ColdChainApiJson.excursion(x, now)));
                    ctx.json(new JsonObject().put("site", d.site()).put("device", d.id()).put("from", ColdChainApiJson.iso(p.from()))
                            .put("to", ColdChainApiJson.iso(p.to())).put("items", items));
                })
                .onFailure(ctx::fail);
    }

    private void summary(RoutingContext ctx) {
        DeviceProfile d = device(ctx);
        Period p = period(ctx);
        ctx.vertx().executeBlocking(() -> {
                    // the last reading before 'from' carries into the period
                    List<TemperatureReading> rs = database.read(c -> ReadingRecords.range(c, d.site(), d.id(),
                            p.from().minus(d.offlineAfter()), p.to(), MAX_SUMMARY_READINGS, 0));
                    return ExcursionSummary.of(d, rs, service.excursions(d.site(), d.id()), p.from(), p.to());
                }, false)
                .onSuccess(s -> ctx.json(ColdChainApiJson.summary(s)))
                .onFailure(ctx::fail);
    }

    /** A decision on a unit; release and discard are signed by a person ({@link Signatures}), a hold needs none. */
    private void decide(RoutingContext ctx, UnitAction action, Signatures signatures) {
        Principal principal = AuthHandler.principal(ctx);
        JsonObject body = Bodies.object(ctx);
        String comment = Bodies.requiredString(body, "comment");
        UnitKey key = resolve(ctx.pathParam("din").toUpperCase(Locale.ROOT), ctx.pathParam("product").toUpperCase(Locale.ROOT), principal);
        BloodUnit current = inventory.get(key);
        AuthHandler.checkSite(ctx, current.site());
        String product = key.productCode() + "-" + key.division();
        Future<JsonObject> detail = signatures == null // a hold is not a signed decision
                ? Future.succeededFuture(new JsonObject().put("comment", comment).put("principalId", principal.id()).put("principalKind", principal.kind()))
                : signatures.requirePerson(ctx, body, action == UnitAction.RELEASE ? Signatures.releaseMeaning(key.din(), product)
                : Signatures.discardMeaning(key.din(), product)).map(signed -> Signatures.auditDetail(principal, comment, signed));
        detail.compose(d -> decisions.decide(action, current, principal, comment, d.put("keyId", principal.id()).encode()))
                .onSuccess(d -> {
                    if (d instanceof Decision.Accepted a) {
                        Replies.ok(ctx, UnitJson.unit(a.unit()));
                    } else {
                        Decision.Refused r = (Decision.Refused) d;
                        ctx.fail(new RejectedException(r.rejection()));
                    }
                })
                .onFailure(ctx::fail);
    }

    /**
     * {@code product} is the product code ({@code E0398}) optionally with its division, written
     * {@code E0398-00} or {@code E039800}; without a division the donation must have exactly one
     * unit of that product code.
     */
    private UnitKey resolve(String din, String product, Principal p) {
        Matcher m = PRODUCT.matcher(product);
        if (!m.matches()) {
            throw ApiProblem.badRequest("bad-product", "product must be a product code like E0398, optionally with the division: E0398-00 or E039800");
        }
        List<BloodUnit> units = inventory.byDin(din).stream().filter(u -> p.mayAccessSite(u.site()))
                .filter(u -> u.key().productCode().equals(m.group(1)))
                .filter(u -> m.group(2) == null || u.key().division().equals(m.group(2)))
                .toList();
        if (units.isEmpty()) {
            throw ApiProblem.notFound("unit-unknown", "no unit " + din + " " + product + " is known");
        }
        if (units.size() > 1) {
            throw ApiProblem.conflict("product-ambiguous", "donation " + din + " has " + units.size() + " units of product "
                    + m.group(1) + "; name the division, e.g. " + units.get(0).key().productCode() + "-" + units.get(0).key().division());
        }
        return units.get(0).key();
    }

    private static boolean overlaps(Excursion x, Period p) {
        return x.start().isBefore(p.to()) && (x.end() == null || x.end().isAfter(p.from()));
    }
}
