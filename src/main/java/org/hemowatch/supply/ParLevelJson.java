package org.hemowatch.supply;

import io.vertx.core.json.JsonObject;
import org.hemowatch.domain.ComponentClass;
import org.hemowatch.domain.supply.ParLevel;
import org.hemowatch.domain.supply.StockKey;

import java.util.List;

/**
 * JSON of a par level, as served, audited and (with who set it and when) stored: {@code {site, component, group, minimum, ideal}}.
 * Read from a request body's {@code JsonObject} (the Vert.x body API hands one over), with a message per wrong field.
 */
public final class ParLevelJson {

    /** A par level on the wire. */
    public record Body(String site, String component, String group, int minimum, int ideal) {
        public static Body of(ParLevel p) {
            return new Body(p.key().site(), p.key().component().code(), p.key().group().label(), p.minimum(), p.ideal());
        }
    }

    /** A list of par levels (API). */
    record Items(List<Body> items) {
        static Items of(List<ParLevel> levels) {
            return new Items(levels.stream().map(Body::of).toList());
        }
    }

    private ParLevelJson() {
    }

    /** @throws IllegalArgumentException naming the field that is wrong */
    static ParLevel fromJson(JsonObject o) {
        String site = text(o, "site");
        String componentText = text(o, "component");
        ComponentClass component = ComponentClass.parse(componentText).orElseThrow(() ->
                new IllegalArgumentException("'component' must be RBC, PLT, FFP, CRYO, WB or GRAN, not '" + componentText + "'"));
        String groupText = text(o, "group");
        var group = Groups.parse(groupText).orElseThrow(() ->
                new IllegalArgumentException("'group' must be a group like O- or AB+, not '" + groupText + "'"));
        int minimum = whole(o, "minimum", null);
        int ideal = whole(o, "ideal", minimum);
        return new ParLevel(new StockKey(site, component, group), minimum, ideal);
    }

    private static String text(JsonObject o, String field) {
        Object v = o.getValue(field);
        if (!(v instanceof String s) || s.isBlank()) {
            throw new IllegalArgumentException("'" + field + "' is required (a string)");
        }
        return s.trim();
    }

    private static int whole(JsonObject o, String field, Integer def) {
        Object v = o.getValue(field);
        if (v == null && def != null) {
            return def;
        }
        if (!(v instanceof Integer || v instanceof Long) || ((Number) v).longValue() < 0 || ((Number) v).longValue() > 100_000) {
            throw new IllegalArgumentException("'" + field + "' must be a whole number from 0 to 100000");
        }
        return ((Number) v).intValue();
    }
}
