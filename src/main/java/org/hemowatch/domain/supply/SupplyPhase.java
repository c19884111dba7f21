package org.hemowatch.domain.supply;

/**
 * Supply phase of one stock line, after NHSBT's phases, from best to worst.
 * {@link #PRE_AMBER} only appears when a site configures a pre-amber threshold.
 */
public enum SupplyPhase {
    GREEN, PRE_AMBER, AMBER, RED;

    public boolean worseThan(SupplyPhase other) {
        return compareTo(other) > 0;
    }
}
