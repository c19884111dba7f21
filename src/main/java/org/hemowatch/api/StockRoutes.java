package org.hemowatch.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.hemowatch.auth.Principal;
import org.hemowatch.auth.Role;
import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.UnitStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code GET /api/v1/stock}: available units by site × component × ABO/RhD, with what expires within 24 h and 72 h. */
final class StockRoutes {

    private final ApiServices services;

    StockRoutes(ApiServices services) {
        this.services = services;
    }

    void mount(Router api, AuthHandler auth) {
        api.get("/stock").handler(auth.require(Role.ADMIN, Role.TECHNICIAN, Role.HOSPITAL, Role.STATION)).handler(this::stock);
    }

    private void stock(RoutingContext ctx) {
        Principal p = AuthHandler.principal(ctx);
        String site = Queries.string(ctx, "site").orElse(null);
        if (site != null) {
            AuthHandler.checkSite(ctx, site);
        }
        Instant now = services.clock().instant();
        List<BloodUnit> available = services.inventory().find(u -> u.status() == UnitStatus.AVAILABLE
                && !u.isExpiredAt(now) && p.mayAccessSite(u.site()) && (site == null || u.site().equals(site)));
        Map<String, int[]> rows = new TreeMap<>();
        Map<String, BloodUnit> sample = new TreeMap<>();
        for (BloodUnit u : available) {
            String key = u.site() + "|" + u.component().code() + "|" + u.group().label();
            int[] counts = rows.computeIfAbsent(key, k -> new int[3]);
            counts[0]++;
            if (u.expires().isBefore(now.plus(Duration.ofHours(24)))) {
                counts[1]++;
            }
            if (u.expires().isBefore(now.plus(Duration.ofHours(72)))) {
                counts[2]++;
            }
            sample.putIfAbsent(key, u);
        }
        JsonArray items = new JsonArray();
        sample.values().stream().sorted(Comparator.comparing(BloodUnit::site)).forEach(u -> {
            int[] c = rows.get(u.site() + "|" + u.component().code() + "|" + u.group().label());
            items.add(new JsonObject().put("site", u.site()).put("component", u.component().code())
                    .put("abo", u.group().abo().name()).put("rhd", u.group().rhd().name())
                    .put("available", c[0]).put("expiring24h", c[1]).put("expiring72h", c[2]));
        });
        ctx.json(new JsonObject().put("at", now.toString()).put("items", items));
    }
}
