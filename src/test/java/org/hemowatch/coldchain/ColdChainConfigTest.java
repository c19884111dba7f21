package org.hemowatch.coldchain;

import org.hemowatch.domain.ComponentClass;
import org.hemowatch.domain.coldchain.DeviceKind;
import org.hemowatch.domain.coldchain.DeviceProfile;
import org.hemowatch.domain.coldchain.Region;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ColdChainConfigTest {

    private static DeviceConfig fridge(String id, Double safeMin, String delay) {
        return new DeviceConfig(id, null, null, "refrigerator", List.of("RBC"), safeMin, null, null, null, null, null, null,
                delay, null, "PT1M", null, null, null);
    }

    @Test
    void defaultsRejectUnknownDevicesRefuseWrongDevicesAndKeepReadingsFor400Days() {
        ColdChainConfig c = ColdChainConfig.defaults();

        assertThat(c.registerUnknown()).isFalse();
        assertThat(c.warnOnWrongDevice()).isFalse();
        assertThat(c.tickInterval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.outOfStorage()).isEqualTo(Duration.ofMinutes(30));
        assertThat(c.retention()).isEqualTo(Duration.ofDays(400));
    }

    @Test
    void deviceOverridesTheDefaultsOfItsKind() {
        DeviceProfile p = fridge("fridge-1", 1.2, "PT20M").toProfile("main", Region.EU_UK);

        assertThat(p.kind()).isEqualTo(DeviceKind.REFRIGERATOR);
        assertThat(p.site()).isEqualTo("main");
        assertThat(p.holds()).containsExactly(ComponentClass.RED_CELLS);
        assertThat(p.safeMin()).isEqualTo(1.2);
        assertThat(p.safeMax()).isEqualTo(6.0);
        assertThat(p.excursionDelay()).isEqualTo(Duration.ofMinutes(20));
        assertThat(p.expectedInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(DeviceConfig.of(p).toProfile("other", Region.EU_UK)).isEqualTo(p);
    }

    @Test
    void namesTheDeviceAndFieldOfAnInvalidDevice() {
        assertThatThrownBy(() -> new ColdChainConfig(List.of(fridge("f1", 7.0, null)), null, null, null, null, null, null, null))
                .hasMessageContaining("coldChain.devices[0]").hasMessageContaining("safeMin 7.0 must be below safeMax 6.0");
        assertThatThrownBy(() -> new ColdChainConfig(List.of(fridge("f1", null, "30 minutes")), null, null, null, null, null, null, null))
                .hasMessageContaining("coldChain.devices[0]").hasMessageContaining("excursionDelay must be an ISO-8601 duration");
        assertThatThrownBy(() -> new ColdChainConfig(List.of(fridge("f1", null, null), fridge("f1", null, null)), null, null, null, null, null, null, null))
                .hasMessageContaining("declared twice");
        assertThatThrownBy(() -> new ColdChainConfig(null, "accept", null, null, null, null, null, null))
                .hasMessageContaining("coldChain.unknownDevices must be one of [reject, register]");
        assertThatThrownBy(() -> new ColdChainConfig(null, null, null, null, null, "P1Y", null, null))
                .hasMessageContaining("coldChain.readingRetention");
    }

    @Test
    void theRegionSettingChoosesTheDefaultsOfEveryDeviceAndIsValidated() {
        ColdChainConfig eu = new ColdChainConfig(List.of(fridge("f1", null, null)), null, null, null, null, null, null, null);
        ColdChainConfig us = eu.withRegion("us");

        assertThat(eu.regionRules()).isEqualTo(Region.EU_UK);
        assertThat(us.regionRules()).isEqualTo(Region.US);
        assertThat(fridge("f1", null, null).toProfile("main", eu.regionRules()).safeMin()).isEqualTo(2.0);
        assertThat(fridge("f1", null, null).toProfile("main", us.regionRules()).safeMin()).isEqualTo(1.0);
        assertThatThrownBy(() -> eu.withRegion("EU")).hasMessageContaining("region must be EU_UK or US");
    }
}
