package org.hemowatch.domain;

/**
 * Lifecycle status of a unit. {@link #TRANSFUSED} and {@link #DISCARDED} are final; every
 * other status may still end in a discard.
 */
public enum UnitStatus {
    /** Booked in at a site, not yet placed in controlled storage. */
    RECEIVED,
    /** In controlled storage and issuable. */
    AVAILABLE,
    /** Held back until a person releases or discards it. */
    QUARANTINED,
    /** Sent to a hospital, ward or destination. */
    ISSUED,
    TRANSFUSED,
    DISCARDED,
    /** Past its expiry date while still in stock. */
    EXPIRED;

    public boolean isFinal() {
        return this == TRANSFUSED || this == DISCARDED;
    }

    /** True when the unit is physically held by the site (counts in stock views). */
    public boolean inStock() {
        return this == RECEIVED || this == AVAILABLE || this == QUARANTINED || this == EXPIRED;
    }
}
