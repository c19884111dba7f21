package org.hemowatch.domain.coldchain;

import java.time.Duration;
import java.util.EnumSet;

import org.hemowatch.domain.ComponentClass;

/**
 * Default monitoring profiles per device kind, from common blood-bank practice (see
 * {@code docs/cold-chain.md} for the table and the reasons). Sites override any value through
 * the returned builder, e.g. {@code defaults(REFRIGERATOR).safeMin(2.0)} for a UK/EU 2–6 °C fridge.
 */
public final class DeviceProfiles {

    /** Default hysteresis for every kind, °C. */
    public static final double HYSTERESIS = 0.3;

    private DeviceProfiles() {
    }

    /** A builder pre-filled with the defaults of {@code kind}; id, site and name still have to be set. */
    public static DeviceProfile.Builder defaults(DeviceKind kind) {
        DeviceProfile.Builder b = new DeviceProfile.Builder().kind(kind).hysteresis(HYSTERESIS);
        return switch (kind) {
            // US 21 CFR 640.11: 1–6 °C; set points 0.5 °C inside; freezing (0 °C) and 8 °C are immediate
            case REFRIGERATOR -> b.holds(EnumSet.of(ComponentClass.RED_CELLS, ComponentClass.WHOLE_BLOOD))
                    .safe(1.0, 6.0).alarm(1.5, 5.5).hard(0.0, 8.0)
                    .excursionDelay(Duration.ofMinutes(30)).recoveryConfirmation(Duration.ofMinutes(10))
                    .expectedInterval(Duration.ofMinutes(5)).doorOpenLimit(Duration.ofMinutes(3));
            // plasma and cryo ≤ −18 °C; warn at −20, a freezer at −15 is failing
            case FREEZER -> freezer(b, -18.0)
                    .excursionDelay(Duration.ofMinutes(30)).recoveryConfirmation(Duration.ofMinutes(10))
                    .expectedInterval(Duration.ofMinutes(5)).doorOpenLimit(Duration.ofMinutes(2));
            // platelets 20–24 °C with continuous agitation
            case PLATELET_AGITATOR -> b.holds(EnumSet.of(ComponentClass.PLATELETS, ComponentClass.GRANULOCYTES))
                    .safe(20.0, 24.0).alarm(20.5, 23.5).hard(18.0, 26.0)
                    .excursionDelay(Duration.ofMinutes(30)).recoveryConfirmation(Duration.ofMinutes(10))
                    .expectedInterval(Duration.ofMinutes(5)).doorOpenLimit(Duration.ofMinutes(5))
                    .agitationRequired(true).agitationStopLimit(Duration.ofMinutes(10));
            // a controlled room (issue room, lab bench): 15–25 °C, slow to change
            case ROOM -> b.safe(15.0, 25.0).alarm(16.0, 24.0).hard(10.0, 30.0)
                    .excursionDelay(Duration.ofMinutes(60)).recoveryConfirmation(Duration.ofMinutes(15))
                    .expectedInterval(Duration.ofMinutes(5));
            // red-cell transport 1–10 °C; no door, the lid is not supervised
            case TRANSPORT_BOX -> b.holds(EnumSet.of(ComponentClass.RED_CELLS, ComponentClass.WHOLE_BLOOD))
                    .safe(1.0, 10.0).alarm(2.0, 9.0).hard(0.0, 12.0)
                    .excursionDelay(Duration.ofMinutes(30)).recoveryConfirmation(Duration.ofMinutes(10))
                    .expectedInterval(Duration.ofMinutes(5));
        };
    }

    /** The defaults of {@code kind} with the given identity, validated. */
    public static DeviceProfile defaults(DeviceKind kind, String id, String site, String name) {
        return defaults(kind).id(id).site(site).name(name).build();
    }

    /**
     * Freezer defaults for a site limit other than −18 °C (many sites store plasma at ≤ −25 °C):
     * alarm set point 2 °C colder than {@code safeMax}, hard limit 3 °C warmer.
     */
    public static DeviceProfile.Builder freezer(double safeMax) {
        return freezer(defaults(DeviceKind.FREEZER), safeMax);
    }

    private static DeviceProfile.Builder freezer(DeviceProfile.Builder b, double safeMax) {
        return b.holds(EnumSet.of(ComponentClass.PLASMA, ComponentClass.CRYO))
                .safe(null, safeMax).alarm(null, safeMax - 2.0).hard(null, safeMax + 3.0);
    }
}
