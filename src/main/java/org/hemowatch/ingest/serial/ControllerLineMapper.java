package org.hemowatch.ingest.serial;

import org.hemowatch.domain.rule.Rejection;
import org.hemowatch.domain.rule.Rules;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.hemowatch.domain.DeviceStatusReport;
import org.hemowatch.domain.TemperatureReading;

/**
 * Ties decoded controller lines to configured devices: {@code addr} is looked up in the port's
 * {@code devices} map ({@code "1" -> fridge-1}); an address not in the map is rejected as
 * {@code unknown-address}. Controllers send no clock, so the arrival time becomes the measurement time.
 */
public final class ControllerLineMapper {
    private final String site;
    private final Map<String, String> devicesByAddr;
    private final String source;

    /**
     * @param site          site the port belongs to
     * @param devicesByAddr controller address (canonical decimal, e.g. {@code "1"}) to device id
     * @param source        transport tag for the domain values, e.g. {@code serial:/dev/ttyUSB0}
     */
    public ControllerLineMapper(String site, Map<String, String> devicesByAddr, String source) {
        this.site = Objects.requireNonNull(site, "site");
        this.devicesByAddr = Map.copyOf(devicesByAddr);
        this.source = Objects.requireNonNull(source, "source");
    }

    /** Convenience: mapper for a port's configuration, source {@code serial:<path>}. */
    public static ControllerLineMapper forPort(SerialPortConfig config) {
        return new ControllerLineMapper(config.site(), config.devices(), "serial:" + config.path());
    }

    public MappedLine map(ControllerLine line, Instant arrival) {
        Objects.requireNonNull(arrival, "arrival");
        if (line instanceof ControllerReading r) {
            String device = devicesByAddr.get(r.addr());
            return device == null ? unknown(r.addr()) : new MappedLine.Reading(new TemperatureReading(
                    site, device, r.seq(), arrival, r.tempC(), r.probe(), r.door(), r.agitator(), source));
        }
        if (line instanceof ControllerStatus s) {
            String device = devicesByAddr.get(s.addr());
            return device == null ? unknown(s.addr())
                    : new MappedLine.Status(new DeviceStatusReport(site, device, s.seq(), arrival, s.code(), source));
        }
        return new MappedLine.Rejected(((ControllerLine.Rejected) line).rejection());
    }

    private MappedLine unknown(String addr) {
        return new MappedLine.Rejected(Rejection.invalid(Rules.UNKNOWN_ADDRESS, "controller address " + addr + " is not in this port's devices map " + devicesByAddr.keySet()));
    }
}
