package org.hemowatch.alerts;

import org.hemowatch.domain.rule.RejectedException;
import org.hemowatch.domain.rule.Rejection;
import org.hemowatch.domain.rule.Rules;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.hemowatch.domain.alert.Alert;
import org.hemowatch.domain.alert.AlertBook;
import org.hemowatch.domain.alert.AlertChange;
import org.hemowatch.domain.alert.AlertIntent;
import org.hemowatch.domain.alert.AlertKind;
import org.hemowatch.domain.alert.AlertOutcome;
import org.hemowatch.domain.alert.ChangeType;
import org.hemowatch.domain.alert.ExpiryCounts;
import org.hemowatch.domain.alert.ExpiryRules;
import org.hemowatch.domain.alert.ShortageRules;
import org.hemowatch.domain.coldchain.ColdChainEvent;
import org.hemowatch.domain.supply.StockLevel;
import org.hemowatch.metrics.HemowatchMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The alert engine around one {@link AlertBook}. One Vert.x context owns the book: every
 * operation (rule evaluation, reminder tick, cold-chain events, people's acknowledgements) is
 * run there, never on the store's writer thread.
 * <p>
 * Each change is saved through the {@link AlertStore} and, once stored, handed to every
 * {@link AlertChannel}. Evaluation runs after committed unit changes (coalesced, see
 * {@link Coalescer}) and on a periodic tick that also sends reminders and escalations.
 */
public final class AlertService {

    private static final Logger LOG = LoggerFactory.getLogger(AlertService.class);

    private final Vertx vertx;
    private final Context context;
    private final AlertsConfig config;
    private final Clock clock;
    private final AlertStore store;
    private final AlertBook book;
    private final Function<Instant, List<StockLevel>> levels;
    private final Function<Instant, ExpiryCounts> expiryCounts;
    private final ShortageRules shortage = new ShortageRules();
    private final ExpiryRules expiry;
    private final List<AlertChannel> channels = new CopyOnWriteArrayList<>();
    private final Coalescer coalescer;
    private final AlertMetrics metrics;
    private final AlertRetention retention;
    private final AlertCommits commits;
    private long tickTimer = -1;
    /** The sites whose rules, reminders and escalations this instance runs (see {@code SiteOwnership}). */
    private volatile Predicate<String> owns = site -> true;

    /**
     * @param levels supply rows of every site at an instant
     * @param expiryCounts the near-expiry and expired-in-stock figures of the stock at an instant
     */
    public AlertService(Vertx vertx, AlertsConfig config, Clock clock, AlertStore store, AlertBook book, ExpiryRules expiry,
                        Function<Instant, List<StockLevel>> levels, Function<Instant, ExpiryCounts> expiryCounts, HemowatchMetrics metrics) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.config = config;
        this.clock = clock;
        this.store = store;
        this.book = book;
        this.expiry = expiry;
        this.levels = levels;
        this.expiryCounts = expiryCounts;
        this.metrics = new AlertMetrics(metrics);
        this.retention = new AlertRetention(book, store, context, config.retentionDays());
        this.coalescer = new Coalescer(config.debounceMillis(), System::currentTimeMillis,
                (delay, task) -> vertx.setTimer(delay, id -> task.run()), this::evaluateNow);
        this.commits = new AlertCommits(vertx, context, store, book, this::deliver, this::refreshSnapshot);
    }

    /**
     * Limits rule evaluation, reminders and escalations to the sites this instance owns (several
     * instances on one database: one owner per site raises each condition once). Default: every site.
     */
    public void ownedSites(Predicate<String> owns) {
        this.owns = owns;
    }

    /**
     * An alert as another instance stored it (from the change log, any thread): the book takes it,
     * so lists, acknowledgements and this instance's rules see it. It is not delivered again here:
     * the instance that changed it delivered it.
     */
    public void follow(Alert stored) {
        context.runOnContext(v -> {
            book.follow(stored);
            refreshSnapshot();
        });
    }

    /** Adds a delivery channel; call before {@link #start}. */
    public void addChannel(AlertChannel channel) {
        channels.add(channel);
    }

    /**
     * Restores stored alerts, re-publishes every unresolved one on all channels (as UPDATED, so
     * retained MQTT state and late subscribers are right again), evaluates once and starts the tick.
     */
    public Future<Void> start() {
        return vertx.executeBlocking(store::loadAll).compose(stored -> onContext(() -> {
            book.restore(stored);
            retention.prune(clock.instant());
            List<Alert> open = book.active();
            refreshSnapshot();
            open.forEach(a -> deliver(new AlertChange(a, ChangeType.UPDATED)));
            LOG.info("alerts: {} restored, {} unresolved re-published", stored.size(), open.size());
            tickTimer = vertx.setPeriodic(config.evaluateEverySeconds() * 1000L, id -> tick());
            evaluateNow();
            return null;
        }));
    }

    /** Stops the periodic tick. */
    public void stop() {
        if (tickTimer >= 0) {
            vertx.cancelTimer(tickTimer);
        }
    }

    /** Units or par levels changed (any thread): rules are evaluated soon, coalesced (see {@link Coalescer}). */
    public void evaluateSoon() {
        context.runOnContext(v -> coalescer.trigger());
    }

    /**
     * A cold-chain event (any thread): raises or clears the device's alert (see {@link ColdChainAlerts}).
     * The future completes when the resulting changes are stored.
     */
    public Future<List<AlertChange>> acceptColdChain(ColdChainEvent e) {
        return onContext(() -> ColdChainAlerts.intentsFor(e, book::active))
                .compose(intents -> onContext(() -> book.applyAll(intents, clock.instant())))
                .compose(this::commit);
    }

    /**
     * A condition that stands in a device's stored state when this instance takes its site over (an
     * open excursion, a sensor offline; any thread): raised only when no alert of its key is active
     * (the previous owner stored the condition and died before its alert was stored), never updated.
     */
    public Future<List<AlertChange>> acceptStandingColdChain(ColdChainEvent e) {
        return onContext(() -> ColdChainAlerts.intentsFor(e, book::active).stream().filter(i -> book.active(i.key()).isEmpty()).toList())
                .compose(intents -> onContext(() -> book.applyAll(intents, clock.instant())))
                .compose(this::commit);
    }

    /**
     * Reminders/escalations, then a rule evaluation, then resolved alerts past the retention are
     * deleted (memory and store, see {@link AlertRetention}); the periodic timer calls it. Completes when all of it is stored.
     */
    public Future<List<AlertChange>> tick() {
        return onContext(() -> {
            List<AlertChange> changes = new ArrayList<>(book.tick(clock.instant(), owns));
            changes.addAll(evaluateChanges());
            coalescer.ran();
            return changes;
        }).compose(this::commit).compose(changes -> onContext(() -> retention.prune(clock.instant())).compose(f -> f).map(changes));
    }

    /** Evaluates the rules now (on the service context). */
    public Future<List<AlertChange>> evaluate() {
        return onContext(this::evaluateChanges).compose(this::commit);
    }

    private void evaluateNow() {
        commit(evaluateChanges());
    }

    private List<AlertChange> evaluateChanges() {
        Instant now = clock.instant();
        try {
            List<StockLevel> rows = levels.apply(now);
            ExpiryCounts counts = expiryCounts.apply(now);
            List<Alert> active = book.active();
            List<AlertIntent> intents = new ArrayList<>(shortage.evaluate(rows, active));
            intents.addAll(expiry.nearExpiry(counts, active));
            intents.addAll(expiry.expiredInStock(counts, active));
            Predicate<String> mine = owns;
            intents.removeIf(i -> !mine.test(i.key().site()));
            return book.applyAll(intents, now);
        } catch (RuntimeException e) {
            LOG.error("alert rule evaluation failed", e);
            return List.of();
        }
    }

    /** A person acknowledges; fails with a {@link RejectedException} when the book refuses. Completes after the change is stored. */
    public Future<Alert> acknowledge(String id, String actor, String comment) {
        return person(() -> book.acknowledge(id, actor, comment, clock.instant()));
    }

    /** A person resolves; fails with a {@link RejectedException} when the book refuses. Completes after the change is stored. */
    public Future<Alert> resolve(String id, String actor, String comment) {
        return person(() -> book.resolve(id, actor, comment, clock.instant()));
    }

    private Future<Alert> person(Supplier<AlertOutcome> op) {
        return onContext(op::get).compose(outcome -> {
            if (outcome instanceof AlertOutcome.Refused r) {
                return Future.failedFuture(new RejectedException(r.rejection()));
            }
            String id = outcome.changes().get(0).alert().id();
            return commit(outcome.changes()).compose(stored -> stored.isEmpty()
                    ? Future.failedFuture(new RejectedException(Rejection.conflict(Rules.CONCURRENT_CHANGE, "alert " + id
                    + " was changed by another instance at the same moment; nothing was applied, look at it again")))
                    : Future.succeededFuture(stored.get(stored.size() - 1).alert()));
        });
    }

    /**
     * A notifier gave up delivering {@code failed}: raises DELIVERY_FAILURE (subject = notifier
     * name) at the failed alert's site. Channels must not deliver that alert through the notifier named.
     */
    public void deliveryFailed(String notifier, Alert failed, String reason) {
        onContext(() -> book.apply(DeliveryFailureSink.raise(notifier, failed, reason), clock.instant()).changes()).compose(this::commit);
    }

    /** A notifier delivered again: clears its DELIVERY_FAILURE alert of that site, if any. */
    public void deliverySucceeded(String notifier, String site) {
        onContext(() -> book.clear(AlertKind.DELIVERY_FAILURE, site, notifier, clock.instant()).changes()).compose(this::commit);
    }

    /** Alerts held (unresolved, and resolved within the retention), oldest first, filtered. */
    public Future<List<Alert>> list(Predicate<Alert> filter) {
        return onContext(() -> book.all().stream().filter(filter).toList());
    }

    public Future<Optional<Alert>> get(String id) {
        return onContext(() -> book.get(id));
    }

    /**
     * Runs {@code action} on the service context with the unresolved alerts; deliveries are made
     * on the same context, so a subscriber added inside {@code action} misses no change.
     */
    public void withActive(Consumer<List<Alert>> action) {
        context.runOnContext(v -> action.accept(book.active()));
    }

    /** Stores the changes and delivers those stored (see {@link AlertCommits}); completes after the store. */
    private Future<List<AlertChange>> commit(List<AlertChange> changes) {
        return commits.commit(changes);
    }

    private void deliver(AlertChange c) {
        metrics.delivered(c);
        for (AlertChannel ch : channels) {
            try {
                ch.deliver(c);
            } catch (RuntimeException e) {
                LOG.error("alert channel {} failed to take change {} of {}", ch.name(), c.changeType(), c.alert().id(), e);
            }
        }
    }

    private void refreshSnapshot() {
        metrics.active(book.active());
    }

    private <T> Future<T> onContext(Supplier<T> work) {
        Promise<T> p = Promise.promise();
        context.runOnContext(v -> {
            try {
                p.complete(work.get());
            } catch (RuntimeException e) {
                p.fail(e);
            }
        });
        return p.future();
    }
}
