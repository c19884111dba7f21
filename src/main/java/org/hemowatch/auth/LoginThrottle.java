package org.hemowatch.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Slows down password guessing: failed logins counted per username and per client address.
 * Pure and single-threaded (call it from one event loop, or synchronise); time is a parameter.
 *
 * <pre>
 *             failure (n &lt; limit in window)
 *            ┌──────┐
 *            ▼      │
 *   CLEAR ──► COUNTING ──(limit-th failure in window)──► LOCKED (until last failure + lockout)
 *     ▲          │                                         │
 *     └─success (username only) / window passed ◄──────────┘ lockout passed
 * </pre>
 *
 * While a username or an address is LOCKED every attempt is refused before its password is checked,
 * so a correct password does not unlock it early. A success clears the username's count, never the
 * address's (one account of the attacker's own must not reset the count of a spraying address).
 */
public final class LoginThrottle {

    /** Which key a refusal is for (a bounded metric label). */
    public enum Scope { USER, ADDRESS }

    /** A refused attempt: for which scope, and when to try again. */
    public record Refusal(Scope scope, Duration retryAfter) {
    }

    private static final int MAX_TRACKED = 50_000;

    private final int userLimit;
    private final int addressLimit;
    private final Duration window;
    private final Duration lockout;
    private final Map<String, Deque<Instant>> users = new HashMap<>();
    private final Map<String, Deque<Instant>> addresses = new HashMap<>();

    public LoginThrottle(int userLimit, int addressLimit, Duration window, Duration lockout) {
        if (userLimit < 1 || addressLimit < 1 || window.isNegative() || window.isZero() || lockout.isNegative()
                || lockout.compareTo(window) > 0) {
            throw new IllegalArgumentException("limits must be positive, and the lockout between zero and the window");
        }
        this.userLimit = userLimit;
        this.addressLimit = addressLimit;
        this.window = window;
        this.lockout = lockout;
    }

    /** Whether an attempt may go on to the password check. */
    public Optional<Refusal> check(String username, String address, Instant now) {
        Optional<Duration> u = locked(users.get(key(username)), userLimit, now);
        if (u.isPresent()) {
            return Optional.of(new Refusal(Scope.USER, u.get()));
        }
        return locked(addresses.get(address), addressLimit, now).map(d -> new Refusal(Scope.ADDRESS, d));
    }

    public void failed(String username, String address, Instant now) {
        record(users, key(username), now);
        record(addresses, address, now);
    }

    public void succeeded(String username) {
        users.remove(key(username));
    }

    private Optional<Duration> locked(Deque<Instant> failures, int limit, Instant now) {
        if (failures == null) {
            return Optional.empty();
        }
        prune(failures, now);
        if (failures.isEmpty() || failures.size() < limit) {
            return Optional.empty();
        }
        Instant until = failures.peekLast().plus(lockout);
        return until.isAfter(now) ? Optional.of(Duration.between(now, until)) : Optional.empty();
    }

    private void record(Map<String, Deque<Instant>> map, String key, Instant now) {
        if (map.size() >= MAX_TRACKED && !map.containsKey(key)) {
            map.values().removeIf(d -> {
                prune(d, now);
                return d.isEmpty();
            });
        }
        Deque<Instant> d = map.computeIfAbsent(key, k -> new ArrayDeque<>());
        d.addLast(now);
        prune(d, now);
    }

    /** Keeps the failures within the window (the lockout is never longer than the window). */
    private void prune(Deque<Instant> d, Instant now) {
        Instant since = now.minus(window);
        while (!d.isEmpty() && !d.peekFirst().isAfter(since)) {
            d.removeFirst();
        }
    }

    private static String key(String username) {
        return username == null ? "" : username.toLowerCase(Locale.ROOT);
    }
}
