package org.hemowatch.isbt128;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.Objects;

/**
 * Structures 004/005 (expiration date, date and time) and 006/007 (collection date, date and time).
 * The date-time is the facility's local time; the zone is not on the label, so {@link #instant}
 * takes it from the site.
 *
 * @param structure {@code "004"}, {@code "005"}, {@code "006"} or {@code "007"}
 * @param kind      {@code EXPIRY} (004/005) or {@code COLLECTION} (006/007)
 * @param dateTime  the local date-time; 23:59 of the day when the structure carries no time
 * @param hasTime   whether the label carried a time ({@code 005}, {@code 007})
 */
public record DateStructure(String structure, String kind, LocalDateTime dateTime, boolean hasTime)
        implements Isbt128Structure {

    public DateStructure {
        Objects.requireNonNull(structure, "structure");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(dateTime, "dateTime");
        String expectedKind = switch (structure) {
            case "004", "005" -> KIND_EXPIRY;
            case "006", "007" -> KIND_COLLECTION;
            default -> throw new IllegalArgumentException("not a date structure: " + structure);
        };
        if (!expectedKind.equals(kind)) {
            throw new IllegalArgumentException("structure " + structure + " is " + expectedKind + ", not " + kind);
        }
    }

    /**
     * The instant the label means in the site's zone. A local time that does not exist (in the gap
     * when clocks go forward) is the transition instant itself, never later; a local time that
     * happens twice (in the overlap when clocks go back) is the earlier instant. Both choices make
     * an expiry come no later than the ward clock shows it (issue 12, defect 4).
     */
    public Instant instant(ZoneId zone) {
        Objects.requireNonNull(zone, "zone");
        ZoneOffsetTransition transition = zone.getRules().getTransition(dateTime);
        if (transition != null && transition.isGap()) {
            return transition.getInstant();
        }
        if (transition != null) {
            return dateTime.toInstant(transition.getOffsetBefore());
        }
        return dateTime.atZone(zone).toInstant();
    }
}
