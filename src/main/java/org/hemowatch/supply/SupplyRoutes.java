package org.hemowatch.supply;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.hemowatch.api.ApiProblem;
import org.hemowatch.api.ApiRoutes;
import org.hemowatch.api.AuthHandler;
import org.hemowatch.api.Bodies;
import org.hemowatch.api.Conditional;
import org.hemowatch.api.Queries;
import org.hemowatch.api.Replies;
import org.hemowatch.api.UnitJson;
import org.hemowatch.auth.Access.Permission;
import org.hemowatch.auth.Principal;
import org.hemowatch.auth.Role;
import org.hemowatch.domain.Abo;
import org.hemowatch.domain.BloodGroup;
import org.hemowatch.domain.ComponentClass;
import org.hemowatch.domain.RhD;
import org.hemowatch.domain.supply.ParLevel;
import org.hemowatch.domain.supply.Pick;
import org.hemowatch.domain.supply.StockLevel;
import org.hemowatch.json.JsonMappers;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Supply routes under {@code /api/v1}:
 * <ul>
 * <li>{@code GET /stock[?site=]}: one row per site × component × group with days of supply and par levels;</li>
 * <li>{@code GET /stock/pick?component=RBC&abo=A&rhd=POS&count=2[&site=]}: units to issue, FEFO, with substitutes;</li>
 * <li>{@code GET /par-levels}, {@code PUT /par-levels} (admin; body {@code {"items": [{site, component, group, minimum, ideal}]}}).</li>
 * </ul>
 */
public final class SupplyRoutes implements ApiRoutes {

    private final SupplyService supply;
    private final Clock clock;
    private final String defaultSite;
    private final Predicate<String> knownSite;
    /** Rendered stock bodies by ETag (a version × scope × filter); a new version starts over. */
    private final Map<String, Buffer> bodies = new ConcurrentHashMap<>();
    private static final int MAX_BODIES = 64;

    public SupplyRoutes(SupplyService supply, Clock clock, String defaultSite, Predicate<String> knownSite) {
        this.supply = supply;
        this.clock = clock;
        this.defaultSite = defaultSite;
        this.knownSite = knownSite;
    }

    @Override
    public void mount(Router api, AuthHandler auth) {
        api.get("/stock").handler(auth.require(Permission.STOCK_READ)).handler(this::stock);
        api.get("/stock/pick").handler(auth.require(Permission.STOCK_READ)).handler(this::pick);
        api.get("/par-levels").handler(auth.require(Permission.STOCK_READ)).handler(this::listPars);
        api.put("/par-levels").handler(auth.require(Permission.PAR_LEVEL_WRITE)).handler(this::putPars);
    }

    /**
     * The stock lines the caller may see. The figures come from counts kept at commit time, and
     * the body of one version, caller scope and filter is built once: a poll costs a map look-up,
     * or a 304 when the caller sends the ETag back. {@code at} is when the figures of this version
     * were computed; they stay exact until the ETag changes.
     */
    private void stock(RoutingContext ctx) {
        Principal p = AuthHandler.principal(ctx);
        Optional<String> site = Queries.id(ctx, "site");
        site.ifPresent(s -> AuthHandler.checkSite(ctx, s));
        Instant now = clock.instant();
        SupplyService.Stock stock = supply.stock(now);
        String etag = Conditional.etag("stock", stock.version(), p.site() == null ? "*" : p.site(), site.orElse("*"));
        if (Conditional.notModified(ctx, etag)) {
            return;
        }
        Buffer body = bodies.get(etag);
        if (body == null) {
            List<StockJson.Row> items = new ArrayList<>();
            for (StockLevel l : stock.levels()) {
                if (p.mayAccessSite(l.key().site()) && site.map(s -> s.equals(l.key().site())).orElse(true)) {
                    items.add(StockJson.Row.of(l, supply.phaseName(l.phase())));
                }
            }
            body = Buffer.buffer(JsonMappers.writeWire(StockJson.Body.of(now, supply.windowDays(), items)));
            if (bodies.size() >= MAX_BODIES) {
                bodies.clear();
            }
            bodies.put(etag, body);
        }
        Conditional.json(ctx, etag, body);
    }

    private void pick(RoutingContext ctx) {
        Principal p = AuthHandler.principal(ctx);
        ComponentClass component = Queries.parsed(ctx, "component", ComponentClass::parse, "a component class (RBC, PLT, FFP, CRYO, WB, GRAN)")
                .orElseThrow(() -> ApiProblem.badRequest("parameter-required", "query parameter 'component' is required"));
        int count = Queries.integer(ctx, "count", 1, 1, 100);
        String site = Queries.id(ctx, "site").orElse(p.site() != null ? p.site() : defaultSite);
        boolean unknown = Queries.string(ctx, "group").map(g -> g.equalsIgnoreCase("unknown")).orElse(false);
        BloodGroup recipient = null;
        if (!unknown) {
            Abo abo = Queries.parsed(ctx, "abo", Abo::parse, "O, A, B or AB")
                    .orElseThrow(() -> ApiProblem.badRequest("parameter-required", "query parameter 'abo' is required (or group=unknown)"));
            RhD rhd = Queries.parsed(ctx, "rhd", RhD::parse, "POS or NEG")
                    .orElseThrow(() -> ApiProblem.badRequest("parameter-required", "query parameter 'rhd' is required (or group=unknown)"));
            recipient = new BloodGroup(abo, rhd);
        }
        AuthHandler.checkSite(ctx, site);
        List<Pick> picks = unknown ? supply.pickUnknownGroup(site, component, count, clock.instant())
                : supply.pick(site, component, recipient, count, clock.instant());
        List<UnitJson.Picked> items = picks.stream().map(pick -> new UnitJson.Picked(UnitJson.unit(pick.unit()), pick.substitute(), pick.reason())).toList();
        Replies.ok(ctx, new UnitJson.PickList(site, component.code(), unknown ? "unknown" : recipient.label(), count, picks.size(),
                picks.size() < count, items));
    }

    private void listPars(RoutingContext ctx) {
        Principal p = AuthHandler.principal(ctx);
        Replies.ok(ctx, ParLevelJson.Items.of(supply.parLevels().stream().filter(l -> p.mayAccessSite(l.key().site())).toList()));
    }

    private void putPars(RoutingContext ctx) {
        JsonObject body = Bodies.object(ctx);
        Object raw = body.getValue("items");
        if (!(raw instanceof JsonArray array) || array.isEmpty()) {
            throw ApiProblem.badRequest("items-required", "'items' must be a non-empty array of par levels {site, component, group, minimum, ideal}");
        }
        List<ParLevel> levels = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            if (!(array.getValue(i) instanceof JsonObject o)) {
                throw ApiProblem.badRequest("par-level-invalid", "items[" + i + "] must be an object");
            }
            ParLevel level;
            try {
                level = ParLevelJson.fromJson(o);
            } catch (IllegalArgumentException e) {
                throw ApiProblem.badRequest("par-level-invalid", "items[" + i + "]: " + e.getMessage());
            }
            if (!knownSite.test(level.key().site())) {
                throw ApiProblem.badRequest("unknown-site", "items[" + i + "]: site '" + level.key().site() + "' is not configured");
            }
            AuthHandler.checkSite(ctx, level.key().site());
            if (levels.stream().anyMatch(l -> l.key().equals(level.key()))) {
                throw ApiProblem.badRequest("par-level-repeated", "items[" + i + "] repeats the line " + level.key());
            }
            levels.add(level);
        }
        supply.putParLevels(levels, AuthHandler.principal(ctx).name(), AuthHandler.principal(ctx).id())
                .onSuccess(stored -> Replies.ok(ctx, ParLevelJson.Items.of(stored)))
                .onFailure(ctx::fail);
    }
}
