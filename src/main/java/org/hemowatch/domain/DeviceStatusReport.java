package org.hemowatch.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A status message from a device: {@code online}/{@code offline} (MQTT last will, serial
 * disconnect) or a device-side alarm code such as {@code PWR_FAIL}, {@code PWR_OK},
 * {@code COMP_FAULT}, {@code BATT_LOW}.
 */
public record DeviceStatusReport(String site, String device, long seq, Instant at, String code, String source) {
    public DeviceStatusReport {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(code, "code");
    }
}
