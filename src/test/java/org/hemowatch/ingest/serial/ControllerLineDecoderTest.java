package org.hemowatch.ingest.serial;

import org.hemowatch.domain.rule.Rejection;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.hemowatch.domain.TemperatureReading.AgitatorState;
import org.hemowatch.domain.TemperatureReading.DoorState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Table-driven over firmware-protocols/vectors, the same files the C reference encoder is checked against. */
class ControllerLineDecoderTest {
    private final ControllerLineDecoder decoder = new ControllerLineDecoder();

    static Stream<Arguments> readings() {
        return Vectors.read(Vectors.FIRMWARE.resolve("controller-readings.txt")).stream().map(r -> Arguments.of((Object[]) r));
    }

    static Stream<Arguments> statuses() {
        return Vectors.read(Vectors.FIRMWARE.resolve("controller-status.txt")).stream().map(r -> Arguments.of((Object[]) r));
    }

    static Stream<Arguments> invalid() {
        return Vectors.read(Vectors.FIRMWARE.resolve("controller-invalid.txt")).stream().map(r -> Arguments.of((Object[]) r));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readings")
    void decodesValidReadingLine(String line, String addr, String seq, String probe, String temp, String door, String agitator) {
        ControllerLine decoded = decoder.decode(line);

        assertThat(decoded).isEqualTo(new ControllerReading(addr, Long.parseLong(seq), probe,
                Double.parseDouble(temp), door(door), agitator(agitator)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("statuses")
    void decodesValidStatusLine(String line, String addr, String seq, String code) {
        assertThat(decoder.decode(line)).isEqualTo(new ControllerStatus(addr, Long.parseLong(seq), code));
    }

    @ParameterizedTest(name = "{2}: {0}")
    @MethodSource("invalid")
    void rejectsInvalidLineWithItsRule(String line, String rule, String note) {
        ControllerLine decoded = decoder.decode(line);

        assertThat(decoded).isInstanceOf(ControllerLine.Rejected.class);
        assertThat(((ControllerLine.Rejected) decoded).rejection().rule()).isEqualTo(rule);
        assertThat(((ControllerLine.Rejected) decoded).rejection().message()).isNotBlank();
    }

    @Test
    void checksumIsXorOfBytesBetweenDollarAndStar() {
        // the worked example in serial-fridge.md
        assertThat(ControllerLineDecoder.checksumHex("HWT,1,42,air,4.2,C,1")).isEqualTo("5C");
        assertThat(ControllerLineDecoder.checksum("")).isZero();
    }

    @Test
    void acceptsNegativeZeroAsPrintedByPrintfAndStoresZero() {
        String body = "HWT,1,5,air,-0.0,C,-";
        ControllerLine decoded = decoder.decode("$" + body + "*" + ControllerLineDecoder.checksumHex(body));

        assertThat(decoded).isInstanceOf(ControllerReading.class);
        assertThat(Double.doubleToRawLongBits(((ControllerReading) decoded).tempC())).isEqualTo(Double.doubleToRawLongBits(0.0));
    }

    @Test
    void badChecksumMessageNamesBothValues() {
        Rejection e = ((ControllerLine.Rejected) decoder.decode("$HWT,1,42,air,4.2,C,1*00")).rejection();

        assertThat(e.message()).contains("00").contains("5C");
    }

    private static DoorState door(String s) {
        return switch (s) {
            case "O" -> DoorState.OPEN;
            case "C" -> DoorState.CLOSED;
            default -> DoorState.UNKNOWN;
        };
    }

    private static AgitatorState agitator(String s) {
        return switch (s) {
            case "1" -> AgitatorState.ON;
            case "0" -> AgitatorState.OFF;
            default -> AgitatorState.UNKNOWN;
        };
    }
}
