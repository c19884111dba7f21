package org.hemowatch.api;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import org.hemowatch.auth.Access;
import org.hemowatch.auth.Access.Permission;
import org.hemowatch.auth.ApiKeys;
import org.hemowatch.auth.FailureThrottle;
import org.hemowatch.auth.Principal;
import org.hemowatch.metrics.MetricNames;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;


/**
 * Bearer-key authentication and role checks for {@code /api/v1}. The principal is kept in the
 * routing context under {@link #PRINCIPAL}.
 */
public final class AuthHandler {

    public static final String PRINCIPAL = "hemowatch.principal";

    private final ApiKeys keys;
    private final MeterRegistry registry;
    private final FailureThrottle failures;
    private final Clock clock;

    public AuthHandler(ApiKeys keys, MeterRegistry registry, FailureThrottle failures, Clock clock) {
        this.keys = keys;
        this.registry = registry;
        this.failures = failures;
        this.clock = clock;
    }

    /**
     * Authenticates every request; 401 when the key is missing or unknown. Failures are counted per
     * source address and, for a revoked key, per key id: over the limit the subject gets 429 with
     * {@code Retry-After} (reason {@code throttled}) without its key being looked at.
     */
    public Handler<RoutingContext> authenticate() {
        return ctx -> {
            Instant now = clock.instant();
            String address = "addr:" + (ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress());
            if (throttled(ctx, address, now)) {
                return;
            }
            String header = ctx.request().getHeader("Authorization");
            if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                failures.failed(address, now);
                reject(ctx, "missing", new ApiProblem(401, "api-key-missing", "send an API key as 'Authorization: Bearer <key>'"));
                return;
            }
            String secret = header.substring(7).trim();
            keys.authenticate(secret).ifPresentOrElse(p -> {
                ctx.put(PRINCIPAL, p);
                ctx.next();
            }, () -> {
                String keyId = keys.revokedIdOf(secret).map(id -> "key:" + id).orElse(null);
                if (keyId != null && throttled(ctx, keyId, now)) {
                    return;
                }
                failures.failed(address, now);
                if (keyId != null) {
                    failures.failed(keyId, now);
                }
                reject(ctx, "invalid", new ApiProblem(401, "api-key-invalid", "the API key is unknown or revoked"));
            });
        };
    }

    private boolean throttled(RoutingContext ctx, String subject, Instant now) {
        Duration wait = failures.retryAfter(subject, now);
        if (wait.isZero()) {
            return false;
        }
        ctx.response().putHeader("Retry-After", Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000)));
        reject(ctx, "throttled", new ApiProblem(429, "auth-throttled", "too many failed authentications from this client; retry later"));
        return true;
    }

    /**
     * Lets the request through only for roles that hold the permission ({@link Access#decideRole}); 403 otherwise.
     * The route then checks the stored object with {@link #check}.
     */
    public Handler<RoutingContext> require(Permission permission) {
        return ctx -> {
            Access.Verdict v = Access.decideRole(principal(ctx), permission);
            if (v.allowed()) {
                ctx.next();
            } else {
                reject(ctx, "forbidden", ApiProblem.forbidden(v.rule(), v.message()));
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

    /** Refuses access to another site's data for a site-scoped key (the site of the STORED object, or a site a query names). */
    public static void checkSite(RoutingContext ctx, String site) {
        Principal p = principal(ctx);
        if (!p.mayAccessSite(site)) {
            throw ApiProblem.forbidden("site-forbidden", "this API key is limited to site '" + p.site() + "'");
        }
    }

    /** The one access decision for this request's principal on a stored object; throws 403 problem+json when refused. */
    public static void check(RoutingContext ctx, Permission permission, Access.Target target) {
        Access.Verdict v = Access.decide(principal(ctx), permission, target);
        if (!v.allowed()) {
            throw ApiProblem.forbidden(v.rule(), v.message());
        }
    }
}
