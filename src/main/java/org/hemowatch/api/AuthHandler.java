package org.hemowatch.api;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import org.hemowatch.auth.Access;
import org.hemowatch.domain.rule.Rejection;
import org.hemowatch.auth.Access.Permission;
import org.hemowatch.auth.Accounts;
import org.hemowatch.auth.ApiKeys;
import org.hemowatch.auth.FailureThrottle;
import org.hemowatch.auth.Principal;
import org.hemowatch.auth.UserPrincipal;
import org.hemowatch.metrics.MetricNames;
import org.hemowatch.store.SessionRecord;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * Authentication and role checks for {@code /api/v1}: a bearer API key, or the console's session
 * cookie (its person is a {@link UserPrincipal}, decided on by {@link Access} like a key). With the
 * cookie, a state-changing request (anything but GET, HEAD, OPTIONS) must carry the session's
 * {@code X-CSRF-Token}, or it is refused with 403 before any route runs. The principal is kept in the
 * routing context under {@link #PRINCIPAL}, the session (if any) under {@link #SESSION}.
 */
public final class AuthHandler {

    public static final String PRINCIPAL = "hemowatch.principal";
    public static final String SESSION = "hemowatch.session";
    public static final String SESSION_COOKIE = "hemowatch_session";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final ApiKeys keys;
    private final Accounts accounts;
    private final MeterRegistry registry;
    private final FailureThrottle failures;
    private final Clock clock;
    private final Signatures signatures;

    public AuthHandler(ApiKeys keys, Accounts accounts, MeterRegistry registry, FailureThrottle failures, Clock clock) {
        this.keys = keys;
        this.accounts = accounts;
        this.registry = registry;
        this.failures = failures;
        this.clock = clock;
        this.signatures = new Signatures(accounts, clock);
    }

    /** Electronic signatures for decisions (routes that make one call {@link Signatures#require}). */
    public Signatures signatures() {
        return signatures;
    }

    /**
     * Authenticates every request; 401 when neither a valid key nor a live session is sent. Failures
     * are counted per source address and, for a revoked key, per key id: once a subject is over the
     * limit its failures are answered 429 with {@code Retry-After} (reason {@code throttled}) instead of
     * 401. Valid credentials always pass, so one guessing client cannot lock out others behind its address.
     */
    public Handler<RoutingContext> authenticate() {
        return ctx -> {
            Instant now = clock.instant();
            String address = "addr:" + (ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress());
            String header = ctx.request().getHeader("Authorization");
            if (header != null) {
                if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
                    failed(ctx, address, null, now, "missing", new ApiProblem(401, "api-key-missing", "send an API key as 'Authorization: Bearer <key>'"));
                    return;
                }
                bearer(ctx, header.substring(7).trim(), address, now);
                return;
            }
            Cookie cookie = ctx.request().getCookie(SESSION_COOKIE);
            if (cookie == null) {
                failed(ctx, address, null, now, "missing", new ApiProblem(401, "api-key-missing",
                        "send an API key as 'Authorization: Bearer <key>', or log in at POST /auth/login"));
                return;
            }
            Optional<UserPrincipal> person = session(ctx, cookie.getValue());
            if (person.isEmpty()) {
                failed(ctx, address, null, now, "session", new ApiProblem(401, "session-expired", "the session has ended; log in again"));
                return;
            }
            SessionRecord s = ctx.get(SESSION);
            if (!SAFE.contains(ctx.request().method()) && !sameToken(s.csrf(), ctx.request().getHeader(CSRF_HEADER))) {
                reject(ctx, "csrf", ApiProblem.forbidden("csrf-token-invalid",
                        "a change made with the session cookie needs the session's " + CSRF_HEADER + " header"));
                return;
            }
            ctx.put(PRINCIPAL, person.get());
            ctx.next();
        };
    }

    private void bearer(RoutingContext ctx, String secret, String address, Instant now) {
        keys.authenticate(secret).ifPresentOrElse(p -> {
            ctx.put(PRINCIPAL, p);
            ctx.next();
        }, () -> {
            String keyId = keys.revokedIdOf(secret).map(id -> "key:" + id).orElse(null);
            failed(ctx, address, keyId, now, "invalid", new ApiProblem(401, "api-key-invalid", "the API key is unknown or revoked"));
        });
    }

    /** Counts a failed authentication; answers 429 once the address or key id is over the limit, else the 401. */
    private void failed(RoutingContext ctx, String address, String keyId, Instant now, String reason, ApiProblem problem) {
        Duration wait = failures.retryAfter(address, now);
        if (keyId != null) {
            Duration byKey = failures.retryAfter(keyId, now);
            wait = byKey.compareTo(wait) > 0 ? byKey : wait;
        }
        failures.failed(address, now);
        if (keyId != null) {
            failures.failed(keyId, now);
        }
        if (wait.isZero()) {
            reject(ctx, reason, problem);
            return;
        }
        ctx.response().putHeader("Retry-After", Long.toString(Math.max(1, (wait.toMillis() + 999) / 1000)));
        reject(ctx, "throttled", new ApiProblem(429, "auth-throttled", "too many failed authentications from this client; retry later"));
    }

    /** The person of a live session (and the session put into the context), or empty. */
    private Optional<UserPrincipal> session(RoutingContext ctx, String cookieValue) {
        return accounts.sessions().use(cookieValue).flatMap(s -> accounts.users().find(s.username()).map(u -> {
            ctx.put(SESSION, s);
            return UserPrincipal.of(u);
        }));
    }

    private static boolean sameToken(String expected, String sent) {
        return sent != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Lets the request through only for roles that hold the permission ({@link Access#decideRole}); 403 otherwise.
     * The route then checks the stored object with {@link #check}.
     */
    public Handler<RoutingContext> require(Permission permission) {
        return ctx -> {
            Optional<Rejection> refusal = Access.decideRole(principal(ctx), permission);
            if (refusal.isEmpty()) {
                ctx.next();
            } else {
                reject(ctx, "forbidden", ApiProblem.forbidden(refusal.get().rule(), refusal.get().message()));
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
        Access.decide(principal(ctx), permission, target).ifPresent(r -> {
            throw ApiProblem.forbidden(r.rule(), r.message());
        });
    }
}
