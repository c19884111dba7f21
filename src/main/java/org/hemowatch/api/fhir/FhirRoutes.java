package org.hemowatch.api.fhir;

import org.hemowatch.domain.coldchain.Region;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.hemowatch.api.ApiRoutes;
import org.hemowatch.api.AuthHandler;
import org.hemowatch.auth.Access.Permission;
import org.hemowatch.auth.Principal;
import org.hemowatch.auth.Role;
import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.Inventory;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * A read-only HL7 FHIR R5 view of the inventory for hospital systems, under
 * {@code /api/v1/fhir}: read and search of {@code BiologicallyDerivedProduct}. Answers are
 * {@code application/fhir+json}; the view's own errors (unknown id, bad search parameter) are
 * {@code OperationOutcome}s, while authentication and role errors stay problem+json like the
 * rest of the API. Site-scoped keys see only their site's units.
 */
public final class FhirRoutes implements ApiRoutes {

    public static final String MEDIA_TYPE = "application/fhir+json; charset=utf-8";
    private static final String TYPE_PATH = "/fhir/" + BiologicallyDerivedProducts.RESOURCE_TYPE;

    private final Inventory inventory;
    private final Clock clock;

    private final Region region;

    /** @param region whose storage rules the storage ranges follow */
    public FhirRoutes(Inventory inventory, Clock clock, Region region) {
        this.inventory = inventory;
        this.clock = clock;
        this.region = region;
    }

    @Override
    public void mount(Router api, AuthHandler auth) {
        api.route("/fhir/*").failureHandler(FhirRoutes::outcome);
        api.route("/fhir/*").handler(FhirRoutes::negotiate);
        api.get(TYPE_PATH + "/:id").handler(auth.require(Permission.FHIR_READ)).handler(this::read);
        api.get(TYPE_PATH).handler(auth.require(Permission.FHIR_READ)).handler(this::search);
        api.route("/fhir/*").handler(ctx -> {
            boolean ours = ctx.request().path().contains(TYPE_PATH);
            ctx.fail(ours && ctx.request().method() != HttpMethod.GET
                    ? new FhirIssue(405, "not-supported", "this FHIR view is read-only: only GET is supported")
                    : FhirIssue.notFound("only " + BiologicallyDerivedProducts.RESOURCE_TYPE + " is served here"));
        });
    }

    private void read(RoutingContext ctx) {
        String id = ctx.pathParam("id");
        if (!BiologicallyDerivedProducts.isFhirId(id)) {
            throw FhirIssue.invalid("'" + id + "' is not a FHIR id ([A-Za-z0-9-.]{1,64})");
        }
        Principal p = AuthHandler.principal(ctx);
        BloodUnit unit = BiologicallyDerivedProducts.key(id).map(inventory::get)
                .filter(u -> p.mayAccessSite(u.site()))
                .orElseThrow(() -> FhirIssue.notFound(BiologicallyDerivedProducts.RESOURCE_TYPE + "/" + id + " is not known"
                        + (p.site() != null ? " at site " + p.site() : "")));
        // a read is of one version of the unit: its version counter and time of last change
        ctx.response().putHeader("ETag", "W/\"" + unit.version() + "\"")
                .putHeader("Last-Modified", DateTimeFormatter.RFC_1123_DATE_TIME.format(unit.updated().atZone(ZoneOffset.UTC)));
        send(ctx, 200, BiologicallyDerivedProducts.resource(unit, clock.instant(), region));
    }

    /**
     * Only JSON is served: an {@code Accept} that allows no JSON ({@code application/fhir+xml} alone), or
     * {@code _format} asking for XML, gets 406 with an OperationOutcome (FHIR R5 http.html#mime-type).
     */
    private static void negotiate(RoutingContext ctx) {
        String format = ctx.request().getParam("_format");
        if (format != null && format.toLowerCase(Locale.ROOT).contains("xml")) {
            ctx.fail(new FhirIssue(406, "not-supported", "this FHIR view serves JSON only (_format=json or application/fhir+json)"));
            return;
        }
        String accept = ctx.request().getHeader("Accept");
        if (accept != null && !accept.isBlank() && !acceptsJson(accept)) {
            ctx.fail(new FhirIssue(406, "not-supported", "this FHIR view serves application/fhir+json only, not " + accept));
            return;
        }
        ctx.next();
    }

    private static boolean acceptsJson(String accept) {
        for (String part : accept.toLowerCase(Locale.ROOT).split(",")) {
            String[] pieces = part.split(";");
            String type = pieces[0].trim();
            boolean refused = false;
            for (int i = 1; i < pieces.length; i++) {
                String param = pieces[i].trim();
                if (param.startsWith("q=")) {
                    try {
                        refused = Double.parseDouble(param.substring(2)) <= 0;
                    } catch (NumberFormatException e) {
                        refused = true;
                    }
                }
            }
            if (!refused && (type.equals("*/*") || type.equals("application/*") || type.endsWith("json"))) {
                return true;
            }
        }
        return false;
    }

    private void search(RoutingContext ctx) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        ctx.queryParams().forEach(e -> params.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        FhirSearch search = FhirSearch.parse(params);
        Principal p = AuthHandler.principal(ctx);
        Instant now = clock.instant();
        FhirCandidates.Page found = FhirCandidates.page(inventory, p, search, now);
        List<BloodUnit> page = found.units();
        String base = baseUrl(ctx);
        JsonArray entries = new JsonArray();
        page.forEach(u -> entries.add(new JsonObject()
                .put("fullUrl", base + "/" + BiologicallyDerivedProducts.id(u.key()))
                .put("resource", BiologicallyDerivedProducts.resource(u, now, region))
                .put("search", new JsonObject().put("mode", "match"))));
        JsonArray links = new JsonArray().add(link("self", base, search.used(), search.offset()));
        if (search.count() > 0 && search.offset() + page.size() < found.total()) {
            links.add(link("next", base, search.used(), search.offset() + search.count()));
        }
        JsonObject bundle = new JsonObject()
                .put("resourceType", "Bundle")
                .put("type", "searchset")
                .put("timestamp", now.toString())
                .put("total", found.total())
                .put("link", links);
        if (!entries.isEmpty()) {
            // FHIR JSON has no empty arrays: an empty search result has no 'entry' at all
            bundle.put("entry", entries);
        }
        send(ctx, 200, bundle);
    }

    /** Absolute URL of the resource type as the client addressed it (no configured host). */
    private static String baseUrl(RoutingContext ctx) {
        String uri = ctx.request().absoluteURI();
        int q = uri.indexOf('?');
        String path = q >= 0 ? uri.substring(0, q) : uri;
        int at = path.lastIndexOf(TYPE_PATH);
        return path.substring(0, at + TYPE_PATH.length());
    }

    private static JsonObject link(String relation, String base, Map<String, List<String>> used, int offset) {
        StringJoiner query = new StringJoiner("&");
        used.forEach((name, values) -> {
            if (!name.equals("_offset")) {
                values.forEach(v -> query.add(encode(name) + "=" + encode(v)));
            }
        });
        if (offset > 0) {
            query.add("_offset=" + offset);
        }
        String q = query.toString();
        return new JsonObject().put("relation", relation).put("url", q.isEmpty() ? base : base + "?" + q);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static void send(RoutingContext ctx, int status, JsonObject body) {
        ctx.response().setStatusCode(status).putHeader("Content-Type", MEDIA_TYPE).end(body.encode());
    }

    /** Renders this view's own errors; anything else goes on to the API's problem+json handler. */
    private static void outcome(RoutingContext ctx) {
        if (ctx.failure() instanceof FhirIssue issue && !ctx.response().headWritten()) {
            send(ctx, issue.status(), issue.outcome());
        } else {
            ctx.next();
        }
    }
}
