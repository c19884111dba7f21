package org.hemowatch.domain.supply;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.UnitAction;
import org.hemowatch.domain.UnitEvent;

/**
 * Issues per {@link StockKey} per calendar day, the demand side of days of supply.
 * <p>
 * The average uses <em>complete</em> days only: the {@code windowDays} days before the day of
 * {@code now} (in the history's time zone). Today's issues are recorded but count from tomorrow
 * on, so a partly elapsed day does not drag the average down. Demand is issues; a unit that is
 * later returned still counted as demand when it was issued.
 * <p>
 * Not thread-safe: owned by one writer, like the inventory.
 */
public final class DemandHistory {

    private final ZoneId zone;
    private final Map<StockKey, NavigableMap<LocalDate, Integer>> issues = new HashMap<>();

    /** Days are UTC days. */
    public DemandHistory() {
        this(ZoneOffset.UTC);
    }

    /** Days are calendar days in {@code zone} (a site's local day). */
    public DemandHistory(ZoneId zone) {
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /**
     * Counts an ISSUE event of {@code unit} (its state before or after the event) towards the
     * issuing site. Other actions are ignored.
     *
     * @return true when the event was counted
     * @throws IllegalArgumentException when the event is about another unit
     */
    public boolean record(UnitEvent event, BloodUnit unit) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(unit, "unit");
        if (!event.key().equals(unit.key())) {
            throw new IllegalArgumentException("event of unit " + event.key() + " recorded with unit " + unit.key());
        }
        if (event.action() != UnitAction.ISSUE) {
            return false;
        }
        String site = event.site() != null ? event.site() : unit.site();
        recordIssue(new StockKey(site, unit.component(), unit.group()), event.at());
        return true;
    }

    /** Counts one issue of {@code key} at {@code at}. */
    public void recordIssue(StockKey key, Instant at) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(at, "at");
        issues.computeIfAbsent(key, k -> new TreeMap<>()).merge(day(at), 1, Integer::sum);
    }

    /** Issues of {@code key} in the {@code windowDays} complete days before the day of {@code now}. */
    public int issuesInWindow(StockKey key, Instant now, int windowDays) {
        requireWindow(windowDays);
        NavigableMap<LocalDate, Integer> days = issues.get(key);
        if (days == null) {
            return 0;
        }
        LocalDate today = day(now);
        return days.subMap(today.minusDays(windowDays), true, today, false).values().stream().mapToInt(Integer::intValue).sum();
    }

    /** Issues per day over the window; 0 when nothing was issued. */
    public double averageDailyDemand(StockKey key, Instant now, int windowDays) {
        return issuesInWindow(key, now, windowDays) / (double) windowDays;
    }

    /** Issues of {@code key} on one day (for views and tests). */
    public int issuesOn(StockKey key, LocalDate day) {
        NavigableMap<LocalDate, Integer> days = issues.get(key);
        return days == null ? 0 : days.getOrDefault(day, 0);
    }

    /** Every key with at least one recorded day. */
    public Set<StockKey> keys() {
        return Collections.unmodifiableSet(new HashSet<>(issues.keySet()));
    }

    /** Forgets days that fall before the window ending at {@code now}; keys left without days are removed. */
    public void prune(Instant now, int windowDays) {
        requireWindow(windowDays);
        LocalDate first = day(now).minusDays(windowDays);
        issues.values().forEach(days -> days.headMap(first, false).clear());
        issues.values().removeIf(Map::isEmpty);
    }

    public ZoneId zone() {
        return zone;
    }

    private LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, zone);
    }

    private static void requireWindow(int windowDays) {
        if (windowDays < 1) {
            throw new IllegalArgumentException("windowDays must be >= 1 but was " + windowDays);
        }
    }
}
