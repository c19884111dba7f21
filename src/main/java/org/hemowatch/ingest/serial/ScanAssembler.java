package org.hemowatch.ingest.serial;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Groups the reads of one scanner into scans. A scanner sends the barcodes of one label as separate
 * reads (DIN first, then the others in any order) or as one concatenated read. The current group is
 * closed by
 * <ul>
 *   <li>a read that is a DIN (it starts the next group), or</li>
 *   <li>{@code quietTime} without a read: closed by {@link #tick} or by the next {@link #accept}.</li>
 * </ul>
 * A read identical to the group's previous read is a double read and ignored (counted).
 * Pure: time comes in as arguments; callers schedule {@link #tick} at {@link #closesAt()}.
 * Not thread-safe.
 */
public final class ScanAssembler {
    public static final Duration DEFAULT_QUIET_TIME = Duration.ofSeconds(3);

    /** ISBT 128 DIN data identifier: {@code =} then the first country/facility character (A-N, P-Z, 1-9). */
    private static final Pattern DIN = Pattern.compile("^(\\]C0)?=[A-NP-Z1-9].*", Pattern.DOTALL);

    private final Duration quietTime;
    private final List<String> reads = new ArrayList<>();
    private Instant first;
    private Instant last;
    private long doubleReads;

    public ScanAssembler(Duration quietTime) {
        if (quietTime == null || quietTime.isNegative() || quietTime.isZero()) {
            throw new IllegalArgumentException("quietTime must be positive, was " + quietTime);
        }
        this.quietTime = quietTime;
    }

    /** Whether a raw read starts with a DIN (optionally after the AIM prefix {@code ]C0}). */
    public static boolean isDin(String read) {
        return DIN.matcher(read).matches();
    }

    /**
     * Adds a read that arrived at {@code at}; returns the group it closed, if any.
     */
    public Optional<AssembledScan> accept(String read, Instant at) {
        Objects.requireNonNull(read, "read");
        Objects.requireNonNull(at, "at");
        Optional<AssembledScan> closed = Optional.empty();
        if (!reads.isEmpty()) {
            if (!at.isBefore(last.plus(quietTime))) {
                closed = flush();
            } else if (read.equals(reads.get(reads.size() - 1))) {
                doubleReads++;
                return closed;
            } else if (isDin(read)) {
                closed = flush();
            }
        }
        if (reads.isEmpty()) {
            first = at;
        }
        reads.add(read);
        last = at;
        return closed;
    }

    /** Closes the group if {@code quietTime} has passed since its last read. */
    public Optional<AssembledScan> tick(Instant now) {
        if (!reads.isEmpty() && !now.isBefore(last.plus(quietTime))) {
            return flush();
        }
        return Optional.empty();
    }

    /** When the open group closes if no read arrives; empty when no group is open. */
    public Optional<Instant> closesAt() {
        return reads.isEmpty() ? Optional.empty() : Optional.of(last.plus(quietTime));
    }

    /** Closes the open group now (port lost, shutdown). */
    public Optional<AssembledScan> flush() {
        if (reads.isEmpty()) {
            return Optional.empty();
        }
        AssembledScan scan = new AssembledScan(reads, first, last);
        reads.clear();
        first = null;
        last = null;
        return Optional.of(scan);
    }

    public Duration quietTime() {
        return quietTime;
    }

    /** Reads ignored because they repeated the previous read of their group. */
    public long doubleReads() {
        return doubleReads;
    }
}
