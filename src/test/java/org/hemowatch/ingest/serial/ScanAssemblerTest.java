package org.hemowatch.ingest.serial;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ScanAssemblerTest {
    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");

    static Stream<Arguments> cases() {
        return Vectors.read(Vectors.RESOURCES.resolve("scan-assembly.txt")).stream().map(r -> Arguments.of((Object[]) r));
    }

    static Stream<Arguments> dins() {
        return Vectors.read(Vectors.RESOURCES.resolve("din-detection.txt")).stream().map(r -> Arguments.of((Object[]) r));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void assemblesReadsIntoScans(String name, String quietMs, String events, String expected) {
        ScanAssembler assembler = new ScanAssembler(Duration.ofMillis(Long.parseLong(quietMs)));
        List<String> closed = new ArrayList<>();
        for (String event : events.split(";")) {
            Optional<AssembledScan> out;
            if (event.equals("flush")) {
                out = assembler.flush();
            } else if (event.startsWith("tick ")) {
                out = assembler.tick(at(event.substring(5)));
            } else {
                int sp = event.indexOf(' ');
                out = assembler.accept(event.substring(sp + 1), at(event.substring(0, sp)));
            }
            out.ifPresent(s -> closed.add(describe(s)));
        }

        assertThat(closed).isEqualTo(expected.isEmpty() ? List.of() : List.of(expected.split(";")));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource("dins")
    void recognisesDinReads(String read, String isDin) {
        assertThat(ScanAssembler.isDin(read)).isEqualTo(Boolean.parseBoolean(isDin));
    }

    @Test
    void closesAtFollowsLastReadAndClearsAfterClose() {
        ScanAssembler assembler = new ScanAssembler(Duration.ofSeconds(3));
        assertThat(assembler.closesAt()).isEmpty();

        assembler.accept("=A99992112345663", T0);
        assembler.accept("=%5100", T0.plusSeconds(1));

        assertThat(assembler.closesAt()).contains(T0.plusSeconds(4));
        assembler.tick(T0.plusSeconds(4));
        assertThat(assembler.closesAt()).isEmpty();
    }

    @Test
    void countsDoubleReads() {
        ScanAssembler assembler = new ScanAssembler(Duration.ofSeconds(3));
        assembler.accept("=A99992112345663", T0);
        assembler.accept("=A99992112345663", T0.plusMillis(50));

        assertThat(assembler.doubleReads()).isEqualTo(1);
    }

    private static Instant at(String ms) {
        return T0.plusMillis(Long.parseLong(ms.trim()));
    }

    private static String describe(AssembledScan s) {
        return String.join(",", s.reads()) + "@" + (s.first().toEpochMilli() - T0.toEpochMilli())
                + "-" + (s.last().toEpochMilli() - T0.toEpochMilli());
    }
}
