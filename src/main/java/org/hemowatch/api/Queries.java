package org.hemowatch.api;

import io.vertx.ext.web.RoutingContext;

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

    public static Optional<Instant> instant(RoutingContext ctx, String name) {
        return parsed(ctx, name, v -> {
            try {
                return Optional.of(Instant.parse(v));
            } catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }, "an ISO-8601 instant like 2026-11-23T12:00:00Z");
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
