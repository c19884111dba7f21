package org.hemowatch.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Whether a sender's timestamp (reading or scan {@code ts}) can be believed, judged against the
 * server clock (pure; {@code now} is a parameter).
 *
 * <pre>
 *   ts &gt; now + maxFutureSkew          → FUTURE  refused, rule timestamp-in-future (a clock
 *                                                 running ahead would otherwise mask every later reading)
 *   ts &lt; now - maxAge                 → LATE    stored for the record, never moves device state
 *   otherwise                          → ON_TIME
 * </pre>
 */
public record TimePlausibility(Duration maxFutureSkew, Duration maxAge) {

    public static final TimePlausibility DEFAULT = new TimePlausibility(Duration.ofMinutes(5), Duration.ofHours(24));
    /** Rule of a timestamp too far in the future. */
    public static final String FUTURE_RULE = "timestamp-in-future";

    public enum Verdict { ON_TIME, LATE, FUTURE }

    public TimePlausibility {
        Objects.requireNonNull(maxFutureSkew, "maxFutureSkew");
        Objects.requireNonNull(maxAge, "maxAge");
        if (maxFutureSkew.isNegative() || maxAge.isNegative() || maxAge.isZero()) {
            throw new IllegalArgumentException("the clock skew must be >= 0 and the maximum age > 0");
        }
    }

    public Verdict judge(Instant ts, Instant now) {
        if (ts.isAfter(now.plus(maxFutureSkew))) {
            return Verdict.FUTURE;
        }
        if (ts.isBefore(now.minus(maxAge))) {
            return Verdict.LATE;
        }
        return Verdict.ON_TIME;
    }

    /** The sentence for a refused future timestamp. */
    public String futureMessage(Instant ts, Instant now) {
        return "ts " + ts + " is more than " + maxFutureSkew + " ahead of the server clock (" + now + "); check the sender's clock";
    }
}
