package org.hemowatch.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

import java.time.Duration;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {

    @ParameterizedTest(name = "attempt {3} after {4} ms -> {5}")
    @CsvFileSource(resources = "/alerts-e2e/backoff.csv", delimiter = '|')
    void doublesTheDelayUpToTheMaximumAndGivesUpWhenTimeIsUp(long initial, long max, long giveUp, int attempts, long elapsed, Long next) {
        Backoff b = new Backoff(Duration.ofMillis(initial), Duration.ofMillis(max), Duration.ofMillis(giveUp));

        assertThat(b.next(attempts, Duration.ofMillis(elapsed)).map(Duration::toMillis).orElse(null)).isEqualTo(next);
    }

    @Test
    void anUnboundedScheduleDoublesToItsCeilingAndStaysThereWithoutGivingUp() {
        Backoff b = Backoff.unbounded(Duration.ofMillis(250), Duration.ofSeconds(2));

        assertThat(IntStream.rangeClosed(1, 6).mapToObj(b::delay).map(Duration::toMillis))
                .containsExactly(250L, 500L, 1000L, 2000L, 2000L, 2000L);
        assertThat(b.delay(10_000)).isEqualTo(Duration.ofSeconds(2));
        assertThat(b.next(3, Duration.ofDays(365 * 1000))).contains(Duration.ofSeconds(1));
    }

    @Test
    void theDelayOfABoundedScheduleIsRefusedOnceTheAttemptWouldStartAfterItGivesUp() {
        Backoff b = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofSeconds(2));

        assertThat(b.delay(2)).isEqualTo(Duration.ofSeconds(2));
        assertThatThrownBy(() -> b.delay(3)).isInstanceOf(IllegalStateException.class).hasMessageContaining("gives up after PT2S");
    }
}
