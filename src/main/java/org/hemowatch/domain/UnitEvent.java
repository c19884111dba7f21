package org.hemowatch.domain;

import java.time.Instant;

/**
 * One entry of a unit's history: every change of status or location is an event with time,
 * actor, source and reason.
 *
 * @param actor  who did it (operator id, API key name, or {@code system})
 * @param source where it came from (e.g. {@code scanner:recv-1}, {@code api}, {@code timer}, {@code coldchain:fridge-1})
 * @param reason free text or a rule name; null when none was given
 */
public record UnitEvent(
        UnitKey key,
        UnitAction action,
        UnitStatus from,
        UnitStatus to,
        Instant at,
        String site,
        String location,
        String destination,
        String actor,
        String source,
        String reason) {
}
