package org.hemowatch.domain;

import java.time.Instant;

/**
 * One entry of a unit's history: every change of status or location is an event with time,
 * actor, source and reason.
 *
 * @param actor  who did it (operator id, API key name, or {@code system})
 * @param source where it came from (e.g. {@code scanner:recv-1}, {@code api}, {@code timer}, {@code coldchain:fridge-1})
 * @param reason free text or a rule name; null when none was given
 * @param keyId   id of the principal (API key) that made the change; null for the service itself
 * @param keyName that principal's name
 * @param recipient the named patient an ISSUE sent the unit to (required for directed and autologous units), else null
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
        String reason,
        String keyId,
        String keyName,
        String recipient) {

    /** An event that names no recipient. */
    public UnitEvent(UnitKey key, UnitAction action, UnitStatus from, UnitStatus to, Instant at, String site, String location,
                     String destination, String actor, String source, String reason, String keyId, String keyName) {
        this(key, action, from, to, at, site, location, destination, actor, source, reason, keyId, keyName, null);
    }

    /** An event without a principal (the service's own changes, older history). */
    public UnitEvent(UnitKey key, UnitAction action, UnitStatus from, UnitStatus to, Instant at, String site, String location,
                     String destination, String actor, String source, String reason) {
        this(key, action, from, to, at, site, location, destination, actor, source, reason, null, null, null);
    }
}
