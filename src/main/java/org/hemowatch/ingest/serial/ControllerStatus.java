package org.hemowatch.ingest.serial;

import java.util.Objects;

/**
 * A {@code $HWS} line: a device-side status code such as {@code PWR_FAIL}, {@code PWR_OK},
 * {@code COMP_FAULT}, {@code BATT_LOW}, {@code DOOR_ALARM}.
 */
public record ControllerStatus(String addr, long seq, String code) implements ControllerLine {
    public ControllerStatus {
        Objects.requireNonNull(addr, "addr");
        Objects.requireNonNull(code, "code");
    }
}
