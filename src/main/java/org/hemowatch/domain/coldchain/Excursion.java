package org.hemowatch.domain.coldchain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One temperature excursion of a device: from the time the value left the safe range (or crossed a
 * hard limit) to the time it was back inside, once that return was confirmed.
 *
 * @param id     deterministic: {@code site/device@start}, so a restart or a replay yields the same id
 * @param start  first reading outside the safe range (not the moment the delay elapsed)
 * @param end    first reading back inside the safe range of the confirmed return; null while open
 * @param minC   lowest reading taken during the excursion
 * @param maxC   highest reading taken during the excursion
 * @param reason why it became an excursion, e.g. {@code above safe max for 30 min}
 */
public record Excursion(String id, String site, String device, Instant start, Instant end,
                        double minC, double maxC, String reason) {

    public Excursion {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(start, "start");
        if (end != null && end.isBefore(start)) {
            throw new IllegalArgumentException("excursion " + id + ": end " + end + " is before start " + start);
        }
    }

    /** The id of the excursion of {@code device} at {@code site} that started at {@code start}. */
    public static String idFor(String site, String device, Instant start) {
        return site + "/" + device + "@" + start;
    }

    /** True while the excursion has no end. */
    public boolean open() {
        return end == null;
    }

    /** Length of a closed excursion; null while open (use {@link #durationUntil(Instant)}). */
    public Duration duration() {
        return end == null ? null : Duration.between(start, end);
    }

    /** Length up to {@code now} for an open excursion, or the closed length. */
    public Duration durationUntil(Instant now) {
        return end == null ? Duration.between(start, now) : Duration.between(start, end);
    }

    Excursion including(double tempC) {
        return new Excursion(id, site, device, start, end, Math.min(minC, tempC), Math.max(maxC, tempC), reason);
    }

    Excursion endedAt(Instant at) {
        return new Excursion(id, site, device, start, at, minC, maxC, reason);
    }
}
