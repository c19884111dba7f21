package org.hemowatch.domain.coldchain;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

import org.hemowatch.domain.ComponentClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeviceProfileTest {

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvFileSource(resources = "/coldchain/profile-invalid.csv", delimiter = '|', emptyValue = "")
    void rejectsInvalidProfileNamingTheField(String kind, String overrides, String message) {
        DeviceProfile.Builder b = DeviceProfiles.defaults(DeviceKind.parse(kind).orElseThrow())
                .id("dev-1").site("site-a").name("Device");
        for (String o : overrides.trim().split("\\s+")) {
            String[] kv = o.split("=", 2);
            Scripts.override(b, kv[0], kv[1]);
        }
        assertThatThrownBy(b::build).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @ParameterizedTest
    @EnumSource(DeviceKind.class)
    void defaultsOfEveryKindAreValid(DeviceKind kind) {
        DeviceProfile p = DeviceProfiles.defaults(kind, "dev-1", "site-a", "Device");
        assertThat(p.kind()).isEqualTo(kind);
        assertThat(p.hysteresis()).isEqualTo(DeviceProfiles.HYSTERESIS);
        assertThat(p.offlineAfter()).isEqualTo(p.expectedInterval().multipliedBy(3));
    }

    @Test
    void refrigeratorDefaultsFollowTheRedCellRange() {
        DeviceProfile p = DeviceProfiles.defaults(DeviceKind.REFRIGERATOR, "f", "s", "Fridge");
        assertThat(new Double[] {p.safeMin(), p.safeMax(), p.alarmLow(), p.alarmHigh(), p.hardLow(), p.hardHigh()})
                .containsExactly(1.0, 6.0, 1.5, 5.5, 0.0, 8.0);
        assertThat(p.excursionDelay()).isEqualTo(Duration.ofMinutes(30));
        assertThat(p.holds()).containsExactlyInAnyOrder(ComponentClass.RED_CELLS, ComponentClass.WHOLE_BLOOD);
        assertThat(p.agitationRequired()).isFalse();
    }

    @Test
    void ukSiteCanNarrowTheFridgeToTwoToSixDegrees() {
        DeviceProfile p = DeviceProfiles.defaults(DeviceKind.REFRIGERATOR).id("f").site("uk").name("Fridge")
                .safeMin(2.0).alarmLow(2.5).hardLow(0.0).build();
        assertThat(p.safe(1.9)).isFalse();
        assertThat(p.safe(2.0)).isTrue();
    }

    @Test
    void plateletDefaultsRequireAgitation() {
        DeviceProfile p = DeviceProfiles.defaults(DeviceKind.PLATELET_AGITATOR, "a", "s", "Agitator");
        assertThat(p.agitationRequired()).isTrue();
        assertThat(p.agitationStopLimit()).isPositive();
        assertThat(new Double[] {p.safeMin(), p.safeMax(), p.alarmLow(), p.alarmHigh()}).containsExactly(20.0, 24.0, 20.5, 23.5);
        assertThat(p.holds()).contains(ComponentClass.PLATELETS);
    }

    @Test
    void plasmaFreezerHasOnlyAnUpperLimit() {
        DeviceProfile p = DeviceProfiles.defaults(DeviceKind.FREEZER, "z", "s", "Freezer");
        assertThat(p.safeMin()).isNull();
        assertThat(new Double[] {p.safeMax(), p.alarmHigh(), p.hardHigh()}).containsExactly(-18.0, -20.0, -15.0);
        assertThat(p.safe(-80.0)).isTrue();
        assertThat(p.safe(-17.9)).isFalse();
    }

    @Test
    void freezerCanBeConfiguredForMinus25() {
        DeviceProfile p = DeviceProfiles.freezer(-25.0).id("z").site("s").name("Freezer").build();
        assertThat(new Double[] {p.safeMax(), p.alarmHigh(), p.hardHigh()}).containsExactly(-25.0, -27.0, -22.0);
        assertThat(p.holds()).containsExactlyInAnyOrder(ComponentClass.PLASMA, ComponentClass.CRYO);
    }

    @Test
    void toBuilderReproducesTheProfile() {
        DeviceProfile p = DeviceProfiles.defaults(DeviceKind.PLATELET_AGITATOR, "a", "s", "Agitator");
        assertThat(p.toBuilder().build()).isEqualTo(p);
    }

    @Test
    void holdsIsCopiedAndImmutable() {
        Set<ComponentClass> holds = EnumSet.of(ComponentClass.RED_CELLS);
        DeviceProfile p = DeviceProfiles.defaults(DeviceKind.REFRIGERATOR).id("f").site("s").name("F").holds(holds).build();
        holds.add(ComponentClass.PLASMA);
        assertThat(p.holds()).containsExactly(ComponentClass.RED_CELLS);
        assertThatThrownBy(() -> p.holds().add(ComponentClass.PLASMA)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void reportsEveryProblemAtOnce() {
        DeviceProfile.Builder b = DeviceProfiles.defaults(DeviceKind.REFRIGERATOR).id("f").site("s").name("F")
                .alarmHigh(7.0).expectedInterval(Duration.ZERO);
        assertThatThrownBy(b::build).hasMessageContaining("alarmHigh").hasMessageContaining("expectedInterval");
    }

    @ParameterizedTest
    @CsvSource({
            "platelet_agitator, PLATELET_AGITATOR",
            "PLATELET_AGITATOR, PLATELET_AGITATOR",
            "' transport-box ', TRANSPORT_BOX",
            "refrigerator, REFRIGERATOR",
            "Freezer, FREEZER",
            "room, ROOM"})
    void parsesDeviceKind(String text, DeviceKind expected) {
        assertThat(DeviceKind.parse(text)).contains(expected);
        assertThat(DeviceKind.parse(expected.code())).contains(expected);
    }

    @ParameterizedTest
    @CsvSource(value = {"fridge", "''", "NULL"}, nullValues = "NULL")
    void rejectsUnknownDeviceKind(String text) {
        assertThat(DeviceKind.parse(text)).isEmpty();
    }
}
