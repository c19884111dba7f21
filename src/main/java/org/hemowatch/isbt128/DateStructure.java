package org.hemowatch.isbt128;

import java.time.LocalDateTime;
import java.util.Objects;

/**
 * Structures 004/005 (expiration date, date and time) and 006/007 (collection date, date and time).
 * The date-time is the facility's local time; the zone is not on the label.
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
}
