package org.hemowatch.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A request to change one unit, whatever its origin (scanner over MQTT or serial, HTTP API,
 * cold-chain engine, expiry timer).
 *
 * @param label       what the label said about the unit; required to receive a new unit, checked against the stored unit otherwise
 * @param location    target storage device or area (STORE, MOVE, RETURN, RECEIVE)
 * @param destination where an ISSUE sends the unit
 * @param reason      free text; required for DISCARD, QUARANTINE and RELEASE
 * @param actor       who did it: the free-text operator when one was given, else the principal's name
 * @param keyId       id of the principal (API key, later user) that sent the command; null for the service itself
 * @param keyName     that principal's name, recorded beside the free-text operator
 * @param recipient   the named patient of an ISSUE (required for directed and autologous units), else null
 */
public record UnitCommand(
        UnitAction action,
        UnitKey key,
        LabelFacts label,
        String site,
        String location,
        String destination,
        String actor,
        String source,
        String reason,
        Instant at,
        String keyId,
        String keyName,
        String recipient) {

    /** A command the service makes itself (timers, cold chain) or whose sender has no principal. */
    public UnitCommand(UnitAction action, UnitKey key, LabelFacts label, String site, String location, String destination,
                       String actor, String source, String reason, Instant at) {
        this(action, key, label, site, location, destination, actor, source, reason, at, null, null, null);
    }

    /** A command of a principal that names no recipient. */
    public UnitCommand(UnitAction action, UnitKey key, LabelFacts label, String site, String location, String destination,
                       String actor, String source, String reason, Instant at, String keyId, String keyName) {
        this(action, key, label, site, location, destination, actor, source, reason, at, keyId, keyName, null);
    }

    public UnitCommand {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(at, "at");
        if (label == null) {
            label = LabelFacts.NONE;
        }
    }

    /**
     * What a label tells about a unit besides its key; any part may be unknown (null).
     *
     * @param intendedUse the intended use the label states (structure 002 and product code agreed), null when neither was scanned
     * @param special     a special message printed instead of the blood group, else null
     * @param collected   the collection date or date and time (structure 006 or 007) as an instant, null when not scanned
     */
    public record LabelFacts(ComponentClass component, BloodGroup group, Instant expires, IntendedUse intendedUse,
                             SpecialMessage special, Instant collected) {
        public static final LabelFacts NONE = new LabelFacts(null, null, null, null, null, null);

        public LabelFacts(ComponentClass component, BloodGroup group, Instant expires, IntendedUse intendedUse,
                          SpecialMessage special) {
            this(component, group, expires, intendedUse, special, null);
        }

        public LabelFacts(ComponentClass component, BloodGroup group, Instant expires) {
            this(component, group, expires, null, null);
        }

        public boolean complete() {
            return component != null && group != null && expires != null;
        }
    }
}
