package org.hemowatch.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Current state of one blood unit. Immutable; a change yields a new instance through
 * {@link UnitLifecycle}.
 *
 * @param location           storage device or area at the site (null once issued)
 * @param destination        hospital, ward or site the unit was issued to (null unless issued)
 * @param version            number of events applied so far (1 after receipt)
 * @param intendedUse        what the label allows the unit to be used for; {@code null} only for units stored
 *                           before intended use was recorded (see {@link #intendedUseOrDefault()})
 * @param recipient          the named patient a directed or autologous unit was issued to (null otherwise)
 * @param outOfStorageSince  when the unit last left controlled storage (a device that holds its component), null while
 *                           it is in one; kept across moves between uncontrolled places (see {@code OutOfStorage})
 * @param crossedOver        a crossover-eligible unit that joined general stock because its site allows crossover
 * @param collected          when the donation was collected (label structure 006 or 007, in the site's zone), null when
 *                           the collection barcode was not scanned when the unit was received
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
        long version,
        IntendedUse intendedUse,
        String recipient,
        Instant outOfStorageSince,
        boolean crossedOver,
        Instant collected) {

    public BloodUnit {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(expires, "expires");
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(updated, "updated");
    }

    /** A unit whose collection time is not known. */
    public BloodUnit(UnitKey key, ComponentClass component, BloodGroup group, Instant expires, String site, String location,
                     String destination, UnitStatus status, String statusReason, Instant updated, long version,
                     IntendedUse intendedUse, String recipient, Instant outOfStorageSince, boolean crossedOver) {
        this(key, component, group, expires, site, location, destination, status, statusReason, updated, version,
                intendedUse, recipient, outOfStorageSince, crossedOver, null);
    }

    /** A unit of general use ({@link IntendedUse#UNSPECIFIED}), in controlled storage, with no recipient. */
    public BloodUnit(UnitKey key, ComponentClass component, BloodGroup group, Instant expires, String site, String location,
                     String destination, UnitStatus status, String statusReason, Instant updated, long version) {
        this(key, component, group, expires, site, location, destination, status, statusReason, updated, version,
                IntendedUse.UNSPECIFIED, null, null, false);
    }

    public boolean isExpiredAt(Instant now) {
        return !now.isBefore(expires);
    }

    /** The intended use, {@link IntendedUse#UNSPECIFIED} for a unit stored before it was recorded. */
    public IntendedUse intendedUseOrDefault() {
        return intendedUse == null ? IntendedUse.UNSPECIFIED : intendedUse;
    }

    /** Time out of controlled storage at {@code now}; zero while the unit is in controlled storage. */
    public Duration outOfStorageAt(Instant now) {
        if (outOfStorageSince == null || now.isBefore(outOfStorageSince)) {
            return Duration.ZERO;
        }
        return Duration.between(outOfStorageSince, now);
    }

    BloodUnit with(UnitStatus newStatus, String newLocation, String newDestination, String reason, String newSite, Instant at) {
        return new BloodUnit(key, component, group, expires, newSite, newLocation, newDestination, newStatus, reason, at, version + 1,
                intendedUse, recipient, outOfStorageSince, crossedOver, collected);
    }

    /** The same unit with another time out of controlled storage (null = in controlled storage). */
    public BloodUnit withOutOfStorageSince(Instant since) {
        return new BloodUnit(key, component, group, expires, site, location, destination, status, statusReason, updated, version,
                intendedUse, recipient, since, crossedOver, collected);
    }

    /** The same unit, crossed over into general stock or not. */
    public BloodUnit withCrossedOver(boolean crossed) {
        return new BloodUnit(key, component, group, expires, site, location, destination, status, statusReason, updated, version,
                intendedUse, recipient, outOfStorageSince, crossed, collected);
    }

    /** True when the unit may go to one named patient only: a directed or autologous unit that has not crossed over. */
    public boolean forNamedRecipientOnly() {
        return intendedUseOrDefault().forNamedRecipient() && !crossedOver;
    }

    /** The same unit with another intended use or recipient. */
    public BloodUnit withUse(IntendedUse use, String newRecipient) {
        return new BloodUnit(key, component, group, expires, site, location, destination, status, statusReason, updated, version,
                use, newRecipient, outOfStorageSince, crossedOver, collected);
    }
}
