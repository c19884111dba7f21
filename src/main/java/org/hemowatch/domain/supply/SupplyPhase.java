package org.hemowatch.domain.supply;

/**
 * Supply phase of one stock line, after NHSBT's phases, from best to worst.
 * NBTC/NHSBT red cell and platelet shortage plans (hospital.blood.co.uk, "Blood stocks"); see
 * {@code docs/supply-and-alerts.md} for the default thresholds and their sources.
 */
public enum SupplyPhase {
    /** Normal circumstances: supply meets demand. */
    GREEN("Green"),
    /** Reduced availability for a short or prolonged period. */
    PRE_AMBER("Pre-Amber"),
    /** Reduced availability that impacts on clinical activity (NHSBT's usual trigger: under 2 days of red cells). */
    AMBER("Amber"),
    /** Severe, prolonged shortage that impacts on clinical activity. */
    RED("Red");

    private final String nhsbtName;

    SupplyPhase(String nhsbtName) {
        this.nhsbtName = nhsbtName;
    }

    /** The phase's name in the NBTC/NHSBT shortage plans. */
    public String nhsbtName() {
        return nhsbtName;
    }

    public boolean worseThan(SupplyPhase other) {
        return compareTo(other) > 0;
    }
}
