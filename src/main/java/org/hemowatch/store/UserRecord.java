package org.hemowatch.store;

import java.time.Instant;

/**
 * A stored personal account.
 *
 * @param site         site the person is limited to, or null for all sites
 * @param passwordHash Argon2id PHC string (never the password)
 * @param passwordSet  when the password was last set (creation, change or reset)
 */
public record UserRecord(String username, String role, String site, String passwordHash, Instant created, Instant passwordSet) {

    public UserRecord withPassword(String hash, Instant at) {
        return new UserRecord(username, role, site, hash, created, at);
    }
}
