package org.hemowatch.ingest.serial;

import org.hemowatch.domain.UnitAction;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The {@code serial} section of the service config: the ports to supervise. Entries are kept
 * as written and turned into {@link SerialPortConfig}s with the default site filled in, which
 * validates them (every problem names its key).
 */
public record SerialConfig(List<Port> ports) {

    public SerialConfig {
        ports = ports == null ? List.of() : List.copyOf(ports);
    }

    /** One port as written in YAML; {@code site} defaults to the service's default site. */
    public record Port(String path, SerialPortConfig.Kind kind, Integer baud, Map<String, String> devices,
                       String scanner, UnitAction action, String location, String site, Duration quietTime) {

        public SerialPortConfig toPortConfig(String defaultSite) {
            return new SerialPortConfig(path, kind, baud == null ? 0 : baud, devices, scanner, action, location,
                    site == null ? defaultSite : site, quietTime);
        }
    }

    /** Validated port configs; throws IllegalArgumentException naming the bad key. */
    public List<SerialPortConfig> portConfigs(String defaultSite) {
        List<SerialPortConfig> out = ports.stream().map(p -> p.toPortConfig(defaultSite)).toList();
        long distinct = out.stream().map(SerialPortConfig::path).distinct().count();
        if (distinct != out.size()) {
            throw new IllegalArgumentException("serial.ports: the same path is configured twice");
        }
        return out;
    }
}
