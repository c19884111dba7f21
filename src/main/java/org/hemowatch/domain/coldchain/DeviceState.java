package org.hemowatch.domain.coldchain;

/**
 * The thermal state of one storage device. Sensor liveness (online/offline), door and agitator
 * are tracked beside it, not as states, so that e.g. an offline sensor keeps its last known state.
 * See {@code docs/cold-chain.md} for the transition table.
 */
public enum DeviceState {
    /** No reading has been processed yet. */
    NO_DATA,
    /** Inside the alarm set points. */
    IN_RANGE,
    /** Beyond an alarm set point but inside the safe range. */
    WARNING,
    /** Outside the safe range, the excursion delay has not yet elapsed. */
    PENDING,
    /** Outside the safe range for longer than the delay, or beyond a hard limit: an excursion is open. */
    EXCURSION,
    /** Back inside the safe range after an excursion, waiting for the confirmation period; the excursion is still open. */
    RECOVERING;

    /** True while an {@link Excursion} is open (EXCURSION or RECOVERING). */
    public boolean excursionOpen() {
        return this == EXCURSION || this == RECOVERING;
    }
}
