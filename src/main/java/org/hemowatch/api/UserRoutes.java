package org.hemowatch.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.hemowatch.auth.Access.Permission;
import org.hemowatch.auth.Accounts;
import org.hemowatch.auth.Principal;
import org.hemowatch.auth.Role;
import org.hemowatch.auth.UserAccounts;
import org.hemowatch.store.UserRecord;

import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Personal accounts under {@code /api/v1}:
 * <pre>
 * POST   /users                      admin  {"username","role","site"?,"password"} → 201
 * GET    /users                      admin  (a site-scoped admin sees that site's users)
 * DELETE /users/{username}           admin  → 204, the user's sessions end
 * POST   /users/{username}/password  admin  {"password"} → 204 (reset; the user's sessions end)
 * POST   /users/me/password          a logged-in person {"currentPassword","newPassword"} → 204
 * </pre>
 * Refusals are 400 with the password or username rule; 404 user-unknown; 409 username-taken.
 */
final class UserRoutes {

    private final ApiServices services;

    UserRoutes(ApiServices services) {
        this.services = services;
    }

    private Accounts accounts() {
        return services.accounts();
    }

    void mount(Router api, AuthHandler auth) {
        api.post("/users").handler(auth.require(Permission.USER_ADMIN)).handler(this::create);
        api.get("/users").handler(auth.require(Permission.USER_ADMIN)).handler(this::list);
        api.post("/users/me/password").handler(this::changeOwn);
        api.delete("/users/:username").handler(auth.require(Permission.USER_ADMIN)).handler(this::delete);
        api.post("/users/:username/password").handler(auth.require(Permission.USER_ADMIN)).handler(this::reset);
    }

    private void create(RoutingContext ctx) {
        Principal admin = AuthHandler.principal(ctx);
        JsonObject body = Bodies.object(ctx);
        String roleText = Bodies.requiredString(body, "role");
        Role role = Role.parse(roleText).filter(UserAccounts.PERSON_ROLES::contains).orElseThrow(() -> ApiProblem.badRequest(
                "unknown-role", "role '" + roleText + "' is not one of admin, technician, hospital, station"));
        String site = Bodies.optionalString(body, "site");
        if (site != null && !services.knownSite().test(site)) {
            throw ApiProblem.badRequest("unknown-site", "site '" + site + "' is not configured");
        }
        if (admin.site() != null && !admin.site().equals(site)) {
            throw ApiProblem.forbidden("site-forbidden", "an admin limited to site '" + admin.site() + "' can only create users of that site");
        }
        String username = Bodies.requiredString(body, "username");
        String password = password(body, "password");
        answer(ctx, accounts().users().create(username, role, site, password, admin.name()), u -> {
            Replies.json(ctx, 201, AccountJson.user(u));
        });
    }

    private void list(RoutingContext ctx) {
        Principal admin = AuthHandler.principal(ctx);
        Replies.ok(ctx, new AccountJson.Items<>(accounts().users().list().stream()
                .filter(u -> admin.site() == null || admin.site().equals(u.site())).map(AccountJson::user).toList()));
    }

    private void delete(RoutingContext ctx) {
        Principal admin = AuthHandler.principal(ctx);
        UserRecord target = target(ctx, admin);
        if (target.username().equals(admin.name()) && ctx.get(AuthHandler.SESSION) != null) {
            throw ApiProblem.conflict("user-self-delete", "an admin cannot delete their own account");
        }
        answer(ctx, accounts().users().delete(target.username(), admin.name()), deleted -> ctx.response().setStatusCode(204).end());
    }

    private void reset(RoutingContext ctx) {
        Principal admin = AuthHandler.principal(ctx);
        UserRecord target = target(ctx, admin);
        String password = password(Bodies.object(ctx), "password");
        answer(ctx, accounts().users().setPassword(target.username(), password, admin.name(), "user.password-reset", true),
                u -> ctx.response().setStatusCode(204).end());
    }

    private void changeOwn(RoutingContext ctx) {
        if (ctx.get(AuthHandler.SESSION) == null) {
            throw ApiProblem.forbidden("not-a-person", "only a logged-in person has a password to change; API keys have none");
        }
        Principal me = AuthHandler.principal(ctx);
        JsonObject body = Bodies.object(ctx);
        String current = password(body, "currentPassword");
        String next = password(body, "newPassword");
        Future.fromCompletionStage(accounts().users().verify(me.name(), current), ctx.vertx().getOrCreateContext())
                .compose(ok -> {
                    if (ok.isEmpty()) {
                        return Future.failedFuture(ApiProblem.forbidden("password-wrong", "the current password is wrong"));
                    }
                    return Future.fromCompletionStage(accounts().users().setPassword(me.name(), next, me.name(), "user.password-change", false),
                            ctx.vertx().getOrCreateContext());
                })
                .onSuccess(u -> ctx.response().setStatusCode(204).end())
                .onFailure(e -> ctx.fail(problem(e)));
    }

    private UserRecord target(RoutingContext ctx, Principal admin) {
        String name = ctx.pathParam("username").toLowerCase(Locale.ROOT);
        UserRecord u = accounts().users().find(name).orElseThrow(() -> ApiProblem.notFound("user-unknown", "no user named '" + name + "'"));
        if (admin.site() != null && !admin.site().equals(u.site())) {
            throw ApiProblem.forbidden("site-forbidden", "this user belongs to another site");
        }
        return u;
    }

    private static String password(JsonObject body, String field) {
        Object v = body.getValue(field);
        if (!(v instanceof String s) || s.isEmpty()) {
            throw ApiProblem.badRequest("field-required", "'" + field + "' is required");
        }
        return s;
    }

    private static <T> void answer(RoutingContext ctx, CompletionStage<T> stage, Consumer<T> ok) {
        Future.fromCompletionStage(stage, ctx.vertx().getOrCreateContext()).onSuccess(ok::accept).onFailure(e -> ctx.fail(problem(e)));
    }

    static Throwable problem(Throwable e) {
        Throwable t = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return t;
    }
}
