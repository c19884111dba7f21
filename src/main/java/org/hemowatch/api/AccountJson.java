package org.hemowatch.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import org.hemowatch.auth.DeviceScope;
import org.hemowatch.auth.KeyPrincipal;
import org.hemowatch.auth.Principal;
import org.hemowatch.auth.Role;
import org.hemowatch.store.ApiKeyRecord;
import org.hemowatch.store.SessionRecord;
import org.hemowatch.store.UserRecord;

import java.time.Instant;
import java.util.List;

/**
 * JSON of API keys, users and console sessions in the API: records written by {@code JsonMappers.WIRE}, the members in
 * the order of the components ({@code api/AccountJsonTest} pins them). No secret but a new key's, once, at creation.
 */
public final class AccountJson {

    /**
     * A key without its secret. Device keys show {@code devices} ({@code ["*"]} for a gateway) and {@code gateway}; a
     * device key created before device identity shows {@code legacyGateway: true} and {@code devices: null}: it still
     * speaks for every device of its site until replaced. {@code key}, the secret, only in the answer that created it.
     */
    public record Key(String id, String name, String role, String site, String created, String revoked,
                      @JsonUnwrapped Devices devices, @JsonInclude(JsonInclude.Include.NON_NULL) String key) {
    }

    /** The device scope of a device key. */
    public record Devices(List<String> devices, boolean gateway, boolean legacyGateway) {
    }

    /** A console user, without the password hash. */
    public record User(String username, String role, String site, String created, String passwordSet) {
    }

    /** Who a console session belongs to, and the token its writes must carry. */
    public record Session(String user, String role, String site, String csrfToken) {
    }

    /** A list (keys, users). */
    public record Items<T>(List<T> items) {
    }

    private AccountJson() {
    }

    public static Key key(ApiKeyRecord k) {
        return key(k, null);
    }

    /** {@code secret} only when the key was just created. */
    public static Key key(ApiKeyRecord k, String secret) {
        Principal p = KeyPrincipal.of(k);
        DeviceScope scope = p.devices();
        Devices devices = p.role() == Role.DEVICE ? new Devices(scope.asList(), scope.gateway(), scope.legacy()) : null;
        return new Key(k.id(), k.name(), k.role(), k.site(), k.created().toString(), iso(k.revoked()), devices, secret);
    }

    public static User user(UserRecord u) {
        return new User(u.username(), u.role(), u.site(), u.created().toString(), u.passwordSet().toString());
    }

    public static Session session(UserRecord u, SessionRecord s) {
        return new Session(u.username(), u.role(), u.site(), s.csrf());
    }

    private static String iso(Instant i) {
        return i == null ? null : i.toString();
    }
}
