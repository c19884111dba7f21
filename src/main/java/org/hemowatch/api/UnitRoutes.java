package org.hemowatch.api;

import io.vertx.core.buffer.Buffer;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.hemowatch.auth.Access.Permission;
import org.hemowatch.auth.Principal;
import org.hemowatch.auth.Role;
import org.hemowatch.domain.Abo;
import org.hemowatch.domain.BloodUnit;
import org.hemowatch.json.JsonMappers;
import org.hemowatch.domain.ComponentClass;
import org.hemowatch.domain.Enums;
import org.hemowatch.domain.RhD;
import org.hemowatch.domain.UnitEvent;
import org.hemowatch.domain.UnitStatus;
import org.hemowatch.domain.Inventory;
import org.hemowatch.domain.IntendedUse;
import org.hemowatch.domain.inventory.Bucket;
import org.hemowatch.domain.inventory.PageCursor;
import org.hemowatch.domain.inventory.UnitIndex;
import org.hemowatch.domain.inventory.UnitOrder;
import org.hemowatch.store.UnitQueries;
import org.hemowatch.store.UnitRecords;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import java.util.function.Predicate;

/** Unit queries: one donation with histories, and a filtered, paged list. */
final class UnitRoutes {

    private static final int MAX_PAGE = 1000;
    /** Larger jumps take the cursor: an offset is walked unit by unit. */
    static final int MAX_OFFSET = 1000;
    private static final int MAX_DONATIONS = 4096;

    private static final int MAX_PAGES = 256;
    /** Rendered pages by inventory version, caller scope and query: a page polled while nothing changes is built once. */
    private final Map<String, Buffer> pages = new ConcurrentHashMap<>();
    /** Rendered donations by DIN and caller scope (bounded: cleared when full). */
    private final Map<String, Rendered> donations = new ConcurrentHashMap<>();

    private final ApiServices services;

    UnitRoutes(ApiServices services) {
        this.services = services;
    }

    void mount(Router api, AuthHandler auth) {
        api.get("/units/:din").handler(auth.require(Permission.UNIT_READ)).handler(this::donation);
        api.get("/units").handler(auth.require(Permission.UNIT_READ)).handler(this::list);
    }

    /**
     * One donation with the history of each product: the products held in memory, and those left in
     * the store because they were final at start. The body is kept per donation and caller scope
     * while the products held stay the same (every event raises a version), and served with the
     * ETag of all its products' versions; only a changed or new donation reads the database.
     */
    private void donation(RoutingContext ctx) {
        String din = ctx.pathParam("din").toUpperCase(Locale.ROOT);
        Principal p = AuthHandler.principal(ctx);
        List<BloodUnit> held = services.inventory().byDin(din);
        String scope = p.site() == null ? "*" : p.site();
        String heldVersions = held.size() + "." + held.stream().mapToLong(BloodUnit::version).sum();
        String cacheKey = din + "|" + scope;
        Rendered kept = donations.get(cacheKey);
        if (kept != null && kept.heldVersions().equals(heldVersions)) {
            if (!Conditional.notModified(ctx, kept.etag())) {
                Conditional.json(ctx, kept.etag(), kept.body());
            }
            return;
        }
        ctx.vertx().executeBlocking(() -> services.database().read(c -> new Object[] {UnitRecords.findByDin(c, din), UnitRecords.history(c, din)}), false)
                .onSuccess(read -> {
                    @SuppressWarnings("unchecked") List<BloodUnit> stored = (List<BloodUnit>) read[0];
                    @SuppressWarnings("unchecked") List<UnitEvent> history = (List<UnitEvent>) read[1];
                    List<BloodUnit> units = merged(held, stored).stream().filter(u -> p.mayAccessSite(u.site())).toList();
                    if (units.isEmpty()) {
                        ctx.fail(ApiProblem.notFound("unit-unknown", "no unit of donation " + din + " is known" + (p.site() != null ? " at site " + p.site() : "")));
                        return;
                    }
                    String etag = Conditional.etag("donation", din, scope, units.size() + "." + units.stream().mapToLong(BloodUnit::version).sum());
                    Buffer body = Buffer.buffer(JsonMappers.writeWire(withHistories(units, history)));
                    if (donations.size() >= MAX_DONATIONS) {
                        donations.clear();
                    }
                    donations.put(cacheKey, new Rendered(heldVersions, etag, body));
                    if (!Conditional.notModified(ctx, etag)) {
                        Conditional.json(ctx, etag, body);
                    }
                })
                .onFailure(ctx::fail);
    }

    /** The stored products, each replaced by the state held in memory when that is as new or newer; in key order. */
    private static List<BloodUnit> merged(List<BloodUnit> held, List<BloodUnit> stored) {
        java.util.TreeMap<org.hemowatch.domain.UnitKey, BloodUnit> all = new java.util.TreeMap<>(UnitOrder.KEY);
        stored.forEach(u -> all.put(u.key(), u));
        held.forEach(u -> all.merge(u.key(), u, (s, h) -> h.version() >= s.version() ? h : s));
        return List.copyOf(all.values());
    }

    private record Rendered(String heldVersions, String etag, Buffer body) {
    }

    /** The products of one DIN, each with its history. */
    record ByDin(String din, List<UnitJson.WithHistory> units) {
    }

    /** A page of units; {@code total} is left out when not known, {@code next} is null on the last page. */
    record Page(@JsonInclude(JsonInclude.Include.NON_NULL) Long total, int limit, int offset, String next, List<UnitJson.Unit> items) {
    }

    private static ByDin withHistories(List<BloodUnit> units, List<UnitEvent> history) {
        List<UnitJson.WithHistory> out = units.stream().map(u -> new UnitJson.WithHistory(UnitJson.unit(u),
                history.stream().filter(e -> e.key().equals(u.key())).map(UnitJson::event).toList())).toList();
        return new ByDin(units.get(0).key().din(), out);
    }

    /**
     * A page of units in FEFO order, read from the inventory's buckets: every filter but
     * {@code expiringBefore} chooses buckets, {@code expiringBefore} bounds each bucket, and
     * {@code cursor} (the {@code next} of the previous page) starts each bucket after the last unit
     * seen. {@code offset} stays for small jumps (at most {@value #MAX_OFFSET}). {@code total} is
     * exact from the bucket sizes; with {@code expiringBefore} it is left out (counting would walk
     * the units). {@code intendedUse} reads the inventory's {@code UseIndex} the same way.
     */
    private void list(RoutingContext ctx) {
        Principal p = AuthHandler.principal(ctx);
        Predicate<Bucket.Key> buckets = buckets(ctx, p);
        Optional<Instant> expiringBefore = Queries.instant(ctx, "expiringBefore");
        int limit = Queries.integer(ctx, "limit", 100, 1, MAX_PAGE);
        int offset = Queries.integer(ctx, "offset", 0, 0, MAX_OFFSET);
        PageCursor cursor = Queries.parsed(ctx, "cursor", PageCursor::decode, "the 'next' value of a previous page").orElse(null);
        Inventory inventory = services.inventory();
        String etag = Conditional.etag("units", Long.toString(inventory.version()), p.site() == null ? "*" : p.site(),
                Integer.toHexString(String.valueOf(ctx.request().query()).hashCode()));
        if (Conditional.notModified(ctx, etag)) {
            return;
        }
        Optional<UnitStatus> status = Queries.parsed(ctx, "status", v -> Enums.parse(UnitStatus.class, v), "a unit status like AVAILABLE");
        if (status.isPresent() && status.get().isFinal()) {
            finalPage(ctx, p, status.get(), expiringBefore.orElse(null), cursor, offset, limit, etag);
            return;
        }
        if (status.isEmpty()) {
            buckets = buckets.and(k -> !k.status().isFinal()); // open units; final ones are listed by status
        }
        Optional<IntendedUse> use = Queries.parsed(ctx, "intendedUse", IntendedUse::parse, "an intended use like AUTOLOGOUS");
        String pageKey = inventory.version() + "|" + (p.site() == null ? "*" : p.site()) + "|" + ctx.request().query();
        Buffer kept = pages.get(pageKey);
        if (kept != null) {
            Conditional.json(ctx, etag, kept);
            return;
        }
        Instant bound = expiringBefore.orElse(null);
        Page body;
        if (use.isPresent()) {
            // units of a use other than UNSPECIFIED are indexed apart (they are few)
            Predicate<Bucket.Key> chosen = buckets;
            List<BloodUnit> page = inventory.uses().page(use.get(), chosen, cursor, bound, offset, limit + 1);
            body = pageBody(page, limit, offset, bound == null ? inventory.uses().count(use.get(), chosen) : null);
        } else {
            List<Bucket> from = inventory.index().select(buckets);
            List<BloodUnit> page = UnitIndex.page(from, cursor, bound, offset, limit + 1);
            body = pageBody(page, limit, offset, bound == null ? UnitIndex.count(from) : null);
        }
        Buffer rendered = Buffer.buffer(JsonMappers.writeWire(body));
        if (pages.size() >= MAX_PAGES) {
            pages.clear();
        }
        pages.put(pageKey, rendered);
        Conditional.json(ctx, etag, rendered);
    }

    /**
     * Transfused or discarded units: final, so not held in memory but read from the store, in the
     * same order and with the same cursor; without {@code total}.
     */
    private void finalPage(RoutingContext ctx, Principal p, UnitStatus status, Instant expiringBefore, PageCursor cursor,
                           int offset, int limit, String etag) {
        String site = Queries.string(ctx, "site").orElse(p.site());
        ComponentClass component = Queries.parsed(ctx, "component", ComponentClass::parse, "a component class").orElse(null);
        Abo abo = Queries.parsed(ctx, "abo", Abo::parse, "O, A, B or AB").orElse(null);
        RhD rhd = Queries.parsed(ctx, "rhd", RhD::parse, "POS or NEG").orElse(null);
        ctx.vertx().executeBlocking(() -> services.database().read(c -> UnitQueries.page(c, List.of(status), site, component, abo, rhd,
                        expiringBefore, cursor == null ? null : cursor.expires(), cursor == null ? null : cursor.key(), offset, limit + 1)), false)
                .onSuccess(page -> {
                    List<BloodUnit> visible = page.stream().filter(u -> p.mayAccessSite(u.site())).toList();
                    boolean more = visible.size() > limit;
                    List<BloodUnit> items = more ? visible.subList(0, limit) : visible;
                    Conditional.json(ctx, etag, Buffer.buffer(JsonMappers.writeWire(new Page(null, limit, offset,
                            more ? PageCursor.after(items.get(items.size() - 1)).encode() : null, UnitJson.units(items)))));
                })
                .onFailure(ctx::fail);
    }

    /** A page of at most {@code limit} of {@code page} (read with one more, to know whether there is a next); total when known. */
    private static Page pageBody(List<BloodUnit> page, int limit, int offset, Long total) {
        boolean more = page.size() > limit;
        List<BloodUnit> items = more ? page.subList(0, limit) : page;
        return new Page(total, limit, offset, more ? PageCursor.after(items.get(items.size() - 1)).encode() : null,
                UnitJson.units(items));
    }

    private static Predicate<Bucket.Key> buckets(RoutingContext ctx, Principal p) {
        Optional<UnitStatus> status = Queries.parsed(ctx, "status", v -> Enums.parse(UnitStatus.class, v), "a unit status like AVAILABLE");
        Optional<ComponentClass> component = Queries.parsed(ctx, "component", ComponentClass::parse, "a component class (RBC, PLT, FFP, CRYO, WB, GRAN)");
        Optional<Abo> abo = Queries.parsed(ctx, "abo", Abo::parse, "O, A, B or AB");
        Optional<RhD> rhd = Queries.parsed(ctx, "rhd", RhD::parse, "POS or NEG");
        Optional<String> site = Queries.id(ctx, "site");
        site.ifPresent(s -> AuthHandler.checkSite(ctx, s));
        Predicate<Bucket.Key> f = k -> p.mayAccessSite(k.site());
        if (status.isPresent()) {
            f = f.and(k -> k.status() == status.get());
        }
        if (component.isPresent()) {
            f = f.and(k -> k.component() == component.get());
        }
        if (abo.isPresent()) {
            f = f.and(k -> k.group().abo() == abo.get());
        }
        if (rhd.isPresent()) {
            f = f.and(k -> k.group().rhd() == rhd.get());
        }
        if (site.isPresent()) {
            f = f.and(k -> k.site().equals(site.get()));
        }
        return f;
    }
}
