package org.hemowatch.auth;

import org.hemowatch.domain.TimePlausibility;

import java.time.Duration;
import java.time.format.DateTimeParseException;

/**
 * The {@code security} config section.
 *
 * @param maxClockSkew           how far a sender's {@code ts} may run ahead of the server clock (default PT5M);
 *                               beyond it a reading or scan is refused with rule {@code timestamp-in-future}
 * @param maxReadingAge          readings older than this are stored as late and never move device state (default PT24H)
 * @param authFailuresPerMinute  failed authentications (HTTP 401, MQTT CONNECT) allowed per source address and
 *                               per key id in a minute before further attempts are refused with 429 (default 20)
 */
public record SecurityConfig(String maxClockSkew, String maxReadingAge, Integer authFailuresPerMinute) {

    public SecurityConfig {
        maxClockSkew = maxClockSkew == null ? "PT5M" : maxClockSkew;
        maxReadingAge = maxReadingAge == null ? "PT24H" : maxReadingAge;
        authFailuresPerMinute = authFailuresPerMinute == null ? 20 : authFailuresPerMinute;
        Duration skew = parse("security.maxClockSkew", maxClockSkew);
        Duration age = parse("security.maxReadingAge", maxReadingAge);
        if (skew.isNegative() || skew.compareTo(Duration.ofHours(24)) > 0) {
            throw new IllegalArgumentException("security.maxClockSkew must be from PT0S to PT24H, got " + maxClockSkew);
        }
        if (age.compareTo(Duration.ofMinutes(1)) < 0 || age.compareTo(Duration.ofDays(3650)) > 0) {
            throw new IllegalArgumentException("security.maxReadingAge must be from PT1M to P3650D, got " + maxReadingAge);
        }
        if (authFailuresPerMinute < 1 || authFailuresPerMinute > 100_000) {
            throw new IllegalArgumentException("security.authFailuresPerMinute must be from 1 to 100000, got " + authFailuresPerMinute);
        }
    }

    public static SecurityConfig defaults() {
        return new SecurityConfig(null, null, null);
    }

    public TimePlausibility timePlausibility() {
        return new TimePlausibility(Duration.parse(maxClockSkew), Duration.parse(maxReadingAge));
    }

    private static Duration parse(String key, String text) {
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(key + " must be an ISO-8601 duration like PT5M, got '" + text + "'");
        }
    }
}
