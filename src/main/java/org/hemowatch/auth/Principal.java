package org.hemowatch.auth;

/**
 * An authenticated caller: an API key today ({@link KeyPrincipal}), a personal user later. Every
 * access decision ({@link Access}) is taken on this abstraction only, so another kind of caller
 * implements these five facts and gets the same decisions on every path.
 *
 * <ul>
 *   <li>{@link #id()}: stable, unique among principals; recorded in the audit log and unit history
 *       (a key's public id, a user's id). Never a secret.</li>
 *   <li>{@link #name()}: human-readable, free text chosen by an admin (escape it before logging).</li>
 *   <li>{@link #site()}: the one site it is limited to, or null for every site.</li>
 *   <li>{@link #devices()}: for device keys, the device and scanner ids it speaks for.</li>
 * </ul>
 */
public interface Principal {

    String id();

    String name();

    Role role();

    /** The site this caller is limited to, or null when it may act on every site. */
    String site();

    /** The device and scanner ids this caller speaks for; {@link DeviceScope#NONE} for callers that are not devices. */
    DeviceScope devices();

    /** What kind of principal this is ({@code key}, {@code user}, {@code system}); shown in the audit log. */
    default String kind() {
        return "key";
    }

    /** True if this caller may act on data of the given site (null scope = every site). */
    default boolean mayAccessSite(String otherSite) {
        return site() == null || site().equals(otherSite);
    }

    default boolean hasAnyRole(Role... roles) {
        for (Role r : roles) {
            if (r == role()) {
                return true;
            }
        }
        return false;
    }
}
