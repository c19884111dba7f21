package org.hemowatch.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * What a scan of a unit already known does when its label carries a special message instead of
 * the blood group (ST-001 Table 5; {@link SpecialMessage}). Never ignored:
 * <ul>
 *   <li>ISSUE and TRANSFUSE are refused ({@value #RULE}); nothing changes, the unit keeps its status;</li>
 *   <li>{@code 00} (no ABO/RhD information) on a unit received with a group refuses every scan but DISCARD:
 *       the label contradicts the unit as stored;</li>
 *   <li>any other scan (RECEIVE, STORE, MOVE, RETURN) is applied, and the unit is quarantined in the same
 *       write (a second event, QUARANTINE by {@code system}, reason naming the message) until a person
 *       releases or discards it;</li>
 *   <li>DISCARD is applied as it is (that is what the message asks for, at worst).</li>
 * </ul>
 * A unit that is not known yet is never booked in from such a label (rule {@code blood-group-special-message}).
 */
public final class SpecialMessages {

    /** Rule name of a scan refused because of the label's special message. */
    public static final String RULE = "special-message";

    private SpecialMessages() {
    }

    /** The refusal of {@code cmd} on {@code current}, or null when the command may go ahead. */
    static Decision.Refused refusal(BloodUnit current, UnitCommand cmd) {
        SpecialMessage m = cmd.label().special();
        if (m == null || cmd.action() == UnitAction.DISCARD || DiscardHold.requested(cmd)) {
            return null;
        }
        if (cmd.action() == UnitAction.ISSUE || cmd.action() == UnitAction.TRANSFUSE) {
            return Decision.conflict(RULE, "the label of unit " + current.key()
                    + " carries the special message " + describe(m) + ": it must not be " + past(cmd.action())
                    + "; quarantine or discard it");
        }
        if (m.hold() == SpecialMessage.Hold.REFUSE) {
            return Decision.conflict(RULE, "the label of unit " + current.key()
                    + " carries " + describe(m) + " but the unit was received as " + current.group() + "; check the label");
        }
        return null;
    }

    /** {@code decided} with the unit quarantined when the label's message asks for it. */
    static Decision hold(UnitCommand cmd, Decision decided) {
        SpecialMessage m = cmd.label().special();
        if (m == null || cmd.action() == UnitAction.DISCARD || !(decided instanceof Decision.Accepted a)) {
            return decided;
        }
        BloodUnit u = a.unit();
        if (u.status() != UnitStatus.AVAILABLE && u.status() != UnitStatus.RECEIVED) {
            return decided;
        }
        UnitCommand q = new UnitCommand(UnitAction.QUARANTINE, u.key(), null, u.site(), null, null, "system",
                cmd.source(), "label special message " + describe(m), cmd.at());
        if (!(UnitLifecycle.decide(u, q) instanceof Decision.Accepted qa)) {
            return decided;
        }
        List<UnitEvent> events = new ArrayList<>(a.events());
        events.addAll(qa.events());
        return new Decision.Accepted(qa.unit(), events);
    }

    /** {@code =%Mx (not-for-transfusion)}. */
    public static String describe(SpecialMessage m) {
        return "=%" + m.code() + " (" + m.slug() + ")";
    }

    private static String past(UnitAction a) {
        return a == UnitAction.ISSUE ? "issued" : "transfused";
    }
}
