package org.hemowatch.auth;

import org.hemowatch.store.UserRecord;

/**
 * A person logged in to the console: decided on by {@link Access} exactly like a key of the same
 * role and site. The id is {@code user:<username>}, so it never collides with a key's hex id.
 */
public record UserPrincipal(String id, String name, Role role, String site) implements Principal {

    public static UserPrincipal of(UserRecord u) {
        Role role = Role.parse(u.role()).orElseThrow(() -> new IllegalStateException("stored user " + u.username() + " has unknown role " + u.role()));
        return new UserPrincipal(idOf(u.username()), u.username(), role, u.site());
    }

    public static String idOf(String username) {
        return "user:" + username;
    }

    @Override
    public DeviceScope devices() {
        return DeviceScope.NONE;
    }

    @Override
    public String kind() {
        return "user";
    }
}
