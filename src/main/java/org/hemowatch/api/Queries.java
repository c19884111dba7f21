package org.hemowatch.api;

import io.vertx.ext.web.RoutingContext;
import org.hemowatch.domain.Ids;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Function;

/** Query-string parameters with errors that name the parameter. */
public final class Queries {

    private Queries() {
    }

    public static Optional<String> string(RoutingContext ctx, String name) {
        String v = ctx.request().getParam(name);
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    public static <T> Optional<T> parsed(RoutingContext ctx, String name, Function<String, Optional<T>> parser, String expected) {
        return string(ctx, name).map(v -> parser.apply(v).orElseThrow(() ->
                ApiProblem.badRequest("bad-parameter", "query parameter '" + name + "' must be " + expected + ", got '" + v + "'")));
    }

    /** Earliest and latest instants a query may name: every one of them is storable and comparable as epoch milliseconds. */
    static final Instant FIRST = Instant.EPOCH;
    static final Instant LAST = Instant.parse("9999-12-31T23:59:59Z");
    /** Largest paging offset any list accepts (no list is that long; the bound keeps offset + limit in range). */
    public static final int MAX_OFFSET = 1_000_000;

    public static Optional<Instant> instant(RoutingContext ctx, String name) {
        return parsed(ctx, name, v -> {
            try {
                Instant at = Instant.parse(v);
                return at.isBefore(FIRST) || at.isAfter(LAST) ? Optional.empty() : Optional.of(at);
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }, "an ISO-8601 instant from 1970 to 9999 like 2026-11-23T12:00:00Z");
    }

    /** A paging offset: 0 to {@link #MAX_OFFSET}. */
    public static int offset(RoutingContext ctx) {
        return integer(ctx, "offset", 0, 0, MAX_OFFSET);
    }

    /** An optional id parameter (site, device, scanner, station): the one id pattern, else 400 naming the parameter. */
    public static Optional<String> id(RoutingContext ctx, String name) {
        return string(ctx, name).map(v -> requireId(name, v));
    }

    /** A path segment that is an id (device, station): 400 naming the parameter when it breaks the pattern. */
    public static String pathId(RoutingContext ctx, String name) {
        return requireId(name, ctx.pathParam(name));
    }

    private static String requireId(String name, String v) {
        if (!Ids.valid(v)) {
            throw ApiProblem.badRequest(Ids.RULE, "'" + name + "' must be an id: " + Ids.DESCRIPTION);
        }
        return v;
    }

    public static int integer(RoutingContext ctx, String name, int def, int min, int max) {
        return parsed(ctx, name, v -> {
            try {
                int i = Integer.parseInt(v);
                return i >= min && i <= max ? Optional.of(i) : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }, "a whole number from " + min + " to " + max).orElse(def);
    }
}
