package org.hemowatch.domain;

/**
 * A scan of a known unit whose label contradicts the unit as stored (blood group, intended use, expiry) is
 * refused ({@value #RULE}): either the label or the record is wrong, and neither may be trusted until a
 * person checks. A special message in place of the group is judged by {@link SpecialMessages} instead.
 */
final class LabelMismatch {

    static final String RULE = "label-mismatch";

    private LabelMismatch() {
    }

    /** The refusal, or null when the label agrees with the unit (or says nothing about a fact). */
    static Decision.Refused of(BloodUnit current, UnitCommand.LabelFacts label) {
        if (label.group() != null && !label.group().equals(current.group())) {
            return Decision.conflict(RULE,
                    "label of unit " + current.key() + " says " + label.group() + " but the unit was received as " + current.group());
        }
        // a special message (=%Ma00 ...) is judged by SpecialMessages, not as another intended use
        if (label.special() == null && label.intendedUse() != null && current.intendedUse() != null
                && label.intendedUse() != current.intendedUse()) {
            return Decision.conflict(RULE, "label of unit " + current.key() + " says intended use "
                    + label.intendedUse() + " but the unit was received as " + current.intendedUse());
        }
        if (label.expires() != null && !label.expires().equals(current.expires())) {
            return Decision.conflict(RULE,
                    "label of unit " + current.key() + " says expiry " + label.expires() + " but the unit was received with " + current.expires());
        }
        if (label.collected() != null && current.collected() != null && !label.collected().equals(current.collected())) {
            return Decision.conflict(RULE, "label of unit " + current.key()
                    + " says collected " + label.collected() + " but the unit was received as collected " + current.collected());
        }
        return null;
    }

}
