package org.hemowatch.store;

import java.time.Instant;

/**
 * A stored API key. Only the hash of the secret is stored.
 *
 * @param site    site the key is limited to, or null for all sites
 * @param revoked when the key was revoked, or null while it is valid
 * @param devices device/scanner ids a device key speaks for: {@code *} (site gateway), comma-separated
 *                ids, or null for a key created before device identity (a legacy gateway)
 */
public record ApiKeyRecord(String id, String name, String role, String site, String keyHash, Instant created, Instant revoked,
                           String devices) {

    /** A key without a device list (roles other than device, or a legacy device key). */
    public ApiKeyRecord(String id, String name, String role, String site, String keyHash, Instant created, Instant revoked) {
        this(id, name, role, site, keyHash, created, revoked, null);
    }

    public ApiKeyRecord withRevoked(Instant at) {
        return new ApiKeyRecord(id, name, role, site, keyHash, created, at, devices);
    }
}
