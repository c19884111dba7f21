package org.hemowatch.coldchain;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.hemowatch.domain.coldchain.ColdChainEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The journal's contract: events in step order, a failed write retried until it commits, nothing delivered before its write. */
class StepJournalTest {

    private final Vertx vertx = Vertx.vertx();
    private final List<String> delivered = new CopyOnWriteArrayList<>();
    private final AtomicInteger retries = new AtomicInteger();

    @AfterEach
    void close() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static StepJournal.Step step(String device) {
        return new StepJournal.Step(List.of(new ColdChainEvent.SensorOnline("main", device, Instant.EPOCH, null)));
    }

    private StepJournal journal(Function<StepJournal.Step, Future<Void>> write) {
        return new StepJournal(vertx, write, events -> events.forEach(e -> delivered.add(((ColdChainEvent.SensorOnline) e).device())),
                retries::incrementAndGet);
    }

    /** Runs on one Vert.x context, as the journal does in the service. */
    private <T> T onContext(Supplier<T> action) throws Exception {
        CompletableFuture<T> r = new CompletableFuture<>();
        vertx.runOnContext(v -> r.complete(action.get()));
        return r.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aLaterStepStoredFirstWaitsForTheEarlierOnesEvents() throws Exception {
        Map<String, Promise<Void>> writes = new HashMap<>();
        StepJournal journal = journal(s -> {
            Promise<Void> p = Promise.promise();
            writes.put(((ColdChainEvent.SensorOnline) s.events.get(0)).device(), p);
            return p.future();
        });
        Future<Void> first = onContext(() -> journal.add(step("fridge-1")));
        Future<Void> second = onContext(() -> journal.add(step("fridge-2")));

        onContext(() -> writes.get("fridge-2").tryComplete());
        assertThat(delivered).as("nothing before the earlier step is stored").isEmpty();
        assertThat(second.isComplete()).isFalse();

        onContext(() -> writes.get("fridge-1").tryComplete());
        assertThat(delivered).containsExactly("fridge-1", "fridge-2");
        assertThat(first.succeeded()).isTrue();
        assertThat(second.succeeded()).isTrue();
    }

    @Test
    void aFailedWriteIsRetriedUntilItCommitsAndOnlyThenDelivered() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        StepJournal journal = journal(s -> attempts.incrementAndGet() <= 3
                ? Future.failedFuture(new IllegalStateException("database is locked"))
                : Future.succeededFuture());

        Future<Void> done = onContext(() -> journal.add(step("fridge-1")));

        await().atMost(Duration.ofSeconds(20)).until(done::isComplete);
        assertThat(done.succeeded()).isTrue();
        assertThat(attempts).hasValue(4);
        assertThat(retries).as("each failed attempt counted").hasValue(3);
        assertThat(delivered).containsExactly("fridge-1");
    }

    @Test
    void theRetryDelayDoublesFrom50MsTo5sAndNeverGivesUp() {
        assertThat(StepJournal.RETRY.next(1, Duration.ZERO)).contains(Duration.ofMillis(50));
        assertThat(StepJournal.RETRY.next(2, Duration.ZERO)).contains(Duration.ofMillis(100));
        assertThat(StepJournal.RETRY.next(8, Duration.ZERO)).contains(Duration.ofSeconds(5));
        assertThat(StepJournal.RETRY.next(10_000, Duration.ZERO)).contains(Duration.ofSeconds(5));
    }
}
