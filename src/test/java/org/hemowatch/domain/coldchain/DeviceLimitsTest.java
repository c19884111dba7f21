package org.hemowatch.domain.coldchain;

import org.hemowatch.domain.ComponentClass;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;

/** Which device changes are changes of its limits, and so need a person's signature. */
class DeviceLimitsTest {

    private final DeviceProfile stored = DeviceProfiles.defaults(DeviceKind.REFRIGERATOR, Region.EU_UK, "fridge-1", "main", "Issue fridge");

    @Test
    void aNewDeviceWithItsKindsDefaultsChangesNoLimitAnotherNameOrContentsNeither() {
        assertThat(DeviceLimits.changed(null, stored, Region.EU_UK)).isFalse();
        assertThat(DeviceLimits.changed(stored, stored.toBuilder().name("Blood bank fridge 1")
                .holds(EnumSet.of(ComponentClass.RED_CELLS)).build(), Region.EU_UK)).isFalse();
    }

    @Test
    void aNewDeviceWithOtherLimitsThanItsKindsDefaultsChangesThem() {
        assertThat(DeviceLimits.changed(null, stored.toBuilder().hysteresis(0.5).build(), Region.EU_UK)).isTrue();
        assertThat(DeviceLimits.changed(null, stored, Region.US)).as("the US refrigerator starts at 1 °C").isTrue();
    }

    @Test
    void everyTemperatureAndTimerIsALimit() {
        assertThat(DeviceLimits.changed(stored, stored.toBuilder().safeMax(5.0).alarmHigh(4.5).build(), Region.EU_UK)).isTrue();
        assertThat(DeviceLimits.changed(stored, stored.toBuilder().hardHigh(9.0).build(), Region.EU_UK)).isTrue();
        assertThat(DeviceLimits.changed(stored, stored.toBuilder().excursionDelay(Duration.ofMinutes(45)).build(), Region.EU_UK)).isTrue();
        assertThat(DeviceLimits.changed(stored, stored.toBuilder().doorOpenLimit(null).build(), Region.EU_UK)).isTrue();
        assertThat(DeviceLimits.changed(stored, stored.toBuilder().expectedInterval(Duration.ofMinutes(1)).build(), Region.EU_UK)).isTrue();
    }
}
