package org.hemowatch.domain;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Exponential retry schedule, bounded in time: the delay before attempt {@code n + 1} is
 * {@code initial * 2^(n-1)}, at most {@code max}; no further attempt is scheduled once the next
 * one would start later than {@code giveUpAfter} after the first.
 */
public record Backoff(Duration initial, Duration max, Duration giveUpAfter) {

    /** A schedule that never gives up: the delay grows to {@code max} and stays there. */
    public static Backoff unbounded(Duration initial, Duration max) {
        return new Backoff(initial, max, ChronoUnit.FOREVER.getDuration());
    }

    /**
     * The delay before the next attempt of an {@link #unbounded} schedule.
     *
     * @param failedAttempts attempts that failed in a row so far (>= 1)
     */
    public Duration delay(int failedAttempts) {
        return next(failedAttempts, Duration.ZERO).orElseThrow(() -> new IllegalStateException("this schedule gives up after " + giveUpAfter));
    }

    /**
     * @param failedAttempts attempts made so far (>= 1)
     * @param elapsed        time since the first attempt started
     * @return the delay before the next attempt, or empty to give up
     */
    public Optional<Duration> next(int failedAttempts, Duration elapsed) {
        if (failedAttempts < 1) {
            throw new IllegalArgumentException("failedAttempts must be >= 1");
        }
        long factor = failedAttempts >= 31 ? Long.MAX_VALUE : 1L << (failedAttempts - 1);
        Duration d;
        try {
            d = initial.multipliedBy(factor);
        } catch (ArithmeticException e) {
            d = max;
        }
        if (d.compareTo(max) > 0) {
            d = max;
        }
        return elapsed.plus(d).compareTo(giveUpAfter) > 0 ? Optional.empty() : Optional.of(d);
    }
}
