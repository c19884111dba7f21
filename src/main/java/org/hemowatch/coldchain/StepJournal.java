package org.hemowatch.coldchain;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import org.hemowatch.domain.Backoff;
import org.hemowatch.domain.coldchain.ColdChainEvent;
import org.hemowatch.domain.coldchain.Excursion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The cold-chain engine's steps on their way to the store. A failed write is retried with backoff
 * until it commits: the engine in memory has already moved on, so giving up would lose an
 * excursion's quarantine, its closed record or its alert. Events are delivered in step order, so a
 * later step's events wait for an earlier step's retried write. Runs on the service's context.
 */
final class StepJournal {

    private static final Logger LOG = LoggerFactory.getLogger(StepJournal.class);
    /** 50 ms doubling to 5 s, and never giving up (the elapsed time is not passed). */
    static final Backoff RETRY = Backoff.unbounded(Duration.ofMillis(50), Duration.ofSeconds(5));

    /** One engine step whose events wait for its write. */
    static final class Step {
        final List<ColdChainEvent> events;
        final List<ColdChainEvent.ExcursionStarted> started = new ArrayList<>();
        final List<Excursion> ended = new ArrayList<>();
        private final Promise<Void> delivered = Promise.promise();
        private boolean stored;
        private int failures;

        Step(List<ColdChainEvent> events) {
            this.events = events;
        }
    }

    private final Vertx vertx;
    private final Function<Step, Future<Void>> write;
    private final Consumer<List<ColdChainEvent>> deliver;
    private final Runnable retried;
    private final Deque<Step> unstored = new ArrayDeque<>();

    /**
     * @param write   one attempt to store a step (built from the state at the time of the attempt)
     * @param deliver hands a stored step's events to the listeners
     * @param retried counts a failed attempt
     */
    StepJournal(Vertx vertx, Function<Step, Future<Void>> write, Consumer<List<ColdChainEvent>> deliver, Runnable retried) {
        this.vertx = vertx;
        this.write = write;
        this.deliver = deliver;
        this.retried = retried;
    }

    /** Stores the step; the future completes once it is stored and its events are delivered. */
    Future<Void> add(Step step) {
        unstored.add(step);
        attempt(step);
        return step.delivered.future();
    }

    private void attempt(Step step) {
        write.apply(step).onSuccess(v -> {
            if (step.failures > 0) {
                LOG.info("cold-chain state stored after {} failed attempts", step.failures);
            }
            stored(step);
        }).onFailure(e -> {
            step.failures++;
            retried.run();
            long delay = RETRY.delay(step.failures).toMillis();
            if (step.failures == 1) {
                LOG.error("cold-chain state could not be stored ({} events); retrying every {} ms at most until it is",
                        step.events.size(), RETRY.max().toMillis(), e);
            } else {
                LOG.warn("cold-chain state still not stored after {} attempts ({}); next attempt in {} ms",
                        step.failures, e.getMessage(), delay);
            }
            vertx.setTimer(delay, id -> attempt(step));
        });
    }

    /** Marks a step stored and delivers the events of every stored step that no unstored one precedes. */
    private void stored(Step step) {
        step.stored = true;
        while (!unstored.isEmpty() && unstored.peek().stored) {
            Step s = unstored.poll();
            deliver.accept(s.events);
            s.delivered.complete();
        }
    }
}
