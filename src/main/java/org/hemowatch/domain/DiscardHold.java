package org.hemowatch.domain;

import org.hemowatch.domain.rule.Rules;

import java.util.Locale;

/**
 * A discard that its sender cannot sign. Discarding a unit is a decision that needs a person's
 * electronic signature (21 CFR Part 11 §11.50, §11.200; docs/security.md); an API key, an MQTT
 * scanner and a serial scanner are not people. Their DISCARD scan therefore does not discard: it puts
 * the unit on hold, so it can no longer be issued or transfused, until a person completes the discard
 * (or releases the unit) with a signature from the quarantine queue.
 * <pre>
 * RECEIVED/AVAILABLE/QUARANTINED/ISSUED/EXPIRED --unsigned DISCARD--> QUARANTINED ("discard-pending-signature: reason")
 * QUARANTINED (pending) --signed DISCARD--> DISCARDED
 * QUARANTINED (pending) --signed RELEASE--> AVAILABLE (refused when expired)
 * </pre>
 * The hold is a QUARANTINE command whose reason starts with {@value #MARK}; it is decided like a
 * discard (the unit must not be final, its label must match, a special message does not stop it),
 * keeps the unit's location and destination, and the expiry timer leaves a pending unit alone, so
 * the request stays in the queue until someone signs.
 */
public final class DiscardHold {

    /** The reason's first word and the rule the answer to the scan names. */
    public static final String MARK = Rules.DISCARD_PENDING_SIGNATURE;

    private DiscardHold() {
    }

    /** The hold that stands in for {@code discard}: a QUARANTINE with the discard's reason after the mark. */
    public static UnitCommand of(UnitCommand discard) {
        if (discard.action() != UnitAction.DISCARD) {
            throw new IllegalArgumentException("a hold stands in for a DISCARD, not a " + discard.action());
        }
        String stated = discard.reason() == null || discard.reason().isBlank() ? null : discard.reason().strip();
        return new UnitCommand(UnitAction.QUARANTINE, discard.key(), discard.label(), discard.site(), discard.location(),
                discard.destination(), discard.actor(), discard.source(), stated == null ? MARK : MARK + ": " + stated,
                discard.at(), discard.keyId(), discard.keyName(), null);
    }

    /** True when {@code cmd} is such a hold. */
    public static boolean requested(UnitCommand cmd) {
        return cmd.action() == UnitAction.QUARANTINE && marked(cmd.reason());
    }

    /** True when {@code unit} is held, waiting for a signed discard. */
    public static boolean pending(BloodUnit unit) {
        return unit.status() == UnitStatus.QUARANTINED && marked(unit.statusReason());
    }

    /** The unit on hold, from any status that is not final (the lifecycle has refused final units before). */
    static BloodUnit held(BloodUnit current, UnitCommand hold) {
        return current.with(UnitStatus.QUARANTINED, current.location(), current.destination(), hold.reason(), current.site(), hold.at());
    }

    /** What the answer to the scan says: the unit is held, and where it is completed. */
    public static String message(BloodUnit unit) {
        return "unit " + unit.key() + " was not discarded: only a person can sign a discard, so it is held ("
                + unit.status().name().toLowerCase(Locale.ROOT) + ") and waits in the quarantine queue for a signed discard or release";
    }

    private static boolean marked(String reason) {
        return reason != null && (reason.equals(MARK) || reason.startsWith(MARK + ":"));
    }
}
