package org.hemowatch.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * Current state of one blood unit. Immutable; a change yields a new instance through
 * {@link UnitLifecycle}.
 *
 * @param location    storage device or area at the site (null once issued)
 * @param destination hospital, ward or site the unit was issued to (null unless issued)
 * @param version     number of events applied so far (1 after receipt)
 */
public record BloodUnit(
        UnitKey key,
        ComponentClass component,
        BloodGroup group,
        Instant expires,
        String site,
        String location,
        String destination,
        UnitStatus status,
        String statusReason,
        Instant updated,
        long version) {

    public BloodUnit {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(expires, "expires");
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(updated, "updated");
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expires);
    }

    BloodUnit with(UnitStatus newStatus, String newLocation, String newDestination, String reason, String newSite, Instant at) {
        return new BloodUnit(key, component, group, expires, newSite, newLocation, newDestination, newStatus, reason, at, version + 1);
    }
}
