package org.hemowatch.domain.supply;

import java.util.EnumMap;
import java.util.Map;

import org.hemowatch.domain.ComponentClass;

/**
 * Days-of-supply limits of the phases of one component class. A value is compared with
 * {@code red}, then {@code amber}, then {@code preAmber}; the first limit it is below (or at,
 * when {@code inclusive}) gives the phase, otherwise {@link SupplyPhase#GREEN}.
 * {@code preAmber == amber} disables the pre-amber phase. No demand counts as GREEN.
 */
public record PhaseThresholds(double red, double amber, double preAmber, boolean inclusive) {

    public PhaseThresholds {
        if (!(red >= 0) || Double.isInfinite(red)) {
            throw new IllegalArgumentException("red must be a finite number >= 0 but was " + red);
        }
        if (!(amber >= red) || Double.isInfinite(amber)) {
            throw new IllegalArgumentException("amber must be finite and >= red (" + red + ") but was " + amber);
        }
        if (!(preAmber >= amber) || Double.isInfinite(preAmber)) {
            throw new IllegalArgumentException("preAmber must be finite and >= amber (" + amber + ") but was " + preAmber);
        }
    }

    /** RED below {@code red} days, AMBER below {@code amber} days, no pre-amber. */
    public static PhaseThresholds below(double red, double amber) {
        return new PhaseThresholds(red, amber, amber, false);
    }

    /** RED at or below {@code red} days, AMBER at or below {@code amber} days, no pre-amber. */
    public static PhaseThresholds atOrBelow(double red, double amber) {
        return new PhaseThresholds(red, amber, amber, true);
    }

    public PhaseThresholds withPreAmber(double preAmberDays) {
        return new PhaseThresholds(red, amber, preAmberDays, inclusive);
    }

    /**
     * Defaults (sources, and which figures are local defaults, in {@code docs/supply-and-alerts.md}): red cells, whole
     * blood, plasma and cryo AMBER below 2 days (NHSBT's usual amber trigger, SNBTS's amber), RED below 1 day (SNBTS's
     * red), PRE_AMBER below 4 days (local default); platelets and granulocytes PRE_AMBER at or below 1 day (NHSBT's
     * minimum aim), AMBER at or below 0.5 day and RED at or below 0.25 day (local defaults).
     */
    public static PhaseThresholds defaults(ComponentClass component) {
        return switch (component) {
            case PLATELETS, GRANULOCYTES -> new PhaseThresholds(0.25, 0.5, 1.0, true);
            case RED_CELLS, WHOLE_BLOOD, PLASMA, CRYO -> new PhaseThresholds(1.0, 2.0, 4.0, false);
        };
    }

    /** {@link #defaults(ComponentClass)} for every component class. */
    public static Map<ComponentClass, PhaseThresholds> defaults() {
        Map<ComponentClass, PhaseThresholds> all = new EnumMap<>(ComponentClass.class);
        for (ComponentClass c : ComponentClass.values()) {
            all.put(c, defaults(c));
        }
        return all;
    }

    /** The phase of a days-of-supply value; {@code null} (no demand) is GREEN. */
    public SupplyPhase phaseOf(Double days) {
        if (days == null) {
            return SupplyPhase.GREEN;
        }
        if (hits(days, red)) {
            return SupplyPhase.RED;
        }
        if (hits(days, amber)) {
            return SupplyPhase.AMBER;
        }
        if (hits(days, preAmber)) {
            return SupplyPhase.PRE_AMBER;
        }
        return SupplyPhase.GREEN;
    }

    private boolean hits(double days, double limit) {
        return inclusive ? days <= limit : days < limit;
    }
}
