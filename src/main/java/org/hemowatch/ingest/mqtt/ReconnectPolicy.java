package org.hemowatch.ingest.mqtt;

import org.hemowatch.domain.Backoff;

import java.time.Duration;
import java.util.Objects;

/**
 * When to reconnect to an external broker, and when that is worth a log line; pure, time is a parameter.
 * <pre>
 *   UNKNOWN --connected--> UP --lost--> DOWN --attempt failed--> DOWN (next delay from the Backoff, up to its ceiling)
 *      |                    ^             |
 *      +--attempt failed--> DOWN ---------+--connected--> UP
 * </pre>
 * A failed attempt or a lost connection counts one more failure in a row; the delay before the next
 * attempt is the domain {@link Backoff}'s for that count, so it grows to the ceiling and stays there.
 * The count starts again only after a connection stayed up for {@code stableAfter}: a broker that
 * accepts the connection and drops it at once (or a store that cannot take the redelivered message,
 * so the bridge drops it) does not bring the delay back to its start. A change of state (UP to DOWN,
 * DOWN to UP) is reported once; the attempts in between are not. Not thread-safe: one context calls it.
 */
public final class ReconnectPolicy {

    /** What to do after a failure: wait {@code delay}; {@code wentDown}: the first failure since the connection was up (or since start). */
    public record Retry(Duration delay, boolean wentDown, int failedInARow) {
    }

    private final Backoff backoff;
    private final Duration stableAfter;
    private Boolean up; // null: no attempt has finished yet
    private long upSince;
    private long downSince;
    private int failedInARow;

    public ReconnectPolicy(Backoff backoff, Duration stableAfter) {
        this.backoff = Objects.requireNonNull(backoff, "backoff");
        this.stableAfter = Objects.requireNonNull(stableAfter, "stableAfter");
    }

    /**
     * Connected and subscribed at {@code nowMillis}.
     *
     * @return true when this is a change of state (worth one log line)
     */
    public boolean connected(long nowMillis) {
        boolean change = !Boolean.TRUE.equals(up);
        up = true;
        upSince = nowMillis;
        return change;
    }

    /** An attempt failed, or the connection was lost, at {@code nowMillis}. */
    public Retry failed(long nowMillis) {
        boolean wentDown = !Boolean.FALSE.equals(up);
        if (Boolean.TRUE.equals(up) && nowMillis - upSince >= stableAfter.toMillis()) {
            failedInARow = 0;
        }
        if (wentDown) {
            downSince = nowMillis;
        }
        up = false;
        failedInARow++;
        return new Retry(backoff.delay(failedInARow), wentDown, failedInARow);
    }

    /** How long the broker has been unreachable at {@code nowMillis} (zero while up). */
    public Duration downFor(long nowMillis) {
        return Boolean.FALSE.equals(up) ? Duration.ofMillis(nowMillis - downSince) : Duration.ZERO;
    }
}
