package org.hemowatch.supply;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.hemowatch.domain.BloodGroup;
import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.ComponentClass;
import org.hemowatch.domain.Inventory;
import org.hemowatch.domain.inventory.StockView;
import org.hemowatch.domain.UnitAction;
import org.hemowatch.domain.UnitEvent;
import org.hemowatch.domain.UnitKey;
import org.hemowatch.domain.supply.DemandHistory;
import org.hemowatch.domain.supply.ParLevel;
import org.hemowatch.domain.supply.Pick;
import org.hemowatch.domain.supply.PickList;
import org.hemowatch.domain.supply.StockKey;
import org.hemowatch.domain.supply.StockLevel;
import org.hemowatch.domain.supply.SupplyAssessor;
import org.hemowatch.units.UnitWrites;
import org.hemowatch.metrics.HemowatchMetrics;
import org.hemowatch.metrics.MetricNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Supply levels of every stock line: par levels (config, overridden by stored ones), demand
 * history (rebuilt from the store at start, then fed by committed ISSUE events) and the
 * committed inventory, assessed by {@link SupplyAssessor}.
 * <p>
 * Thread-safe: the demand history is guarded by a lock; par levels are a concurrent map.
 */
public final class SupplyService {

    private static final Logger LOG = LoggerFactory.getLogger(SupplyService.class);
    private static final double SECONDS_PER_DAY = 86_400;

    private final Vertx vertx;
    private final Context context;
    private final Inventory inventory;
    private final SupplyStore store;
    private final Clock clock;
    private final SupplyAssessor assessor;
    private final SupplyConfig config;
    private final Map<String, PickList> pickLists = new ConcurrentHashMap<>();
    private final DemandHistory demand;
    private final Map<StockKey, ParLevel> pars = new ConcurrentHashMap<>();
    private final MeterRegistry registry;
    private final AtomicLong parVersion = new AtomicLong();
    private final AtomicLong demandVersion = new AtomicLong();
    private volatile Kept last;
    private final List<Runnable> parListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    public SupplyService(Vertx vertx, SupplyConfig config, ZoneId zone, Inventory inventory, SupplyStore store,
                         Clock clock, HemowatchMetrics metrics) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.inventory = inventory;
        this.store = store;
        this.clock = clock;
        this.assessor = new SupplyAssessor(config.thresholds(), config.windowDays());
        this.config = config;
        this.demand = new DemandHistory(zone);
        this.registry = metrics.registry();
        config.pars().forEach(p -> pars.put(p.key(), p));
        registerGauges(metrics);
    }

    /**
     * Loads stored par levels and the issues of the demand window. Completes when both are loaded;
     * from then on {@link #committed} is to receive every committed unit change.
     */
    public Future<Void> start() {
        Instant now = clock.instant();
        Instant since = now.minus(Duration.ofDays(assessor.windowDays() + 1L));
        return vertx.executeBlocking(() -> {
            List<ParLevel> stored = store.parLevels();
            List<UnitEvent> issues = store.issuesSince(since);
            // units issued and since transfused or discarded are final, so left in the store at start
            Map<UnitKey, BloodUnit> finalUnits = new HashMap<>();
            for (UnitEvent e : issues) {
                if (inventory.get(e.key()) == null && !finalUnits.containsKey(e.key())) {
                    store.unit(e.key()).ifPresent(u -> finalUnits.put(e.key(), u));
                }
            }
            return new Object[] {stored, issues, finalUnits};
        }).map(loaded -> {
            @SuppressWarnings("unchecked") List<ParLevel> stored = (List<ParLevel>) loaded[0];
            @SuppressWarnings("unchecked") List<UnitEvent> issues = (List<UnitEvent>) loaded[1];
            @SuppressWarnings("unchecked") Map<UnitKey, BloodUnit> finalUnits = (Map<UnitKey, BloodUnit>) loaded[2];
            stored.forEach(p -> pars.put(p.key(), p));
            parVersion.incrementAndGet();
            int counted = 0;
            synchronized (demand) {
                for (UnitEvent e : issues) {
                    BloodUnit u = inventory.get(e.key());
                    if (u == null) {
                        u = finalUnits.get(e.key());
                    }
                    if (u != null && demand.record(e, u)) {
                        counted++;
                    }
                }
            }
            demandVersion.incrementAndGet();
            LOG.info("supply: {} par levels, {} issues in the last {} days", pars.size(), counted, assessor.windowDays());
            return null;
        });
    }

    /** A committed unit change (from any thread): issues count as demand. */
    public void committed(UnitWrites.Committed c) {
        context.runOnContext(v -> countIssues(c));
    }

    private void countIssues(UnitWrites.Committed c) {
        for (UnitEvent e : c.events()) {
            if (e.action() != UnitAction.ISSUE) {
                continue;
            }
            c.units().stream().filter(u -> u.key().equals(e.key())).findFirst().ifPresent(u -> {
                synchronized (demand) {
                    demand.record(e, u);
                }
                demandVersion.incrementAndGet();
                Counter.builder(MetricNames.UNITS_ISSUED).description("Units issued")
                        .tags("site", e.site() != null ? e.site() : u.site(), "component", u.component().code())
                        .register(registry).increment();
            });
        }
    }

    /** Every stock line at {@code now}. */
    public List<StockLevel> levels(Instant now) {
        return stock(now).levels();
    }

    /**
     * Stock lines at {@code now} and the version they are of: the inventory's counts (exact at
     * {@code now}), par levels, demand and the day of the demand window. The same version means
     * the same figures, so it serves as an ETag; the levels of a version are computed once.
     * Cost: O(stock lines), independent of the number of units.
     */
    public Stock stock(Instant now) {
        StockView.Lines lines = inventory.stock().lines(now);
        Kept kept = this.last;
        long parsAt = parVersion.get();
        long demanded = demandVersion.get();
        if (kept != null && kept.lines == lines.version() && kept.pars == parsAt && kept.demand == demanded
                && !now.isBefore(kept.dayStarts) && now.isBefore(kept.dayEnds)) {
            return kept.stock; // a poll while nothing changed: no string, no date built
        }
        LocalDate day = LocalDate.ofInstant(now, demand.zone());
        String version = lines.version() + "." + parsAt + "." + demanded + "." + day.toEpochDay();
        if (kept != null && kept.stock.version().equals(version)) {
            return kept.stock;
        }
        List<StockLevel> levels;
        synchronized (demand) {
            demand.prune(now, assessor.windowDays() + 1);
            levels = assessor.assess(lines.counts(), List.copyOf(pars.values()), demand, now);
        }
        Stock fresh = new Stock(version, List.copyOf(levels));
        this.last = new Kept(fresh, lines.version(), parsAt, demanded, day.atStartOfDay(demand.zone()).toInstant(),
                day.plusDays(1).atStartOfDay(demand.zone()).toInstant());
        return fresh;
    }

    /** The last stock built and what it was built from (the day of the demand window as instants). */
    private record Kept(Stock stock, long lines, long pars, long demand, Instant dayStarts, Instant dayEnds) {
    }

    /** Stock lines of one version of the inventory, par levels and demand. */
    public record Stock(String version, List<StockLevel> levels) {
    }

    /** FEFO pick with substitutes for a recipient group, from the inventory's index (reads only the units it picks). */
    public List<Pick> pick(String site, ComponentClass component, BloodGroup recipient, int count, Instant now) {
        return pickList(site).pick(g -> inventory.stock().available(site, component, g), site, component, recipient, count, now);
    }

    /** FEFO pick for a recipient whose group is not known yet (emergency issue). */
    public List<Pick> pickUnknownGroup(String site, ComponentClass component, int count, Instant now) {
        return pickList(site).pickUnknownGroup(g -> inventory.stock().available(site, component, g), site, component, count, now);
    }

    /** The display name of a phase (config {@code supply.phaseNames}, default NHSBT's). */
    public String phaseName(org.hemowatch.domain.supply.SupplyPhase phase) {
        return config.phaseName(phase);
    }

    private PickList pickList(String site) {
        return pickLists.computeIfAbsent(site, s -> new PickList(config.compatibilityAt(s)));
    }

    /** Par levels in force, ordered by line. */
    public List<ParLevel> parLevels() {
        return new TreeMap<>(pars).values().stream().toList();
    }

    /**
     * Stores par levels (and an audit entry each) in one transaction, then puts them in force.
     * The future completes after COMMIT.
     */
    public Future<List<ParLevel>> putParLevels(List<ParLevel> levels, String actor, String actorId) {
        return Future.fromCompletionStage(store.putParLevels(levels, actor, actorId, clock.instant()), context).onSuccess(stored -> {
            stored.forEach(p -> pars.put(p.key(), p));
            parVersion.incrementAndGet();
            parListeners.forEach(Runnable::run);
        });
    }

    /**
     * Follows a par level another instance stored (from the change log; any thread, may block): it is
     * put in force here too, and the listeners run.
     */
    public void follow(String lineKey) {
        store.parLevel(lineKey).ifPresent(p -> context.runOnContext(v -> {
            pars.put(p.key(), p);
            parVersion.incrementAndGet();
            parListeners.forEach(Runnable::run);
        }));
    }

    /** Called after par levels changed (e.g. to evaluate shortage alerts at once). */
    public void onParLevelsChanged(Runnable listener) {
        parListeners.add(listener);
    }

    public int windowDays() {
        return assessor.windowDays();
    }

    private void registerGauges(HemowatchMetrics metrics) {
        MultiGauge days = MultiGauge.builder(MetricNames.STOCK_COVER).baseUnit("seconds")
                .description("Stock cover per stock line: days of supply in seconds (lines without demand are left out)").register(registry);
        MultiGauge minimum = MultiGauge.builder(MetricNames.STOCK_PAR_MINIMUM)
                .description("Par minimum per stock line").register(registry);
        metrics.beforeScrape(() -> {
            List<MultiGauge.Row<?>> dayRows = new ArrayList<>();
            for (StockLevel l : levels(clock.instant())) {
                if (l.daysOfSupply() != null) {
                    dayRows.add(MultiGauge.Row.of(tags(l.key()), l.daysOfSupply() * SECONDS_PER_DAY));
                }
            }
            days.register(dayRows, true);
            List<MultiGauge.Row<?>> parRows = new ArrayList<>();
            pars.values().forEach(p -> parRows.add(MultiGauge.Row.of(tags(p.key()), p.minimum())));
            minimum.register(parRows, true);
        });
    }

    private static Tags tags(StockKey k) {
        return Tags.of("site", k.site(), "component", k.component().code(), "group", k.group().label());
    }
}
