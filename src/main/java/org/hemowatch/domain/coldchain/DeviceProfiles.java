package org.hemowatch.domain.coldchain;

import java.time.Duration;
import java.util.EnumSet;

import org.hemowatch.domain.ComponentClass;

/**
 * Default monitoring profiles per device kind and {@link Region} (see {@code docs/cold-chain.md} for the
 * tables and their sources). Sites override any value through the returned builder or the config.
 */
public final class DeviceProfiles {

    /** Default hysteresis for every kind, °C. */
    public static final double HYSTERESIS = 0.3;

    private DeviceProfiles() {
    }

    /** {@link #defaults(DeviceKind, Region)} of the default region, {@link Region#EU_UK}. */
    public static DeviceProfile.Builder defaults(DeviceKind kind) {
        return defaults(kind, Region.EU_UK);
    }

    /**
     * A builder pre-filled with the defaults of {@code kind} in {@code region}; id, site and name still have to be
     * set. Only the refrigerator, freezer and transport box differ by region (see {@code docs/cold-chain.md}).
     */
    public static DeviceProfile.Builder defaults(DeviceKind kind, Region region) {
        DeviceProfile.Builder b = new DeviceProfile.Builder().kind(kind).hysteresis(HYSTERESIS);
        boolean us = region == Region.US;
        return switch (kind) {
            // red cells: UK/EU 2–6 °C (Red Book 7.3, EDQM), US 1–6 °C (21 CFR 640.11); set points 0.5 °C inside;
            // freezing (0 °C) and 8 °C are immediate
            case REFRIGERATOR -> b.holds(EnumSet.of(ComponentClass.RED_CELLS, ComponentClass.WHOLE_BLOOD))
                    .safe(us ? 1.0 : 2.0, 6.0).alarm(us ? 1.5 : 2.5, 5.5).hard(0.0, 8.0)
                    .excursionDelay(Duration.ofMinutes(30)).recoveryConfirmation(Duration.ofMinutes(10))
                    .expectedInterval(Duration.ofMinutes(5)).doorOpenLimit(Duration.ofMinutes(3));
            // plasma and cryo: UK/EU −25 °C or colder (Red Book), US −18 °C or colder (21 CFR 640.34); warn 2 °C
            // colder, a freezer 3 °C warmer than its limit is failing
            case FREEZER -> freezer(b, us ? -18.0 : -25.0)
                    .excursionDelay(Duration.ofMinutes(30)).recoveryConfirmation(Duration.ofMinutes(10))
                    .expectedInterval(Duration.ofMinutes(5)).doorOpenLimit(Duration.ofMinutes(2));
            // platelets 20–24 °C with continuous agitation
            case PLATELET_AGITATOR -> b.holds(EnumSet.of(ComponentClass.PLATELETS))
                    .safe(20.0, 24.0).alarm(20.5, 23.5).hard(18.0, 26.0)
                    .excursionDelay(Duration.ofMinutes(30)).recoveryConfirmation(Duration.ofMinutes(10))
                    .expectedInterval(Duration.ofMinutes(5)).doorOpenLimit(Duration.ofMinutes(5))
                    .agitationRequired(true).agitationStopLimit(Duration.ofMinutes(10));
            // granulocytes 20–24 °C, NOT agitated, used within 24 h (Red Book 7.x; 21 CFR 640.24(d) for the US)
            case GRANULOCYTE_STORE -> b.holds(EnumSet.of(ComponentClass.GRANULOCYTES))
                    .safe(20.0, 24.0).alarm(20.5, 23.5).hard(18.0, 26.0)
                    .excursionDelay(Duration.ofMinutes(30)).recoveryConfirmation(Duration.ofMinutes(10))
                    .expectedInterval(Duration.ofMinutes(5)).doorOpenLimit(Duration.ofMinutes(5))
                    .agitationRequired(false);
            // a controlled room (issue room, lab bench): 15–25 °C, slow to change; holds nothing at its storage temperature
            case ROOM -> b.safe(15.0, 25.0).alarm(16.0, 24.0).hard(10.0, 30.0)
                    .excursionDelay(Duration.ofMinutes(60)).recoveryConfirmation(Duration.ofMinutes(15))
                    .expectedInterval(Duration.ofMinutes(5));
            // red-cell transport: UK/EU 2–10 °C, US 1–10 °C; no door, the lid is not supervised
            case TRANSPORT_BOX -> b.holds(EnumSet.of(ComponentClass.RED_CELLS, ComponentClass.WHOLE_BLOOD))
                    .safe(us ? 1.0 : 2.0, 10.0).alarm(us ? 2.0 : 3.0, 9.0).hard(0.0, 12.0)
                    .excursionDelay(Duration.ofMinutes(30)).recoveryConfirmation(Duration.ofMinutes(10))
                    .expectedInterval(Duration.ofMinutes(5));
        };
    }

    /** The defaults of {@code kind} (region {@link Region#EU_UK}) with the given identity, validated. */
    public static DeviceProfile defaults(DeviceKind kind, String id, String site, String name) {
        return defaults(kind).id(id).site(site).name(name).build();
    }

    /** The defaults of {@code kind} in {@code region} with the given identity, validated. */
    public static DeviceProfile defaults(DeviceKind kind, Region region, String id, String site, String name) {
        return defaults(kind, region).id(id).site(site).name(name).build();
    }

    /**
     * Freezer defaults for another limit than the region's (e.g. −30 °C):
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
