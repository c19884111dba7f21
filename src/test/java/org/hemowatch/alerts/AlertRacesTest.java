package org.hemowatch.alerts;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.hemowatch.domain.Abo;
import org.hemowatch.domain.BloodGroup;
import org.hemowatch.domain.ComponentClass;
import org.hemowatch.domain.RhD;
import org.hemowatch.domain.alert.Alert;
import org.hemowatch.domain.alert.AlertBook;
import org.hemowatch.domain.alert.AlertKind;
import org.hemowatch.domain.alert.AlertOutcome;
import org.hemowatch.domain.alert.AlertState;
import org.hemowatch.domain.alert.ChangeType;
import org.hemowatch.domain.alert.ExpiryCounts;
import org.hemowatch.domain.alert.ExpiryRules;
import org.hemowatch.domain.alert.IdSource;
import org.hemowatch.domain.alert.Severity;
import org.hemowatch.domain.rule.RejectedException;
import org.hemowatch.domain.rule.Rules;
import org.hemowatch.domain.supply.ParLevel;
import org.hemowatch.domain.supply.StockKey;
import org.hemowatch.domain.supply.StockLevel;
import org.hemowatch.domain.supply.SupplyPhase;
import org.hemowatch.metrics.HemowatchMetrics;
import org.hemowatch.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Alert writes race with another instance on the same store (issue 15): the store's version decides,
 * the loser applies and delivers nothing and takes the stored alert. "Another instance" is a second
 * {@link AlertBook} writing to the same {@link InMemoryAlertStore}, which checks versions as the database does.
 */
@Timeout(60)
class AlertRacesTest {

    private static final StockKey O_NEG = new StockKey("main", ComponentClass.RED_CELLS, new BloodGroup(Abo.O, RhD.NEG));

    private final Vertx vertx = Vertx.vertx();
    private final TestClock clock = new TestClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final InMemoryAlertStore store = new InMemoryAlertStore();
    private final AtomicReference<List<StockLevel>> rows = new AtomicReference<>(List.of());
    private final RecordingChannel channel = new RecordingChannel();
    private final AlertBook otherInstance = new AlertBook(IdSource.sequential("other-"));

    @AfterEach
    void close() throws Exception {
        get(vertx.close());
    }

    private AlertService service() throws Exception {
        AlertService s = new AlertService(vertx, new AlertsConfig(3600, 50, null, 20, 50, 1, 2000, null, null, null, null, null),
                clock, store, new AlertBook(IdSource.sequential("mine-")), new ExpiryRules(), now -> rows.get(), now -> ExpiryCounts.NONE,
                new HemowatchMetrics());
        s.addChannel(channel);
        get(s.start());
        return s;
    }

    private static StockLevel shortLine(int available) {
        ParLevel par = new ParLevel(O_NEG, 2, 4);
        return new StockLevel(O_NEG, available, 0, 0, 0, null, SupplyPhase.GREEN, par.belowMinimum(available), par.belowIdeal(available), par);
    }

    /** This instance raised a shortage and stored it; the other instance has read it. */
    private Alert raisedAndShared(AlertService s) throws Exception {
        rows.set(List.of(shortLine(1)));
        assertThat(get(s.evaluate())).hasSize(1);
        Alert stored = store.saved.values().iterator().next();
        otherInstance.restore(List.of(stored));
        return stored;
    }

    private static Alert last(AlertOutcome o) {
        return o.changes().get(o.changes().size() - 1).alert();
    }

    @Test
    void anAckStoredByAnotherInstanceIsNeverOverwrittenByThisInstancesReminder() throws Exception {
        AlertService s = service();
        Alert raised = raisedAndShared(s);
        Alert acked = last(otherInstance.acknowledge(raised.id(), "tech-b", "moved to the front", clock.instant()));
        store.storeAsAnotherInstance(acked); // this instance has not followed it yet

        clock.advance(Duration.ofHours(3)); // the shortage reminder (2 h) is due in this instance's stale book
        assertThat(get(s.tick())).as("the reminder lost the race: nothing stored, nothing returned").isEmpty();

        assertThat(store.saved.get(raised.id())).isEqualTo(acked);
        assertThat(channel.find(AlertKind.SHORTAGE, ChangeType.REMINDER)).as("no reminder delivered").isNull();
        await().atMost(Duration.ofSeconds(5)).until(() -> get(s.get(raised.id())).orElseThrow().state() == AlertState.ACKNOWLEDGED);
        assertThat(get(s.get(raised.id())).orElseThrow()).as("the stored ack taken").isEqualTo(acked);
    }

    @Test
    void anAckOverAVersionAnotherInstanceChangedIsRefusedWithConcurrentChangeAndNothingIsApplied() throws Exception {
        AlertService s = service();
        Alert raised = raisedAndShared(s);
        clock.advance(Duration.ofHours(3));
        Alert reminded = otherInstance.tick(clock.instant()).get(0).alert();
        store.storeAsAnotherInstance(reminded);

        assertThatThrownBy(() -> get(s.acknowledge(raised.id(), "tech-a", "seen")))
                .hasCauseInstanceOf(RejectedException.class).cause().hasMessageContaining("another instance")
                .extracting(e -> ((RejectedException) e).rejection().rule()).isEqualTo(Rules.CONCURRENT_CHANGE);

        assertThat(store.saved.get(raised.id())).as("nothing applied in the store").isEqualTo(reminded);
        assertThat(channel.find(AlertKind.SHORTAGE, ChangeType.ACKNOWLEDGED)).as("nothing delivered").isNull();
        await().atMost(Duration.ofSeconds(5)).until(() -> get(s.get(raised.id())).orElseThrow().equals(reminded));

        Alert again = get(s.acknowledge(raised.id(), "tech-a", "seen"));
        assertThat(again.state()).as("a retry over the stored version is applied").isEqualTo(AlertState.ACKNOWLEDGED);
        assertThat(store.saved.get(raised.id()).version()).isEqualTo(reminded.version() + 1);
    }

    @Test
    void twoInstancesRaisingOneConditionStoreOneAlert() throws Exception {
        AlertService s = service();
        Alert theirs = last(otherInstance.raise(AlertKind.SHORTAGE, "main", "RBC/O-", Severity.CRITICAL, "short", Map.of(), clock.instant()));
        store.storeAsAnotherInstance(theirs);

        rows.set(List.of(shortLine(1)));
        assertThat(get(s.evaluate())).as("this instance's raise lost").isEmpty();

        assertThat(store.saved).containsOnlyKeys(theirs.id());
        assertThat(channel.changes).as("nothing delivered").isEmpty();
        await().atMost(Duration.ofSeconds(5)).until(() -> get(s.list(Alert::active)).stream().map(Alert::id).toList()
                .equals(List.of(theirs.id())));
    }

    private static <T> T get(Future<T> f) throws Exception {
        return f.toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
    }
}
