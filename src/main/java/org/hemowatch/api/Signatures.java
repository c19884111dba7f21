package org.hemowatch.api;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.hemowatch.auth.Accounts;
import org.hemowatch.auth.Principal;

import java.time.Clock;
import java.time.Instant;

/**
 * Electronic signatures for the decisions regulators care about (21 CFR Part 11 §11.50, §11.200(a)):
 * releasing or discarding a quarantined unit, discarding any unit, changing a device's limits.
 *
 * <p>Contract: a request made by a person (a console session) carries
 * {@code "signature": {"password": "...", "meaning": "..."}}. The password is checked again (it is
 * the second component of §11.200(a)(1)(i), the session being the first), and {@code meaning} must
 * be exactly the statement the service defines for this decision, which the console shows the
 * person to confirm. Without a signature the answer is 400 {@code signature-required} with the
 * statement as the problem's {@code meaning} member; a wrong password is 403 {@code signature-invalid}
 * and counts as a failed login for the throttle. A refused signature changes nothing.
 * The signed record (signer, time, meaning) goes into the decision's audit entry beside the comment.
 *
 * <p>API keys are not people and cannot sign, so every signed decision made with a key is refused
 * (403 {@code signature-requires-user}) and changes nothing: releasing or discarding a unit on its
 * decision route, a DISCARD scan sent with a session (a key's DISCARD scan holds the unit instead, see
 * {@code DiscardHold}), and a device PUT whose limits differ from the stored ones (or, for a new device,
 * from its kind's defaults); registering a device with its kind's defaults needs no signature, so
 * provisioning scripts keep working (docs/security.md). No decision is recorded unsigned.
 */
public final class Signatures {

    /** A verified signature: who, when, what it means. */
    public record Signed(String signer, String principalId, Instant at, String meaning) {
        public JsonObject json() {
            return new JsonObject().put("signer", signer).put("principalId", principalId).put("at", at.toString()).put("meaning", meaning);
        }
    }

    private final Accounts accounts;
    private final Clock clock;

    Signatures(Accounts accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    public static String releaseMeaning(String din, String product) {
        return "I release unit " + din + " " + product + " for issue";
    }

    public static String discardMeaning(String din, String product) {
        return "I discard unit " + din + " " + product + "; it must not be transfused";
    }

    public static String deviceLimitsMeaning(String site, String device) {
        return "I change the limits of device " + device + " at site " + site;
    }

    /**
     * Checks the signature of this request for {@code meaning}: completes with the signed record, or
     * fails with the problem (nothing is changed then). A request made with an API key fails with 403
     * {@code signature-requires-user}: only a person can sign.
     */
    public Future<Signed> requirePerson(RoutingContext ctx, JsonObject body, String meaning) {
        if (ctx.get(AuthHandler.SESSION) == null) {
            return Future.failedFuture(ApiProblem.forbidden("signature-requires-user",
                    "this decision is signed by a person with their password, and an API key cannot sign: log in "
                            + "(the console, or POST /auth/login) and send the signature").with("meaning", meaning));
        }
        Principal p = AuthHandler.principal(ctx);
        Object raw = body.getValue("signature");
        if (!(raw instanceof JsonObject sig) || !(sig.getValue("password") instanceof String password) || password.isEmpty()) {
            return Future.failedFuture(ApiProblem.badRequest("signature-required",
                    "this decision needs your electronic signature: re-enter your password and confirm the meaning").with("meaning", meaning));
        }
        if (!meaning.equals(sig.getValue("meaning"))) {
            return Future.failedFuture(ApiProblem.badRequest("signature-meaning-mismatch",
                    "the signature must confirm exactly: " + meaning).with("meaning", meaning));
        }
        String address = ctx.request().remoteAddress() == null ? "unknown" : ctx.request().remoteAddress().hostAddress();
        synchronized (accounts.throttle()) {
            if (accounts.throttle().check(p.name(), address, clock.instant()).isPresent()) {
                return Future.failedFuture(new ApiProblem(429, "login-throttled", "too many wrong passwords; wait before signing again"));
            }
        }
        return Future.fromCompletionStage(accounts.users().verify(p.name(), password), ctx.vertx().getOrCreateContext()).map(user -> {
            if (user.isEmpty()) {
                synchronized (accounts.throttle()) {
                    accounts.throttle().failed(p.name(), address, clock.instant());
                }
                throw ApiProblem.forbidden("signature-invalid", "the password is wrong; the decision was not made");
            }
            return new Signed(p.name(), p.id(), clock.instant(), meaning);
        });
    }

    /** The audit detail of a signed decision: the comment, the signer's principal and the signature. */
    public static JsonObject auditDetail(Principal p, String comment, Signed signed) {
        return new JsonObject().put("comment", comment).put("principalId", p.id()).put("principalKind", p.kind())
                .put("signature", signed.json());
    }
}
