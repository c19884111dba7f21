package org.hemowatch.ingest.serial;

import org.hemowatch.domain.rule.Rules;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.hemowatch.domain.DeviceStatusReport;
import org.hemowatch.domain.TemperatureReading;
import org.hemowatch.domain.TemperatureReading.AgitatorState;
import org.hemowatch.domain.TemperatureReading.DoorState;
import org.junit.jupiter.api.Test;

class ControllerStreamTest {
    private static final Instant T = Instant.parse("2026-03-01T08:00:00Z");
    private static final SerialPortConfig PORT = SerialPortConfig.fridge("/dev/ttyUSB0", 9600,
            Map.of("1", "fridge-1", "2", "freezer-1"), "site-a");

    @Test
    void turnsBytesIntoDomainReadingsAndStatusReportsOfTheConfiguredDevices() {
        ControllerStream stream = ControllerStream.forPort(PORT);

        List<MappedLine> out = stream.feed(Vectors.unescape(
                "\\x00noise$HWT,1,42,air,4.2,C,1*5C\r\n$HWS,2,44,COMP_FAULT*56\r\n"), T);

        assertThat(out).containsExactly(
                new MappedLine.Reading(new TemperatureReading("site-a", "fridge-1", 42, T, 4.2, "air",
                        DoorState.CLOSED, AgitatorState.ON, "serial:/dev/ttyUSB0")),
                new MappedLine.Status(new DeviceStatusReport("site-a", "freezer-1", 44, T, "COMP_FAULT",
                        "serial:/dev/ttyUSB0")));
        assertThat(stream.skippedNoiseBytes()).isEqualTo(6);
    }

    @Test
    void rejectsAddressMissingFromTheDevicesMap() {
        ControllerStream stream = ControllerStream.forPort(PORT);

        List<MappedLine> out = stream.feed(Vectors.unescape("$HWT,255,12,product,-0.5,O,-*75\r\n"), T);

        assertThat(out).singleElement().isInstanceOfSatisfying(MappedLine.Rejected.class, r -> {
            assertThat(r.error().rule()).isEqualTo(Rules.UNKNOWN_ADDRESS);
            assertThat(r.error().message()).contains("255");
        });
    }

    @Test
    void reportsFramingAndDecodingErrorsInStreamOrder() {
        ControllerStream stream = ControllerStream.forPort(PORT);

        List<MappedLine> out = stream.feed(Vectors.unescape(
                "$HWT,1,42,air,4.2,C,1*00\r\n$HWT,1,4$HWS,1,4,PWR_OK*6B\r\n"), T);

        assertThat(out).extracting(m -> m instanceof MappedLine.Rejected r ? r.error().rule() : "ok")
                .containsExactly("bad-checksum", "missing-terminator", "ok");
    }

    @Test
    void resetDropsThePartialLineOfALostPort() {
        ControllerStream stream = ControllerStream.forPort(PORT);
        stream.feed(Vectors.unescape("$HWT,1,42,a"), T);

        assertThat(stream.reset(T)).singleElement().isInstanceOfSatisfying(MappedLine.Rejected.class,
                r -> assertThat(r.error().rule()).isEqualTo(Rules.MISSING_TERMINATOR));
        assertThat(stream.feed(Vectors.unescape("ir,4.2,C,1*5C\r\n"), T)).isEmpty();
    }
}
