package org.hemowatch.ingest.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.hemowatch.domain.UnitAction;
import org.junit.jupiter.api.Test;

class SerialPortConfigTest {

    @Test
    void appliesDefaultsForBaudAndQuietTime() {
        SerialPortConfig c = new SerialPortConfig("/dev/ttyUSB1", SerialPortConfig.Kind.SCANNER, 0, null,
                "recv-1", UnitAction.RECEIVE, "receiving", "site-a", null);

        assertThat(c.baud()).isEqualTo(9600);
        assertThat(c.quietTime()).isEqualTo(Duration.ofSeconds(3));
        assertThat(c.devices()).isEmpty();
    }

    @Test
    void parsesKindCaseInsensitively() {
        assertThat(SerialPortConfig.Kind.parse("fridge")).isEqualTo(SerialPortConfig.Kind.FRIDGE);
        assertThatThrownBy(() -> SerialPortConfig.Kind.parse("printer")).hasMessageContaining("kind");
    }

    @Test
    void reportsEveryProblemOfAFridgePortNamingItsKey() {
        Map<String, String> devices = new LinkedHashMap<>();
        devices.put("01", "fridge-1");
        devices.put("2", "fridge-1");
        devices.put("3", " ");

        assertThatThrownBy(() -> new SerialPortConfig("/dev/ttyUSB0", SerialPortConfig.Kind.FRIDGE, 1234, devices,
                "recv-1", null, null, "", null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("serial.ports[/dev/ttyUSB0].baud: 1234")
                .hasMessageContaining("serial.ports[/dev/ttyUSB0].site: required")
                .hasMessageContaining("devices: address \"01\"")
                .hasMessageContaining("devices: device id fridge-1 appears for more than one address")
                .hasMessageContaining("devices: address \"3\" has no device id")
                .hasMessageContaining("scanner: only for scanner ports");
    }

    @Test
    void fridgePortNeedsDevices() {
        assertThatThrownBy(() -> SerialPortConfig.fridge("/dev/ttyUSB0", 9600, Map.of(), "site-a"))
                .hasMessageContaining("serial.ports[/dev/ttyUSB0].devices:");
    }

    @Test
    void scannerPortNeedsScannerActionAndLocationAndAScanAction() {
        assertThatThrownBy(() -> SerialPortConfig.scanner("/dev/ttyUSB1", 9600, "", UnitAction.EXPIRE, null,
                "site-a", Duration.ZERO))
                .hasMessageContaining("scanner: required")
                .hasMessageContaining("action: EXPIRE is not a scan action")
                .hasMessageContaining("location: required")
                .hasMessageContaining("quietTime:");
    }

    @Test
    void missingPathAndKindAreNamed() {
        assertThatThrownBy(() -> new SerialPortConfig(null, null, 9600, null, null, null, null, "site-a", null))
                .hasMessageContaining("serial.ports[?].path: required")
                .hasMessageContaining("kind: required");
    }

    @Test
    void devicesMapIsCopied() {
        Map<String, String> devices = new LinkedHashMap<>(Map.of("1", "fridge-1"));
        SerialPortConfig c = SerialPortConfig.fridge("/dev/ttyUSB0", 9600, devices, "site-a");
        devices.put("2", "freezer-1");

        assertThat(c.devices()).containsOnlyKeys("1");
    }
}
