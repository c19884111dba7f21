package org.hemowatch.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.UnitEvent;
import org.hemowatch.domain.supply.GeneralStock;

import java.time.Instant;
import java.util.List;

/** JSON shapes of units and their history in the API (and the alert/MQTT payloads that embed units). */
public final class UnitJson {

    private UnitJson() {
    }

    public static JsonObject unit(BloodUnit u) {
        return new JsonObject()
                .put("din", u.key().din())
                .put("productCode", u.key().productCode())
                .put("division", u.key().division())
                .put("component", u.component().code())
                .put("abo", u.group().abo().name())
                .put("rhd", u.group().rhd().name())
                .put("expires", iso(u.expires()))
                .put("collected", iso(u.collected()))
                .put("site", u.site())
                .put("location", u.location())
                .put("destination", u.destination())
                .put("status", u.status().name())
                .put("statusReason", u.statusReason())
                .put("updated", iso(u.updated()))
                .put("version", u.version())
                .put("intendedUse", u.intendedUse() == null ? null : u.intendedUse().name())
                .put("generalStock", GeneralStock.counts(u))
                .put("biohazardous", u.intendedUseOrDefault().biohazardous())
                .put("crossedOver", u.crossedOver())
                .put("recipient", u.recipient())
                .put("outOfStorageSince", iso(u.outOfStorageSince()));
    }

    public static JsonObject event(UnitEvent e) {
        return new JsonObject()
                .put("action", e.action().name())
                .put("from", e.from() == null ? null : e.from().name())
                .put("to", e.to().name())
                .put("at", iso(e.at()))
                .put("site", e.site())
                .put("location", e.location())
                .put("destination", e.destination())
                .put("actor", e.actor())
                .put("source", e.source())
                .put("reason", e.reason())
                .put("recipient", e.recipient())
                .put("key", e.keyId() == null ? null : new JsonObject().put("id", e.keyId()).put("name", e.keyName()));
    }

    public static JsonArray units(List<BloodUnit> units) {
        JsonArray a = new JsonArray();
        units.forEach(u -> a.add(unit(u)));
        return a;
    }

    static String iso(Instant i) {
        return i == null ? null : i.toString();
    }
}
