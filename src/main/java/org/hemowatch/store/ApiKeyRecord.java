package org.hemowatch.store;

import java.time.Instant;

/**
 * A stored API key. Only the hash of the secret is stored.
 *
 * @param site    site the key is limited to, or null for all sites
 * @param revoked when the key was revoked, or null while it is valid
 */
public record ApiKeyRecord(String id, String name, String role, String site, String keyHash, Instant created, Instant revoked) {
}
