package org.hemowatch.domain.coldchain;

/**
 * The limits of a device: every value of its {@link DeviceProfile} that decides when a reading, a
 * silence, a door or a stopped agitator becomes an alarm or an excursion (safe range, alarm set
 * points, hard limits, hysteresis, delays and intervals, agitation). Changing any of them is a
 * decision that needs a person's electronic signature (21 CFR Part 11 §11.50; docs/security.md).
 * Not limits: the id, site, name and kind, and which component classes the device holds.
 */
public final class DeviceLimits {

    private DeviceLimits() {
    }

    /**
     * True when {@code next} has other limits than {@code stored}, or, for a device not registered yet
     * ({@code stored} null), than the defaults of its kind in {@code region}.
     */
    public static boolean changed(DeviceProfile stored, DeviceProfile next, Region region) {
        DeviceProfile before = stored != null ? stored : DeviceProfiles.defaults(next.kind(), region, next.id(), next.site(), next.name());
        // the limits of before with everything else of next: what still differs is a limit
        DeviceProfile sameLimits = before.toBuilder().id(next.id()).site(next.site()).name(next.name()).kind(next.kind())
                .holds(next.holds()).build();
        return !sameLimits.equals(next);
    }
}
