package org.hemowatch.ingest.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The streaming fast path gives exactly what the tree decoder gives (value or rule, message and seq),
 * over the decoder vectors, the fuzz corpus, hand-picked edge cases and random mutations of them.
 */
class ReadingStreamDecoderTest {

    private static final Instant ARRIVAL = Instant.parse("2026-11-23T10:00:00Z");
    private static final Path CORPUS = Path.of("src/test/resources/org/hemowatch/ingest/mqtt/MqttPayloadFuzzTestInputs/readingPayloadsDecodeOrAreRejected");

    private static final List<String> EDGES = List.of(
            "{\"seq\":1,\"tempC\":4.2}", "{\"seq\":1,\"tempC\":4}", "[{\"seq\":1,\"tempC\":4.2},{\"seq\":2,\"tempC\":5}]",
            "{\"seq\":1,\"seq\":2,\"tempC\":4.2}", "{\"seq\":\"1\",\"seq\":2,\"tempC\":4.2}", "{\"seq\":1.0,\"tempC\":4.2}",
            "{\"seq\":-1,\"tempC\":4.2}", "{\"seq\":99999999999999999999,\"tempC\":4.2}", "{\"seq\":1,\"tempC\":1e400}",
            "{\"seq\":1,\"tempC\":\"4.2\"}", "{\"seq\":1,\"tempC\":null}", "{\"seq\":null,\"tempC\":4.2}", "{\"tempC\":4.2}",
            "{\"seq\":1,\"tempC\":4.2,\"ts\":\"2026-11-23T09:00:00Z\"}", "{\"seq\":1,\"tempC\":4.2,\"ts\":\"yesterday\"}",
            "{\"seq\":1,\"tempC\":4.2,\"ts\":null}", "{\"seq\":1,\"tempC\":4.2,\"ts\":12}", "{\"seq\":1,\"tempC\":4.2,\"ts\":\"1969-12-31T23:59:59Z\"}",
            "{\"seq\":1,\"tempC\":4.2,\"probe\":\"product\",\"door\":\"open\",\"agitator\":\"off\"}",
            "{\"seq\":1,\"tempC\":4.2,\"door\":\"ajar\"}", "{\"seq\":1,\"tempC\":4.2,\"agitator\":1}", "{\"seq\":1,\"tempC\":4.2,\"probe\":7}",
            "{\"seq\":1,\"tempC\":4.2,\"extra\":{\"a\":[1,2,{\"b\":null}]}}", "{\"seq\":1,\"tempC\":4.2} {}", "{\"seq\":1,\"tempC\":4.2}  ",
            "[]", "[1]", "[{\"seq\":1,\"tempC\":4.2},2]", "[{\"seq\":1,\"tempC\":4.2}", "{\"seq\":1,\"tempC\":4.2", "\"text\"", "42", "null",
            "", " ", "{}", "[{}]", "{\"seq\":1,\"tempC\":NaN}", "{\"seq\":1,\"tempC\":4.2,}", "[[{\"seq\":1,\"tempC\":4.2}]]");

    private static Stream<byte[]> payloads() throws IOException {
        List<byte[]> out = new ArrayList<>();
        EDGES.forEach(s -> out.add(s.getBytes(StandardCharsets.UTF_8)));
        JsonNode cases = new ObjectMapper().readTree(ReadingStreamDecoderTest.class.getResourceAsStream("/mqtt/decoder-cases.json"));
        for (JsonNode c : cases) {
            if (c.get("decoder").asText().equals("reading")) {
                out.add(c.has("example") ? Files.readAllBytes(MqttDecodersTest.EXAMPLES.resolve(c.get("example").asText()))
                        : c.get("payload").asText().getBytes(StandardCharsets.UTF_8));
            }
        }
        try (Stream<Path> files = Files.list(CORPUS)) {
            for (Path f : files.toList()) {
                out.add(Files.readAllBytes(f));
            }
        }
        return out.stream();
    }

    private static void assertSame(byte[] payload) {
        Decoded<?> fast = ReadingPayloadDecoder.decode("main", "fridge-1", payload, ARRIVAL, "mqtt");
        Decoded<?> tree = ReadingPayloadDecoder.decodeTree("main", "fridge-1", payload, ARRIVAL, "mqtt");
        assertThat(fast).as(new String(payload, StandardCharsets.UTF_8)).isEqualTo(tree);
    }

    @Test
    void givesWhatTheTreeDecoderGivesForEveryVector() throws IOException {
        payloads().forEach(ReadingStreamDecoderTest::assertSame);
    }

    @Test
    void acceptsThePlainPayloadsItself() {
        for (String s : List.of(EDGES.get(0), EDGES.get(2), EDGES.get(13), EDGES.get(18), EDGES.get(22))) {
            assertThat(ReadingStreamDecoder.decode("main", "fridge-1", s.getBytes(StandardCharsets.UTF_8), ARRIVAL, "mqtt"))
                    .as(s).isNotNull().isEqualTo(ReadingPayloadDecoder.decodeTree("main", "fridge-1",
                            s.getBytes(StandardCharsets.UTF_8), ARRIVAL, "mqtt").value());
        }
    }

    @Test
    void givesWhatTheTreeDecoderGivesForRandomMutations() throws IOException {
        Random random = new Random(13);
        byte[] alphabet = "{}[]\":,. 0123456789-eE+abcdeflnorstuCqTZ\\".getBytes(StandardCharsets.UTF_8);
        List<byte[]> seeds = payloads().filter(p -> p.length > 0).toList();
        for (int i = 0; i < 20_000; i++) {
            byte[] p = seeds.get(random.nextInt(seeds.size())).clone();
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits && p.length > 0; e++) {
                p[random.nextInt(p.length)] = alphabet[random.nextInt(alphabet.length)];
            }
            assertSame(p);
        }
    }
}
