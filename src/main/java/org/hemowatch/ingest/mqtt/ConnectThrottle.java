package org.hemowatch.ingest.mqtt;

import org.hemowatch.domain.Backoff;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Slows down guessing at CONNECT (pure; time is a parameter). Failed CONNECTs are counted per source
 * address and per key id; after {@code freeFailures} failures in a row, the next attempts from that
 * address (or for that key) are refused as {@code throttled} — without looking at the credentials —
 * until a lockout has passed that doubles with every further failure, from {@code initial} up to
 * {@code max} (the service's one {@link Backoff} schedule). A success ends the address's and the key's count; a count nobody added to for
 * {@code forget} is dropped. At most {@code maxTracked} addresses and keys are remembered (the least
 * recently failed go first), so a flood of addresses cannot exhaust memory.
 *
 * <pre>
 *   failures ≤ free:  allowed
 *   failure n > free: locked until last failure + min(max, initial · 2^(n − free − 1))
 *   success:          count cleared
 * </pre>
 * Not thread-safe: used on the endpoint's store context.
 */
final class ConnectThrottle {

    private static final class Count {
        int failures;
        Instant last;
        Instant lockedUntil = Instant.MIN;
    }

    private final int freeFailures;

    private final Backoff backoff;
    private final Duration forget;
    private final Map<String, Count> counts;

    ConnectThrottle(int freeFailures, Duration initial, Duration max, Duration forget, int maxTracked) {
        this.freeFailures = freeFailures;
        // a lockout never gives up: the schedule's horizon is beyond any elapsed time passed to it
        this.backoff = Backoff.unbounded(initial, max);
        this.forget = forget;
        this.counts = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Count> eldest) {
                return size() > maxTracked;
            }
        };
    }

    /** The embedded endpoint's schedule after {@code freeFailures} ({@code mqtt.connectFreeFailures}): 1 s doubling to 1 min (devices behind one NAT share an address: a lockout must stay short); forgotten after 10 min. */
    static ConnectThrottle after(int freeFailures) {
        return new ConnectThrottle(freeFailures, Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofMinutes(10), 10_000);
    }

    /** True if a CONNECT from {@code address} (for key {@code keyId}, null when unknown) may be tried now. */
    boolean allowed(String address, String keyId, Instant now) {
        return open(addressKey(address), now) && (keyId == null || open(keyKey(keyId), now));
    }

    /** Records a failed CONNECT from {@code address}, and for {@code keyId} when the key was recognised. */
    void failed(String address, String keyId, Instant now) {
        fail(addressKey(address), now);
        if (keyId != null) {
            fail(keyKey(keyId), now);
        }
    }

    /** A CONNECT was admitted: the address and the key start afresh. */
    void succeeded(String address, String keyId) {
        counts.remove(addressKey(address));
        if (keyId != null) {
            counts.remove(keyKey(keyId));
        }
    }

    /** How long {@code address} is locked out from {@code now} (zero when it is not). */
    Duration lockout(String address, Instant now) {
        Count c = counts.get(addressKey(address));
        return c == null || !c.lockedUntil.isAfter(now) ? Duration.ZERO : Duration.between(now, c.lockedUntil);
    }

    private boolean open(String key, Instant now) {
        Count c = counts.get(key);
        if (c == null) {
            return true;
        }
        if (Duration.between(c.last, now).compareTo(forget) > 0) {
            counts.remove(key);
            return true;
        }
        return !c.lockedUntil.isAfter(now);
    }

    private void fail(String key, Instant now) {
        Count c = counts.get(key);
        if (c == null || Duration.between(c.last, now).compareTo(forget) > 0) {
            c = new Count();
            counts.put(key, c);
        }
        c.failures++;
        c.last = now;
        int over = c.failures - freeFailures;
        if (over > 0) {
            c.lockedUntil = now.plus(backoff.delay(over));
        }
    }

    private static String addressKey(String address) {
        return "a:" + address;
    }

    private static String keyKey(String keyId) {
        return "k:" + keyId;
    }
}
