package org.hemowatch.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.UnitEvent;
import org.hemowatch.domain.supply.GeneralStock;
import org.hemowatch.json.JsonMappers;

import java.time.Instant;
import java.util.List;

/**
 * JSON shapes of units and their history in the API (units, scans, pick lists, excursion reports): records written by
 * {@link JsonMappers#WIRE}, the members in the order of the components ({@code api/UnitJsonTest} pins them).
 */
public final class UnitJson {

    /** One unit; instants as ISO-8601 text, enums by name. */
    public record Unit(String din, String productCode, String division, String component, String abo, String rhd,
                       String expires, String collected, String site, String location, String destination, String status,
                       String statusReason, String updated, long version, String intendedUse, boolean generalStock,
                       boolean biohazardous, boolean crossedOver, String recipient, String outOfStorageSince) {
    }

    /** One event of a unit's history; {@code key} is the signing key, when one signed it. */
    public record Event(String action, String from, String to, String at, String site, String location, String destination,
                        String actor, String source, String reason, String recipient, Key key) {
    }

    /** The key that signed an event. */
    public record Key(String id, String name) {
    }

    /** A unit followed by its history (lookup by DIN). */
    public record WithHistory(@JsonUnwrapped Unit unit, List<Event> history) {
    }

    /** A unit on a pick list, with whether its group is a substitute for the recipient's and why. */
    public record Picked(@JsonUnwrapped Unit unit, boolean substitute, String reason) {
    }

    /** A pick list (supply): the units chosen, and whether fewer were found than requested. */
    public record PickList(String site, String component, String recipient, int requested, int found,
                           @JsonProperty("short") boolean isShort, List<Picked> items) {
    }

    private UnitJson() {
    }

    public static Unit unit(BloodUnit u) {
        return new Unit(u.key().din(), u.key().productCode(), u.key().division(), u.component().code(),
                u.group().abo().name(), u.group().rhd().name(), iso(u.expires()), iso(u.collected()), u.site(), u.location(),
                u.destination(), u.status().name(), u.statusReason(), iso(u.updated()), u.version(),
                u.intendedUse() == null ? null : u.intendedUse().name(), GeneralStock.counts(u),
                u.intendedUseOrDefault().biohazardous(), u.crossedOver(), u.recipient(), iso(u.outOfStorageSince()));
    }

    public static Event event(UnitEvent e) {
        return new Event(e.action().name(), e.from() == null ? null : e.from().name(), e.to().name(), iso(e.at()), e.site(),
                e.location(), e.destination(), e.actor(), e.source(), e.reason(), e.recipient(),
                e.keyId() == null ? null : new Key(e.keyId(), e.keyName()));
    }

    public static List<Unit> units(List<BloodUnit> units) {
        return units.stream().map(UnitJson::unit).toList();
    }

    static String iso(Instant i) {
        return i == null ? null : i.toString();
    }
}
