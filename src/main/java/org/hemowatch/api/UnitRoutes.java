package org.hemowatch.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.hemowatch.auth.Access.Permission;
import org.hemowatch.auth.Principal;
import org.hemowatch.auth.Role;
import org.hemowatch.domain.Abo;
import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.ComponentClass;
import org.hemowatch.domain.Enums;
import org.hemowatch.domain.RhD;
import org.hemowatch.domain.UnitEvent;
import org.hemowatch.domain.UnitStatus;
import org.hemowatch.store.UnitRecords;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/** Unit queries: one donation with histories, and a filtered, paged list. */
final class UnitRoutes {

    private static final int MAX_PAGE = 1000;

    private final ApiServices services;

    UnitRoutes(ApiServices services) {
        this.services = services;
    }

    void mount(Router api, AuthHandler auth) {
        api.get("/units/:din").handler(auth.require(Permission.UNIT_READ)).handler(this::donation);
        api.get("/units").handler(auth.require(Permission.UNIT_READ)).handler(this::list);
    }

    private void donation(RoutingContext ctx) {
        String din = ctx.pathParam("din").toUpperCase(Locale.ROOT);
        Principal p = AuthHandler.principal(ctx);
        List<BloodUnit> units = services.inventory().byDin(din).stream().filter(u -> p.mayAccessSite(u.site())).toList();
        if (units.isEmpty()) {
            ctx.fail(ApiProblem.notFound("unit-unknown", "no unit of donation " + din + " is known" + (p.site() != null ? " at site " + p.site() : "")));
            return;
        }
        ctx.vertx().executeBlocking(() -> services.database().read(c -> UnitRecords.history(c, din)), false)
                .map(history -> withHistories(units, history))
                .onSuccess(body -> ctx.json(body))
                .onFailure(ctx::fail);
    }

    private static JsonObject withHistories(List<BloodUnit> units, List<UnitEvent> history) {
        JsonArray out = new JsonArray();
        for (BloodUnit u : units) {
            JsonArray events = new JsonArray();
            history.stream().filter(e -> e.key().equals(u.key())).forEach(e -> events.add(UnitJson.event(e)));
            out.add(UnitJson.unit(u).put("history", events));
        }
        return new JsonObject().put("din", units.get(0).key().din()).put("units", out);
    }

    private void list(RoutingContext ctx) {
        Future.succeededFuture(ctx).map(this::filter).map(filter -> page(ctx, filter))
                .onSuccess(body -> ctx.json(body))
                .onFailure(ctx::fail);
    }

    private Predicate<BloodUnit> filter(RoutingContext ctx) {
        Principal p = AuthHandler.principal(ctx);
        Optional<UnitStatus> status = Queries.parsed(ctx, "status", v -> Enums.parse(UnitStatus.class, v), "a unit status like AVAILABLE");
        Optional<ComponentClass> component = Queries.parsed(ctx, "component", ComponentClass::parse, "a component class (RBC, PLT, FFP, CRYO, WB, GRAN)");
        Optional<Abo> abo = Queries.parsed(ctx, "abo", Abo::parse, "O, A, B or AB");
        Optional<RhD> rhd = Queries.parsed(ctx, "rhd", RhD::parse, "POS or NEG");
        Optional<String> site = Queries.id(ctx, "site");
        Optional<Instant> expiringBefore = Queries.instant(ctx, "expiringBefore");
        site.ifPresent(s -> AuthHandler.checkSite(ctx, s));
        Predicate<BloodUnit> f = u -> p.mayAccessSite(u.site());
        if (status.isPresent()) {
            f = f.and(u -> u.status() == status.get());
        }
        if (component.isPresent()) {
            f = f.and(u -> u.component() == component.get());
        }
        if (abo.isPresent()) {
            f = f.and(u -> u.group().abo() == abo.get());
        }
        if (rhd.isPresent()) {
            f = f.and(u -> u.group().rhd() == rhd.get());
        }
        if (site.isPresent()) {
            f = f.and(u -> u.site().equals(site.get()));
        }
        if (expiringBefore.isPresent()) {
            f = f.and(u -> u.expires().isBefore(expiringBefore.get()));
        }
        return f;
    }

    private JsonObject page(RoutingContext ctx, Predicate<BloodUnit> filter) {
        int limit = Queries.integer(ctx, "limit", 100, 1, MAX_PAGE);
        int offset = Queries.offset(ctx);
        List<BloodUnit> all = services.inventory().find(filter).stream()
                .sorted(Comparator.comparing(BloodUnit::expires).thenComparing(u -> u.key().toString()))
                .toList();
        List<BloodUnit> page = all.subList(Math.min(offset, all.size()), Math.min(all.size(), offset + limit));
        return new JsonObject().put("total", all.size()).put("limit", limit).put("offset", offset).put("items", UnitJson.units(page));
    }
}
