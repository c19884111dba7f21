package org.hemowatch.store;

import java.time.Duration;
import java.util.TreeMap;

/**
 * A reader's position in a table whose ids come from a PostgreSQL identity column, followed by id
 * (the {@link ChangeLog}, the committed {@code readings}). Pure and single-threaded; time is a
 * parameter.
 *
 * <p>Contract: ids are taken when a row is inserted, not when it commits, so a lower id can become
 * visible after a higher one (two writers; or never, when its transaction rolled back or an
 * {@code ON CONFLICT DO NOTHING} consumed it). Every id skipped over is remembered as a <em>gap</em>
 * and may still arrive for {@code patience} after it was first missed; after that it is forgotten.
 * {@link #accept} answers true exactly once per id: for an id above {@link #high()}, or for a gap.
 * At most {@code maxGaps} gaps are remembered (a larger hole is a resync's business, not a cursor's).
 *
 * <pre>
 *   id &gt; high            --accept--&gt; fresh; ids between the old high and it become gaps; high = id
 *   id is a gap          --accept--&gt; fresh; no longer a gap
 *   id &lt;= high, no gap   --accept--&gt; seen already
 *   gap older than patience --expire--&gt; forgotten
 * </pre>
 */
public final class IdCursor {

    private final long patienceMillis;
    private final int maxGaps;
    /** gap id → when it was first missed (epoch ms). */
    private final TreeMap<Long, Long> gaps = new TreeMap<>();
    private long high;

    public IdCursor(long start, Duration patience, int maxGaps) {
        this.high = start;
        this.patienceMillis = patience.toMillis();
        this.maxGaps = maxGaps;
    }

    /** The highest id accepted (or the start). */
    public long high() {
        return high;
    }

    /** True the first time {@code id} is accepted; false when it was seen already. */
    public boolean accept(long id, long nowMillis) {
        if (id <= high) {
            return gaps.remove(id) != null;
        }
        for (long missing = high + 1; missing < id && gaps.size() < maxGaps; missing++) {
            gaps.put(missing, nowMillis);
        }
        high = id;
        return true;
    }

    /** Marks an id at or below {@link #high()} as not seen yet (a reader starting while writes are in flight). */
    public void missing(long id, long nowMillis) {
        if (id <= high && gaps.size() < maxGaps) {
            gaps.putIfAbsent(id, nowMillis);
        }
    }

    /** Forgets the gaps missed for longer than the patience; returns how many. */
    public int expire(long nowMillis) {
        int before = gaps.size();
        gaps.values().removeIf(firstMissed -> nowMillis - firstMissed > patienceMillis);
        return before - gaps.size();
    }

    /** Where a reader that re-reads from the oldest gap starts: the id before the lowest gap, or {@link #high()}. */
    public long readFrom() {
        return gaps.isEmpty() ? high : gaps.firstKey() - 1;
    }

    /** The gaps, ascending. */
    public long[] gaps() {
        return gaps.keySet().stream().mapToLong(Long::longValue).toArray();
    }

    /** Jumps to {@code id} (rows below it are gone for good) and forgets every gap. */
    public void skipTo(long id) {
        gaps.clear();
        high = Math.max(high, id);
    }
}
