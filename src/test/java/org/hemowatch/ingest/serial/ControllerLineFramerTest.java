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

class ControllerLineFramerTest {

    static Stream<Arguments> cases() {
        return Vectors.read(Vectors.RESOURCES.resolve("controller-framing.txt")).stream().map(r -> Arguments.of((Object[]) r));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void framesWholeInput(String name, String input, String expected, String noise) {
        ControllerLineFramer framer = new ControllerLineFramer();
        List<String> out = describe(framer.feed(Vectors.unescape(input)));

        assertThat(out).isEqualTo(Vectors.outcomes(expected));
        assertThat(framer.skippedNoiseBytes()).isEqualTo(Long.parseLong(noise));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void framesInputSplitAcrossTwoReadsAtEveryBytePosition(String name, String input, String expected, String noise) {
        byte[] bytes = Vectors.unescape(input);
        for (int cut = 0; cut <= bytes.length; cut++) {
            ControllerLineFramer framer = new ControllerLineFramer();
            List<String> out = new ArrayList<>(describe(framer.feed(Arrays.copyOfRange(bytes, 0, cut))));
            out.addAll(describe(framer.feed(Arrays.copyOfRange(bytes, cut, bytes.length))));

            assertThat(out).as("split at %d", cut).isEqualTo(Vectors.outcomes(expected));
            assertThat(framer.skippedNoiseBytes()).as("noise, split at %d", cut).isEqualTo(Long.parseLong(noise));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void framesInputFedOneByteAtATime(String name, String input, String expected, String noise) {
        byte[] bytes = Vectors.unescape(input);
        ControllerLineFramer framer = new ControllerLineFramer();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < bytes.length; i++) {
            out.addAll(describe(framer.feed(bytes, i, 1)));
        }

        assertThat(out).isEqualTo(Vectors.outcomes(expected));
    }

    @Test
    void resetReportsAndDropsPartialFrame() {
        ControllerLineFramer framer = new ControllerLineFramer();
        framer.feed(Vectors.unescape("$HWT,1,0,ai"));

        assertThat(describe(framer.reset())).containsExactly("E:missing-terminator");
        assertThat(framer.state()).isEqualTo(ControllerLineFramer.State.HUNT);
        assertThat(describe(framer.feed(Vectors.unescape("r,4.2,C,-*76\r\n")))).isEmpty();
    }

    @Test
    void honoursConfiguredLineLimit() {
        ControllerLineFramer framer = new ControllerLineFramer(10);

        assertThat(describe(framer.feed(Vectors.unescape("$123456789\r\n$1234567890\r\n"))))
                .containsExactly("F:$123456789", "E:line-too-long");
    }

    private static List<String> describe(List<FrameEvent> events) {
        return events.stream().map(Vectors::describe).toList();
    }
}
