package org.hemowatch.ingest.serial;

import java.util.Objects;
import org.hemowatch.domain.TemperatureReading.AgitatorState;
import org.hemowatch.domain.TemperatureReading.DoorState;

/**
 * A {@code $HWT} line, fields as sent (not yet tied to a configured device).
 *
 * @param addr     controller address on the line, canonical decimal {@code 0}..{@code 255}
 * @param seq      controller's line counter, {@code 0}..{@code 4294967295}
 * @param probe    {@code air} or {@code product}
 * @param tempC    degrees Celsius
 * @param door     {@code O}/{@code C}/{@code -}
 * @param agitator {@code 1}/{@code 0}/{@code -}
 */
public record ControllerReading(String addr, long seq, String probe, double tempC,
                                DoorState door, AgitatorState agitator) implements ControllerLine {
    public ControllerReading {
        Objects.requireNonNull(addr, "addr");
        Objects.requireNonNull(probe, "probe");
        Objects.requireNonNull(door, "door");
        Objects.requireNonNull(agitator, "agitator");
    }
}
