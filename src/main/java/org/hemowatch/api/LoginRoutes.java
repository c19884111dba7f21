package org.hemowatch.api;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.hemowatch.auth.Accounts;
import org.hemowatch.auth.LoginThrottle;
import org.hemowatch.metrics.MetricNames;
import org.hemowatch.store.SessionRecord;
import org.hemowatch.store.UserRecord;

import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The console's login, outside {@code /api/v1}:
 * <pre>
 * POST /auth/login   {"username","password"} → 200 {"user","role","site","csrfToken"} + cookie hemowatch_session
 *                    401 login-failed (unknown user and wrong password alike), 429 login-throttled with Retry-After
 * GET  /auth/session → the same body for the cookie's live session (a reloaded page), 401 otherwise
 * POST /auth/logout  → 204, the session ended and the cookie cleared
 * </pre>
 * The cookie is HttpOnly, SameSite=Strict, Path=/, Secure when {@code auth.secureCookie}; it has no
 * Max-Age (the server ends the session; the browser forgets it when closed).
 */
final class LoginRoutes {

    private final Accounts accounts;
    private final Clock clock;
    private final MeterRegistry registry;

    LoginRoutes(Accounts accounts, Clock clock, MeterRegistry registry) {
        this.accounts = accounts;
        this.clock = clock;
        this.registry = registry;
        Gauge.builder(MetricNames.AUTH_SESSIONS, accounts.sessions(), s -> s.count())
                .description("Live console sessions").register(registry);
    }

    void mount(Router root, long bodyLimit) {
        root.post("/auth/login").handler(BodyHandler.create(false).setBodyLimit(bodyLimit)).handler(this::login);
        root.get("/auth/session").handler(this::current);
        root.post("/auth/logout").handler(this::logout);
    }

    private void login(RoutingContext ctx) {
        JsonObject body = Bodies.object(ctx);
        String username = Bodies.requiredString(body, "username").toLowerCase(Locale.ROOT);
        String password = body.getValue("password") instanceof String s ? s : null;
        if (password == null || password.isEmpty()) {
            throw ApiProblem.badRequest("field-required", "'password' is required");
        }
        String address = ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
        Optional<LoginThrottle.Refusal> refused = throttle(t -> t.check(username, address, clock.instant()));
        if (refused.isPresent()) {
            failed(refused.get().scope() == LoginThrottle.Scope.USER ? "throttled-user" : "throttled-address");
            long seconds = Math.max(1, (refused.get().retryAfter().toMillis() + 999) / 1000);
            ctx.response().putHeader("Retry-After", Long.toString(seconds));
            throw new ApiProblem(429, "login-throttled", "too many failed logins; try again in " + seconds + " s");
        }
        Future.fromCompletionStage(accounts.users().verify(username, password), ctx.vertx().getOrCreateContext())
                .compose(user -> {
                    if (user.isEmpty()) {
                        throttle(t -> {
                            t.failed(username, address, clock.instant());
                            return null;
                        });
                        failed("bad-credentials");
                        return Future.failedFuture(new ApiProblem(401, "login-failed", "the username or the password is wrong"));
                    }
                    throttle(t -> {
                        t.succeeded(username);
                        return null;
                    });
                    return Future.fromCompletionStage(accounts.sessions().open(user.get().username()), ctx.vertx().getOrCreateContext())
                            .map(opened -> {
                                ctx.response().addCookie(cookie(opened.id()));
                                Counter.builder(MetricNames.AUTH_LOGINS).description("Successful console logins").register(registry).increment();
                                return AccountJson.session(user.get(), opened.record());
                            });
                })
                .onSuccess(session -> Replies.ok(ctx, session))
                .onFailure(ctx::fail);
    }

    private void current(RoutingContext ctx) {
        Cookie c = ctx.request().getCookie(AuthHandler.SESSION_COOKIE);
        Optional<SessionRecord> s = c == null ? Optional.empty() : accounts.sessions().use(c.getValue());
        Optional<UserRecord> u = s.flatMap(x -> accounts.users().find(x.username()));
        if (u.isEmpty()) {
            throw new ApiProblem(401, "session-expired", "no live session; log in");
        }
        ctx.response().putHeader("Cache-Control", "no-store");
        Replies.ok(ctx, AccountJson.session(u.get(), s.get()));
    }

    private void logout(RoutingContext ctx) {
        Cookie c = ctx.request().getCookie(AuthHandler.SESSION_COOKIE);
        Future.fromCompletionStage(accounts.sessions().close(c == null ? null : c.getValue()), ctx.vertx().getOrCreateContext())
                .onSuccess(v -> {
                    ctx.response().addCookie(cookie("").setMaxAge(0));
                    ctx.response().setStatusCode(204).end();
                })
                .onFailure(ctx::fail);
    }

    private Cookie cookie(String value) {
        return Cookie.cookie(AuthHandler.SESSION_COOKIE, value).setPath("/").setHttpOnly(true)
                .setSameSite(CookieSameSite.STRICT).setSecure(accounts.config().secureCookie());
    }

    private void failed(String reason) {
        Counter.builder(MetricNames.AUTH_LOGIN_FAILURES).description("Failed console logins, by reason")
                .tags("reason", reason).register(registry).increment();
    }

    private <T> T throttle(Function<LoginThrottle, T> f) {
        synchronized (accounts.throttle()) {
            return f.apply(accounts.throttle());
        }
    }
}
