package org.hemowatch.coldchain;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.hemowatch.api.ApiProblem;
import org.hemowatch.api.ApiRoutes;
import org.hemowatch.api.AuthHandler;
import org.hemowatch.api.Queries;
import org.hemowatch.api.UnitJson;
import org.hemowatch.auth.Access.Permission;
import org.hemowatch.auth.Principal;
import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.Inventory;
import org.hemowatch.domain.UnitEvent;
import org.hemowatch.domain.UnitKey;
import org.hemowatch.domain.coldchain.DeviceProfile;
import org.hemowatch.domain.coldchain.Excursion;
import org.hemowatch.json.JsonMappers;
import org.hemowatch.store.AuditEntry;
import org.hemowatch.store.AuditRecords;
import org.hemowatch.store.Database;
import org.hemowatch.store.ReadingRecords;
import org.hemowatch.store.UnitRecords;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /devices/{id}/excursion-report?excursion=} (admin, technician): everything a printed
 * excursion report holds, in one answer — the device and its limits, the excursion, the readings from
 * its start to its end (or now), the units it put on hold, and for each unit what happened since
 * with the decisions' audit entries (comment, signer, meaning, time). The console's
 * {@code /console/report.html} renders it for print.
 *
 * <p>The affected units are found by their quarantine event, whose reason names the excursion
 * ({@code "temperature excursion <id>: ..."}, written by {@link ColdChainService}); units of another
 * site than the caller's never appear, because the device itself is checked against the caller's scope.
 */
public final class ExcursionReportRoutes implements ApiRoutes {

    private static final int MAX_READINGS = 10_000;

    private final ColdChainService service;
    private final DeviceRegistry registry;
    private final Database database;
    private final Inventory inventory;
    private final String defaultSite;
    private final Clock clock;

    public ExcursionReportRoutes(ColdChainService service, DeviceRegistry registry, Database database, Inventory inventory,
                                 String defaultSite, Clock clock) {
        this.service = service;
        this.registry = registry;
        this.database = database;
        this.inventory = inventory;
        this.defaultSite = defaultSite;
        this.clock = clock;
    }

    @Override
    public void mount(Router api, AuthHandler auth) {
        api.get("/devices/:id/excursion-report").handler(auth.require(Permission.UNIT_READ)).handler(this::report);
    }

    private void report(RoutingContext ctx) {
        Principal p = AuthHandler.principal(ctx);
        String site = Queries.id(ctx, "site").orElse(p.site() != null ? p.site() : defaultSite);
        AuthHandler.checkSite(ctx, site);
        String id = Queries.pathId(ctx, "id");
        // an excursion id holds '/' and '@' ("site/device@start"): a query parameter, not a path segment
        String excursionId = Queries.string(ctx, "excursion").orElseThrow(() ->
                ApiProblem.badRequest("parameter-required", "query parameter 'excursion' (an excursion's id) is required"));
        DeviceProfile d = registry.find(site, id).orElseThrow(() -> ApiProblem.notFound("device-unknown",
                "device '" + id + "' is not registered at site '" + site + "'"));
        Instant now = clock.instant();
        ctx.vertx().executeBlocking(() -> {
                    Excursion x = service.excursions(d.site(), d.id()).stream().filter(e -> e.id().equals(excursionId)).findFirst()
                            .orElseThrow(() -> ApiProblem.notFound("excursion-unknown", "device '" + id + "' has no excursion " + excursionId));
                    return database.read(c -> body(c, d, x, now));
                }, false)
                .onSuccess(ctx::json)
                .onFailure(ctx::fail);
    }

    private JsonObject body(Connection c, DeviceProfile d, Excursion x, Instant now) throws java.sql.SQLException {
        JsonArray readings = new JsonArray();
        ReadingRecords.range(c, d.site(), d.id(), x.start(), x.end() == null ? now : x.end().plusMillis(1), MAX_READINGS, 0)
                .forEach(r -> readings.add(new JsonObject().put("at", r.at().toString())
                        .put("tempC", Double.isNaN(r.tempC()) ? null : r.tempC()).put("probe", r.probe()).put("door", r.door().name())));
        Map<UnitKey, UnitEvent> held = new LinkedHashMap<>();
        for (UnitEvent e : UnitRecords.eventsWithReason(c, "temperature excursion " + x.id() + ":")) {
            if (e.site() == null || e.site().equals(d.site())) {
                held.putIfAbsent(e.key(), e);
            }
        }
        JsonArray units = new JsonArray();
        for (Map.Entry<UnitKey, UnitEvent> h : held.entrySet()) {
            UnitKey key = h.getKey();
            BloodUnit inMemory = inventory.get(key);
            BloodUnit unit = inMemory != null ? inMemory : UnitRecords.findByDin(c, key.din()).stream()
                    .filter(u -> u.key().equals(key)).findFirst().orElse(null);
            JsonArray after = new JsonArray();
            UnitRecords.history(c, key.din()).stream().filter(e -> e.key().equals(key) && !e.at().isBefore(h.getValue().at()))
                    .forEach(e -> after.add(vertxJson(UnitJson.event(e))));
            JsonArray decisions = new JsonArray();
            for (AuditEntry a : AuditRecords.about(c, key.toString())) {
                JsonObject detail = a.detailJson() == null ? new JsonObject() : new JsonObject(a.detailJson());
                decisions.add(new JsonObject().put("at", a.at().toString()).put("action", a.action()).put("actor", a.actor())
                        .put("comment", detail.getString("comment")).put("signature", detail.getValue("signature")));
            }
            units.add(new JsonObject().put("unit", unit == null ? null : vertxJson(UnitJson.unit(unit))).put("heldAt", h.getValue().at().toString())
                    .put("events", after).put("decisions", decisions));
        }
        return new JsonObject().put("site", d.site())
                .put("device", new JsonObject().put("id", d.id()).put("name", d.name()).put("kind", d.kind().code())
                        .put("profile", JsonObject.mapFrom(DeviceConfig.of(d))))
                .put("excursion", ColdChainApiJson.excursion(x, now))
                .put("generated", now.toString())
                .put("readings", readings).put("units", units);
    }

    /** A unit record (by {@code JsonMappers.WIRE}) inside this report, which is still built of Vert.x JSON. */
    private static JsonObject vertxJson(Object record) {
        return new JsonObject(Buffer.buffer(JsonMappers.writeWire(record)));
    }
}
