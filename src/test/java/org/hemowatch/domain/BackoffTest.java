package org.hemowatch.domain;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class BackoffTest {

    @ParameterizedTest(name = "attempt {3} after {4} ms -> {5}")
    @CsvFileSource(resources = "/alerts-e2e/backoff.csv", delimiter = '|')
    void doublesTheDelayUpToTheMaximumAndGivesUpWhenTimeIsUp(long initial, long max, long giveUp, int attempts, long elapsed, Long next) {
        Backoff b = new Backoff(Duration.ofMillis(initial), Duration.ofMillis(max), Duration.ofMillis(giveUp));

        assertThat(b.next(attempts, Duration.ofMillis(elapsed)).map(Duration::toMillis).orElse(null)).isEqualTo(next);
    }
}
