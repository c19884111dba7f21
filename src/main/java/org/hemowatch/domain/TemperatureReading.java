package org.hemowatch.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * One temperature reading from a storage device, whatever transport carried it.
 *
 * @param seq      per-device counter from the firmware, used to drop duplicates (-1 when the transport has none)
 * @param at       measurement time; adapters stamp arrival time when the device sent none
 * @param probe    {@code air} or {@code product}
 * @param door     door state, or {@link DoorState#UNKNOWN} when the device does not report it
 * @param agitator agitator state, or {@link AgitatorState#UNKNOWN}
 * @param source   transport and endpoint, e.g. {@code mqtt}, {@code serial:/dev/ttyUSB0}
 * @param late     older than {@code security.maxReadingAge} when it arrived: stored for the record, never
 *                 moves the device state
 */
public record TemperatureReading(
        String site,
        String device,
        long seq,
        Instant at,
        double tempC,
        String probe,
        DoorState door,
        AgitatorState agitator,
        String source,
        boolean late) {

    /** A reading as it arrives (not judged late). */
    public TemperatureReading(String site, String device, long seq, Instant at, double tempC, String probe,
                              DoorState door, AgitatorState agitator, String source) {
        this(site, device, seq, at, tempC, probe, door, agitator, source, false);
    }

    public TemperatureReading {
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(at, "at");
        if (probe == null) {
            probe = "air";
        }
        if (door == null) {
            door = DoorState.UNKNOWN;
        }
        if (agitator == null) {
            agitator = AgitatorState.UNKNOWN;
        }
    }

    /** The same reading, counted as taken at {@code time}. */
    public TemperatureReading withTime(Instant time) {
        return new TemperatureReading(site, device, seq, time, tempC, probe, door, agitator, source, late);
    }

    /** The same reading, marked late. */
    public TemperatureReading asLate() {
        return new TemperatureReading(site, device, seq, at, tempC, probe, door, agitator, source, true);
    }

    public enum DoorState { OPEN, CLOSED, UNKNOWN }

    public enum AgitatorState { ON, OFF, UNKNOWN }
}
