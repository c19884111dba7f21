package org.hemowatch.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Current state of one blood unit. Immutable; a change yields a new instance through
 * {@link UnitLifecycle}.
 * <p>
 * A value class with the accessors, {@code equals}, {@code hashCode} and {@code toString} of a record
 * of these components, but compact, since the inventory holds a million of them: the expiry and
 * the last update are kept as epoch seconds and nanoseconds in primitive fields (an {@link Instant}
 * object costs 24 bytes and a reference; the accessors make one when asked), and the unit's codes are
 * shared instances (see {@code inventory.Codes}). {@link #compareExpiry} orders by expiry without
 * making any object.
 *
 * <ul>
 *   <li>{@code location}: storage device or area at the site (null once issued);</li>
 *   <li>{@code destination}: hospital, ward or site the unit was issued to (null unless issued);</li>
 *   <li>{@code version}: number of events applied so far (1 after receipt);</li>
 *   <li>{@code intendedUse}: what the label allows the unit to be used for; {@code null} only for units stored
 *       before intended use was recorded (see {@link #intendedUseOrDefault()});</li>
 *   <li>{@code recipient}: the named patient a directed or autologous unit was issued to (null otherwise);</li>
 *   <li>{@code outOfStorageSince}: when the unit last left controlled storage (a device that holds its component), null
 *       while it is in one; kept across moves between uncontrolled places (see {@code OutOfStorage});</li>
 *   <li>{@code crossedOver}: a crossover-eligible unit that joined general stock because its site allows crossover;</li>
 *   <li>{@code collected}: when the donation was collected (label structure 006 or 007, in the site's zone), null when
 *       the collection barcode was not scanned when the unit was received.</li>
 * </ul>
 */
public final class BloodUnit {

    private final UnitKey key;
    private final ComponentClass component;
    private final BloodGroup group;
    private final long expiresSecond;
    private final int expiresNano;
    private final String site;
    private final String location;
    private final String destination;
    private final UnitStatus status;
    private final String statusReason;
    private final long updatedSecond;
    private final int updatedNano;
    private final long version;
    private final IntendedUse intendedUse;
    private final String recipient;
    private final Instant outOfStorageSince;
    private final boolean crossedOver;
    private final Instant collected;

    public BloodUnit(UnitKey key, ComponentClass component, BloodGroup group, Instant expires, String site, String location,
                     String destination, UnitStatus status, String statusReason, Instant updated, long version,
                     IntendedUse intendedUse, String recipient, Instant outOfStorageSince, boolean crossedOver, Instant collected) {
        this.key = Objects.requireNonNull(key, "key");
        this.component = Objects.requireNonNull(component, "component");
        this.group = Objects.requireNonNull(group, "group");
        Objects.requireNonNull(expires, "expires");
        this.expiresSecond = expires.getEpochSecond();
        this.expiresNano = expires.getNano();
        this.site = Objects.requireNonNull(site, "site");
        this.location = location;
        this.destination = destination;
        this.status = Objects.requireNonNull(status, "status");
        this.statusReason = statusReason;
        Objects.requireNonNull(updated, "updated");
        this.updatedSecond = updated.getEpochSecond();
        this.updatedNano = updated.getNano();
        this.version = version;
        this.intendedUse = intendedUse;
        this.recipient = recipient;
        this.outOfStorageSince = outOfStorageSince;
        this.crossedOver = crossedOver;
        this.collected = collected;
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
        long s = now.getEpochSecond();
        return s > expiresSecond || s == expiresSecond && now.getNano() >= expiresNano;
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
        return new BloodUnit(key, component, group, expires(), newSite, newLocation, newDestination, newStatus, reason, at, version + 1,
                intendedUse, recipient, outOfStorageSince, crossedOver, collected);
    }

    /** The same unit with another time out of controlled storage (null = in controlled storage). */
    public BloodUnit withOutOfStorageSince(Instant since) {
        return new BloodUnit(key, component, group, expires(), site, location, destination, status, statusReason, updated(), version,
                intendedUse, recipient, since, crossedOver, collected);
    }

    /** The same unit, crossed over into general stock or not. */
    public BloodUnit withCrossedOver(boolean crossed) {
        return new BloodUnit(key, component, group, expires(), site, location, destination, status, statusReason, updated(), version,
                intendedUse, recipient, outOfStorageSince, crossed, collected);
    }

    /** True when the unit may go to one named patient only: a directed or autologous unit that has not crossed over. */
    public boolean forNamedRecipientOnly() {
        return intendedUseOrDefault().forNamedRecipient() && !crossedOver;
    }

    /** The same unit with another intended use or recipient. */
    public BloodUnit withUse(IntendedUse use, String newRecipient) {
        return new BloodUnit(key, component, group, expires(), site, location, destination, status, statusReason, updated(), version,
                use, newRecipient, outOfStorageSince, crossedOver, collected);
    }

    public UnitKey key() {
        return key;
    }

    public ComponentClass component() {
        return component;
    }

    public BloodGroup group() {
        return group;
    }

    public Instant expires() {
        return Instant.ofEpochSecond(expiresSecond, expiresNano);
    }

    /** The order of the expiries of this unit and {@code other} (as {@code expires().compareTo(other.expires())}). */
    public int compareExpiry(BloodUnit other) {
        int c = Long.compare(expiresSecond, other.expiresSecond);
        return c != 0 ? c : Integer.compare(expiresNano, other.expiresNano);
    }

    public String site() {
        return site;
    }

    public String location() {
        return location;
    }

    public String destination() {
        return destination;
    }

    public UnitStatus status() {
        return status;
    }

    public String statusReason() {
        return statusReason;
    }

    public Instant updated() {
        return Instant.ofEpochSecond(updatedSecond, updatedNano);
    }

    public long version() {
        return version;
    }

    public IntendedUse intendedUse() {
        return intendedUse;
    }

    public String recipient() {
        return recipient;
    }

    public Instant outOfStorageSince() {
        return outOfStorageSince;
    }

    public boolean crossedOver() {
        return crossedOver;
    }

    public Instant collected() {
        return collected;
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof BloodUnit u && key.equals(u.key) && component == u.component && group.equals(u.group)
                && expiresSecond == u.expiresSecond && expiresNano == u.expiresNano && site.equals(u.site)
                && Objects.equals(location, u.location) && Objects.equals(destination, u.destination) && status == u.status
                && Objects.equals(statusReason, u.statusReason) && updatedSecond == u.updatedSecond && updatedNano == u.updatedNano
                && version == u.version && intendedUse == u.intendedUse && Objects.equals(recipient, u.recipient)
                && Objects.equals(outOfStorageSince, u.outOfStorageSince) && crossedOver == u.crossedOver
                && Objects.equals(collected, u.collected);
    }

    @Override
    public int hashCode() {
        return Objects.hash(key, component, group, expires(), site, location, destination, status, statusReason, updated(), version,
                intendedUse, recipient, outOfStorageSince, crossedOver, collected);
    }

    @Override
    public String toString() {
        return "BloodUnit[key=" + key + ", component=" + component + ", group=" + group + ", expires=" + expires() + ", site=" + site
                + ", location=" + location + ", destination=" + destination + ", status=" + status + ", statusReason=" + statusReason
                + ", updated=" + updated() + ", version=" + version + ", intendedUse=" + intendedUse + ", recipient=" + recipient
                + ", outOfStorageSince=" + outOfStorageSince + ", crossedOver=" + crossedOver + ", collected=" + collected + "]";
    }
}
