package org.hemowatch.domain.coldchain;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
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
        // the messages in the table name the US limits (1–6 °C fridge, −18 °C freezer)
        DeviceProfile.Builder b = DeviceProfiles.defaults(DeviceKind.parse(kind).orElseThrow(), Region.US)
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

    /** Both regions' default tables, row by row (the same rows as docs/cold-chain.md, "Region"). */
    @ParameterizedTest(name = "{0} {1}: safe {2}..{3}, alarm {4}/{5}, hard {6}/{7}")
    @CsvFileSource(resources = "/coldchain/region-defaults.csv", emptyValue = "")
    void defaultsFollowTheStorageRulesOfTheRegion(Region region, DeviceKind kind, Double safeMin, Double safeMax, Double alarmLow,
                                                  Double alarmHigh, Double hardLow, Double hardHigh, String holds, boolean agitated) {
        DeviceProfile p = DeviceProfiles.defaults(kind, region, "d", "s", "Device");
        assertThat(new Double[] {p.safeMin(), p.safeMax(), p.alarmLow(), p.alarmHigh(), p.hardLow(), p.hardHigh()})
                .containsExactly(safeMin, safeMax, alarmLow, alarmHigh, hardLow, hardHigh);
        assertThat(p.holds().stream().map(ComponentClass::code).sorted().toList())
                .isEqualTo(holds == null || holds.isBlank() ? List.of() : java.util.Arrays.stream(holds.trim().split("\\s+")).sorted().toList());
        assertThat(p.agitationRequired()).isEqualTo(agitated);
    }

    @Test
    void theDefaultRegionIsEuUk() {
        assertThat(DeviceProfiles.defaults(DeviceKind.REFRIGERATOR, "f", "s", "F"))
                .isEqualTo(DeviceProfiles.defaults(DeviceKind.REFRIGERATOR, Region.EU_UK, "f", "s", "F"));
        DeviceProfile p = DeviceProfiles.defaults(DeviceKind.REFRIGERATOR, "f", "s", "F");
        assertThat(p.safe(1.9)).isFalse();
        assertThat(p.safe(2.0)).isTrue();
    }

    @Test
    void granulocytesAreNotKeptInAPlateletAgitator() {
        assertThat(DeviceProfiles.defaults(DeviceKind.PLATELET_AGITATOR, "a", "s", "A").holds()).doesNotContain(ComponentClass.GRANULOCYTES);
        DeviceProfile g = DeviceProfiles.defaults(DeviceKind.GRANULOCYTE_STORE, "g", "s", "G");
        assertThat(g.holds()).containsExactly(ComponentClass.GRANULOCYTES);
        assertThat(g.agitationRequired()).isFalse();
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
        DeviceProfile p = DeviceProfiles.defaults(DeviceKind.FREEZER, Region.US, "z", "s", "Freezer");
        assertThat(p.safeMin()).isNull();
        assertThat(p.safe(-80.0)).isTrue();
        assertThat(p.safe(-17.9)).isFalse();
    }

    @Test
    void freezerCanBeConfiguredForAnotherLimit() {
        DeviceProfile p = DeviceProfiles.freezer(-30.0).id("z").site("s").name("Freezer").build();
        assertThat(new Double[] {p.safeMax(), p.alarmHigh(), p.hardHigh()}).containsExactly(-30.0, -32.0, -27.0);
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
