package org.hemowatch.ingest.serial;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.hemowatch.domain.UnitAction;

/**
 * Fuzzes the serial framers and decoders (fridge controllers and scanners): no byte stream may
 * throw, and a stream cut into two chunks anywhere gives exactly what it gives in one chunk.
 * {@code mvn test} replays the committed corpus; {@code JAZZER_FUZZ=1} fuzzes (docs/isbt128.md).
 */
class SerialFuzzTest {

    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    private static final SerialPortConfig FRIDGE = SerialPortConfig.fridge("/dev/ttyFUZZ0", 9600,
            Map.of("1", "fridge-1", "2", "fridge-2"), "site-a");
    private static final SerialPortConfig SCANNER = SerialPortConfig.scanner("/dev/ttyFUZZ1", 9600, "scanner-1",
            UnitAction.RECEIVE, "receiving", "site-a", Duration.ofSeconds(3));

    @FuzzTest(maxDuration = "30s")
    void controllerStreamNeverThrowsAndIgnoresChunking(byte[] data) {
        List<MappedLine> whole = ControllerStream.forPort(FRIDGE).feed(data, T0);
        int cut = data.length == 0 ? 0 : (data[0] & 0xFF) % (data.length + 1);
        ControllerStream split = ControllerStream.forPort(FRIDGE);
        List<MappedLine> parts = new ArrayList<>(split.feed(Arrays.copyOfRange(data, 0, cut), T0));
        parts.addAll(split.feed(Arrays.copyOfRange(data, cut, data.length), T0));

        assertThat(parts).isEqualTo(whole);
        for (MappedLine line : whole) {
            assertThat(line).isNotNull();
        }
    }

    @FuzzTest(maxDuration = "30s")
    void controllerLineDecoderNeverThrows(byte[] data) {
        ControllerLine line = new ControllerLineDecoder().decode(new String(data, ISO_8859_1));
        assertThat(line).isNotNull();
        if (line instanceof ControllerLine.Rejected e) {
            assertThat(e.rejection().rule()).matches("[a-z0-9]+(-[a-z0-9]+)*");
        }
    }

    @FuzzTest(maxDuration = "30s")
    void scannerStreamNeverThrowsAndIgnoresChunking(byte[] data) {
        ScannerStream whole = ScannerStream.forPort(SCANNER);
        List<ScannerOutput> a = new ArrayList<>(whole.feed(data, T0));
        a.addAll(whole.flush());
        int cut = data.length == 0 ? 0 : (data[data.length - 1] & 0xFF) % (data.length + 1);
        ScannerStream split = ScannerStream.forPort(SCANNER);
        List<ScannerOutput> b = new ArrayList<>(split.feed(Arrays.copyOfRange(data, 0, cut), T0));
        b.addAll(split.feed(Arrays.copyOfRange(data, cut, data.length), T0));
        b.addAll(split.flush());

        assertThat(b).isEqualTo(a);
        whole.tick(T0.plus(Duration.ofMinutes(1)));
    }
}
