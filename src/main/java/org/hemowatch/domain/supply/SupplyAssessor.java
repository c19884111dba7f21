package org.hemowatch.domain.supply;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.ComponentClass;
import org.hemowatch.domain.UnitStatus;

/**
 * Turns units, par levels and demand into {@link StockLevel} rows, one per stock line that has
 * issuable units, a par level, or demand in the window. A line with demand but no stock is a
 * row with 0 available and 0 days of supply.
 */
public final class SupplyAssessor {

    /** Default demand window: four weeks, so every weekday is counted four times. */
    public static final int DEFAULT_WINDOW_DAYS = 28;

    private static final Duration H24 = Duration.ofHours(24);
    private static final Duration H72 = Duration.ofHours(72);

    private final Map<ComponentClass, PhaseThresholds> thresholds;
    private final int windowDays;

    /** Default thresholds and a {@value #DEFAULT_WINDOW_DAYS}-day window. */
    public SupplyAssessor() {
        this(PhaseThresholds.defaults(), DEFAULT_WINDOW_DAYS);
    }

    /** @param thresholds per component; classes missing here use {@link PhaseThresholds#defaults(ComponentClass)} */
    public SupplyAssessor(Map<ComponentClass, PhaseThresholds> thresholds, int windowDays) {
        if (windowDays < 1) {
            throw new IllegalArgumentException("windowDays must be >= 1 but was " + windowDays);
        }
        Map<ComponentClass, PhaseThresholds> all = new EnumMap<>(PhaseThresholds.defaults());
        all.putAll(thresholds);
        this.thresholds = Map.copyOf(all);
        this.windowDays = windowDays;
    }

    /** A unit counts as issuable when it is AVAILABLE, not expired at {@code now}, and of {@link GeneralStock}. */
    public static boolean issuable(BloodUnit unit, Instant now) {
        return unit.status() == UnitStatus.AVAILABLE && !unit.isExpiredAt(now) && GeneralStock.counts(unit);
    }

    /**
     * Assesses every stock line.
     *
     * @throws IllegalArgumentException when two par levels name the same line
     * @return rows ordered by site, component, ABO, RhD
     */
    public List<StockLevel> assess(Collection<BloodUnit> units, Collection<ParLevel> pars, DemandHistory demand, Instant now) {
        Objects.requireNonNull(now, "now");
        Map<StockKey, int[]> counts = new HashMap<>();
        for (BloodUnit u : units) {
            if (!issuable(u, now)) {
                continue;
            }
            int[] c = counts.computeIfAbsent(StockKey.of(u), k -> new int[3]);
            c[0]++;
            Duration left = Duration.between(now, u.expires());
            if (left.compareTo(H24) <= 0) {
                c[1]++;
            }
            if (left.compareTo(H72) <= 0) {
                c[2]++;
            }
        }
        return assess(counts, pars, demand, now);
    }

    /**
     * Assesses every stock line from counts kept elsewhere (the inventory's stock view):
     * {@code counts} maps a line to {available, expiring24h, expiring72h} of issuable units.
     */
    public List<StockLevel> assess(Map<StockKey, int[]> counts, Collection<ParLevel> pars, DemandHistory demand, Instant now) {
        Objects.requireNonNull(now, "now");
        Map<StockKey, ParLevel> parByKey = new HashMap<>();
        for (ParLevel p : pars) {
            if (parByKey.put(p.key(), p) != null) {
                throw new IllegalArgumentException("two par levels for " + p.key());
            }
        }
        TreeSet<StockKey> keys = new TreeSet<>(counts.keySet());
        keys.addAll(parByKey.keySet());
        for (StockKey k : demand.keys()) {
            if (demand.issuesInWindow(k, now, windowDays) > 0) {
                keys.add(k);
            }
        }
        List<StockLevel> rows = new ArrayList<>(keys.size());
        for (StockKey k : keys) {
            int[] c = counts.getOrDefault(k, new int[3]);
            DaysOfSupply dos = new DaysOfSupply(c[0], demand.averageDailyDemand(k, now, windowDays));
            ParLevel par = parByKey.get(k);
            rows.add(new StockLevel(k, c[0], c[1], c[2], dos.averageDailyDemand(), dos.days(),
                    thresholds.get(k.component()).phaseOf(dos.days()),
                    par != null && par.belowMinimum(c[0]), par != null && par.belowIdeal(c[0]), par));
        }
        return rows;
    }

    public int windowDays() {
        return windowDays;
    }

    public PhaseThresholds thresholds(ComponentClass component) {
        return thresholds.get(component);
    }
}
