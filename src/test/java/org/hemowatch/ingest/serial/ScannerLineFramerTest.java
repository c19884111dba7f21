package org.hemowatch.ingest.serial;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ScannerLineFramerTest {

    static Stream<Arguments> cases() {
        return Vectors.read(Vectors.RESOURCES.resolve("scanner-framing.txt")).stream().map(r -> Arguments.of((Object[]) r));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void framesWholeInput(String name, String input, String expected, String max) {
        ScannerLineFramer framer = new ScannerLineFramer(Integer.parseInt(max));

        assertThat(describe(framer.feed(Vectors.unescape(input)))).isEqualTo(Vectors.outcomes(expected));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void framesInputSplitAcrossTwoReadsAtEveryBytePosition(String name, String input, String expected, String max) {
        byte[] bytes = Vectors.unescape(input);
        for (int cut = 0; cut <= bytes.length; cut++) {
            ScannerLineFramer framer = new ScannerLineFramer(Integer.parseInt(max));
            List<String> out = new ArrayList<>(describe(framer.feed(Arrays.copyOfRange(bytes, 0, cut))));
            out.addAll(describe(framer.feed(Arrays.copyOfRange(bytes, cut, bytes.length))));

            assertThat(out).as("split at %d", cut).isEqualTo(Vectors.outcomes(expected));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void framesInputFedOneByteAtATime(String name, String input, String expected, String max) {
        byte[] bytes = Vectors.unescape(input);
        ScannerLineFramer framer = new ScannerLineFramer(Integer.parseInt(max));
        List<String> out = new ArrayList<>();
        for (int i = 0; i < bytes.length; i++) {
            out.addAll(describe(framer.feed(bytes, i, 1)));
        }

        assertThat(out).isEqualTo(Vectors.outcomes(expected));
    }

    @Test
    void resetReportsPartialRead() {
        ScannerLineFramer framer = new ScannerLineFramer();
        framer.feed(Vectors.unescape("=A9999"));

        assertThat(describe(framer.reset())).containsExactly("E:missing-terminator");
        assertThat(describe(framer.feed(Vectors.unescape("=%5100\r")))).containsExactly("F:=%5100");
    }

    private static List<String> describe(List<FrameEvent> events) {
        return events.stream().map(Vectors::describe).toList();
    }
}
