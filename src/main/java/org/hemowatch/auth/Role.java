package org.hemowatch.auth;

import org.hemowatch.domain.Enums;

import java.util.Locale;
import java.util.Optional;

/**
 * What an API key may do.
 * <ul>
 *   <li>{@code admin}: everything, including keys and configuration</li>
 *   <li>{@code technician}: scans, unit queries and decisions (release, discard, acknowledge)</li>
 *   <li>{@code hospital}: read-only stock queries</li>
 *   <li>{@code device}: publishes readings and scans (HTTP or MQTT)</li>
 *   <li>{@code station}: receives alerts (MQTT subscriptions, alert stream)</li>
 * </ul>
 */
public enum Role {
    ADMIN, TECHNICIAN, HOSPITAL, DEVICE, STATION;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Role> parse(String text) {
        return Enums.parse(Role.class, text);
    }
}
