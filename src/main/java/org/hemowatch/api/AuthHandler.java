package org.hemowatch.api;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.hemowatch.auth.ApiKeys;
import org.hemowatch.auth.Principal;
import org.hemowatch.auth.Role;
import org.hemowatch.metrics.MetricNames;

import java.util.Arrays;
import java.util.Set;

/**
 * Bearer-key authentication and role checks for {@code /api/v1}. The principal is kept in the
 * routing context under {@link #PRINCIPAL}.
 */
public final class AuthHandler {

    public static final String PRINCIPAL = "hemowatch.principal";

    private final ApiKeys keys;
    private final MeterRegistry registry;

    public AuthHandler(ApiKeys keys, MeterRegistry registry) {
        this.keys = keys;
        this.registry = registry;
    }

    /** Authenticates every request; 401 when the key is missing or unknown. */
    public Handler<RoutingContext> authenticate() {
        return ctx -> {
            String header = ctx.request().getHeader("Authorization");
            if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                reject(ctx, "missing", new ApiProblem(401, "api-key-missing", "send an API key as 'Authorization: Bearer <key>'"));
                return;
            }
            keys.authenticate(header.substring(7).trim()).ifPresentOrElse(p -> {
                ctx.put(PRINCIPAL, p);
                ctx.next();
            }, () -> reject(ctx, "invalid", new ApiProblem(401, "api-key-invalid", "the API key is unknown or revoked")));
        };
    }

    /** Lets the request through only for the given roles; 403 otherwise. */
    public Handler<RoutingContext> require(Role... roles) {
        Set<Role> allowed = Set.copyOf(Arrays.asList(roles));
        return ctx -> {
            Principal p = principal(ctx);
            if (allowed.contains(p.role())) {
                ctx.next();
            } else {
                reject(ctx, "forbidden", ApiProblem.forbidden("role-forbidden",
                        "a key of role '" + p.role().id() + "' may not do this; allowed: " + allowed.stream().map(Role::id).sorted().toList()));
            }
        };
    }

    private void reject(RoutingContext ctx, String reason, ApiProblem problem) {
        Counter.builder(MetricNames.AUTH_REJECTED).description("Requests refused by authentication or authorisation, by reason")
                .tags("reason", reason).register(registry).increment();
        ctx.fail(problem);
    }

    /** The authenticated caller of a request under /api/v1. */
    public static Principal principal(RoutingContext ctx) {
        return ctx.get(PRINCIPAL);
    }

    /** Refuses access to another site's data for a site-scoped key. */
    public static void checkSite(RoutingContext ctx, String site) {
        Principal p = principal(ctx);
        if (!p.mayAccessSite(site)) {
            throw ApiProblem.forbidden("site-forbidden", "this API key is limited to site '" + p.site() + "'");
        }
    }
}
