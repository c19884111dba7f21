package org.hemowatch.ingest.serial;

import org.hemowatch.domain.rule.Rejection;
import org.hemowatch.domain.rule.Rules;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.hemowatch.domain.UnitAction;
import org.junit.jupiter.api.Test;

class ScannerStreamTest {
    private static final Instant T = Instant.parse("2026-03-01T08:00:00Z");
    private static final SerialPortConfig PORT = SerialPortConfig.scanner("/dev/ttyUSB1", 9600, "recv-1",
            UnitAction.RECEIVE, "receiving", "site-a", Duration.ofSeconds(2));

    @Test
    void groupsReadsSplitAcrossChunksAndClosesOnQuietTime() {
        ScannerStream stream = ScannerStream.forPort(PORT);

        assertThat(stream.feed(Vectors.unescape("]C0=A99992112345663\r\n=%51"), T)).isEmpty();
        assertThat(stream.feed(Vectors.unescape("00\r\n"), T.plusMillis(300))).isEmpty();
        assertThat(stream.closesAt()).contains(T.plusMillis(2300));

        assertThat(stream.tick(T.plusMillis(2299))).isEmpty();
        assertThat(stream.tick(T.plusMillis(2300))).contains(
                new AssembledScan(List.of("]C0=A99992112345663", "=%5100"), T, T.plusMillis(300)));
    }

    @Test
    void flushReportsPartialReadAndClosesOpenGroup() {
        ScannerStream stream = ScannerStream.forPort(PORT);
        stream.feed(Vectors.unescape("=A99992112345663\r=<E03"), T);

        List<ScannerOutput> out = stream.flush();

        assertThat(out).containsExactly(
                new ScannerOutput.Dropped(Rejection.invalid(Rules.MISSING_TERMINATOR, "stream ended inside a read: =<E03")),
                new ScannerOutput.Scan(new AssembledScan(List.of("=A99992112345663"), T, T)));
    }

    @Test
    void droppedReadIsReportedAndDoesNotJoinTheGroup() {
        ScannerStream stream = ScannerStream.forPort(PORT);

        List<ScannerOutput> out = stream.feed(Vectors.unescape("=A99992112345663\r=%\\x015100\r"), T);

        assertThat(out).singleElement().isInstanceOfSatisfying(ScannerOutput.Dropped.class,
                d -> assertThat(d.error().rule()).isEqualTo(Rules.BAD_CHARACTER));
        assertThat(stream.flush()).containsExactly(
                new ScannerOutput.Scan(new AssembledScan(List.of("=A99992112345663"), T, T)));
    }
}
