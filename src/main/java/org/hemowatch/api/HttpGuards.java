package org.hemowatch.api;

import org.hemowatch.auth.FailureThrottle;

import java.time.Duration;

/**
 * What protects the HTTP listener from slow, malformed or guessing clients.
 *
 * @param idleTimeoutSeconds   a connection idle this long (no bytes either way) is closed
 * @param requestHeadTimeout   a request head not complete this long after its first byte closes the connection ({@link RequestHeadTimeout})
 * @param authFailures         failed authentications per source address and per key id (HTTP 401 → 429 once over the limit)
 */
public record HttpGuards(int idleTimeoutSeconds, Duration requestHeadTimeout, FailureThrottle authFailures) {
}
