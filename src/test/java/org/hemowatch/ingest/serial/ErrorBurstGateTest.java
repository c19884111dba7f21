package org.hemowatch.ingest.serial;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ErrorBurstGateTest {
    private static final Instant T = Instant.parse("2026-03-01T08:00:00Z");

    @Test
    void logsFirstErrorOfABurstAndReportsHowManyWereSuppressedWhenTheNextBurstStarts() {
        ErrorBurstGate gate = new ErrorBurstGate(Duration.ofSeconds(60));

        assertThat(gate.admit("p:bad-checksum", T)).hasValue(0);
        assertThat(gate.admit("p:bad-checksum", T.plusSeconds(1))).isEmpty();
        assertThat(gate.admit("p:bad-checksum", T.plusSeconds(50))).isEmpty();
        // 59 s after the last one: still the same burst, the quiet time counts from the latest error
        assertThat(gate.admit("p:bad-checksum", T.plusSeconds(109))).isEmpty();
        assertThat(gate.admit("p:bad-checksum", T.plusSeconds(169))).hasValue(3);
    }

    @Test
    void keysAreIndependent() {
        ErrorBurstGate gate = new ErrorBurstGate(Duration.ofSeconds(60));
        gate.admit("p:bad-checksum", T);

        assertThat(gate.admit("p:line-too-long", T.plusSeconds(1))).hasValue(0);
    }
}
