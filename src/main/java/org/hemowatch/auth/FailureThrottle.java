package org.hemowatch.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down guessing: counts failed authentications per subject (a source address, a key id) in a
 * fixed window and, once a subject reached the limit, refuses it until its window ends (pure; time is
 * a parameter). One instance serves HTTP 401s and MQTT CONNECT refusals alike.
 *
 * <pre>
 *   failed(s, now)    count(s) += 1 in the window that started at the first failure
 *   blocked(s, now)   count(s) &gt;= limit and now &lt; window end   → retry after (window end - now)
 *   window ended      the subject starts from zero
 * </pre>
 * The table is bounded: beyond {@link #MAX_SUBJECTS} subjects, ended windows are dropped, then the
 * table is cleared (an attacker spraying addresses cannot grow memory, at worst resets the count).
 */
public final class FailureThrottle {

    static final int MAX_SUBJECTS = 10_000;

    private final int limit;
    private final Duration window;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    private record Window(Instant start, int failures) {
    }

    public FailureThrottle(int limit, Duration window) {
        if (limit < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("limit must be >= 1 and window > 0");
        }
        this.limit = limit;
        this.window = window;
    }

    /** Records one failed attempt by the subject. */
    public void failed(String subject, Instant now) {
        if (windows.size() >= MAX_SUBJECTS) {
            windows.values().removeIf(w -> !now.isBefore(w.start().plus(window)));
            if (windows.size() >= MAX_SUBJECTS) {
                windows.clear();
            }
        }
        windows.compute(subject, (k, w) -> w == null || !now.isBefore(w.start().plus(window))
                ? new Window(now, 1) : new Window(w.start(), w.failures() + 1));
    }

    /** How long the subject must wait, or {@link Duration#ZERO} when it may try now. */
    public Duration retryAfter(String subject, Instant now) {
        Window w = windows.get(subject);
        if (w == null || w.failures() < limit) {
            return Duration.ZERO;
        }
        Duration left = Duration.between(now, w.start().plus(window));
        return left.isNegative() || left.isZero() ? Duration.ZERO : left;
    }
}
