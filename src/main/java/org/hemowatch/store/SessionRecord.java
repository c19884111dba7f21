package org.hemowatch.store;

import java.time.Instant;

/**
 * A stored browser session. The session id itself is never stored, only its SHA-256.
 *
 * @param csrf the anti-forgery token the page sends back as {@code X-CSRF-Token}
 */
public record SessionRecord(String idHash, String username, String csrf, Instant created, Instant lastSeen) {

    public SessionRecord seenAt(Instant at) {
        return new SessionRecord(idHash, username, csrf, created, at);
    }
}
