package org.hemowatch.auth;

/**
 * An authenticated caller: the API key's id, name, role and site scope.
 *
 * @param site null when the key is not limited to one site
 */
public record Principal(String keyId, String name, Role role, String site) {

    /** True if this caller may act on data of the given site. */
    public boolean mayAccessSite(String otherSite) {
        return site == null || site.equals(otherSite);
    }

    public boolean hasAnyRole(Role... roles) {
        for (Role r : roles) {
            if (r == role) {
                return true;
            }
        }
        return false;
    }
}
