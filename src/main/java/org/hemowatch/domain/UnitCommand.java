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
        Instant at) {

    public UnitCommand {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(site, "site");
        Objects.requireNonNull(at, "at");
        if (label == null) {
            label = LabelFacts.NONE;
        }
    }

    /** What a label tells about a unit besides its key; any part may be unknown (null). */
    public record LabelFacts(ComponentClass component, BloodGroup group, Instant expires) {
        public static final LabelFacts NONE = new LabelFacts(null, null, null);

        public boolean complete() {
            return component != null && group != null && expires != null;
        }
    }
}
