package org.hemowatch.alerts;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class CoalescerTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final List<long[]> scheduled = new ArrayList<>();
    private final List<Runnable> tasks = new ArrayList<>();
    private final AtomicInteger runs = new AtomicInteger();
    private final Coalescer c = new Coalescer(200, now::get, (delay, task) -> {
        scheduled.add(new long[] {now.get(), delay});
        tasks.add(task);
    }, runs::incrementAndGet);

    @Test
    void runsTheFirstTriggerAtOnce() {
        c.trigger();

        assertThat(runs).hasValue(1);
        assertThat(scheduled).isEmpty();
    }

    @Test
    void aBurstWithinTheWindowSharesOneRunAtTheWindowsEnd() {
        c.trigger();
        for (int i = 0; i < 20; i++) {
            now.addAndGet(5);
            c.trigger();
        }

        assertThat(runs).hasValue(1);
        assertThat(scheduled).hasSize(1);
        assertThat(scheduled.get(0)[1]).isEqualTo(195); // 1000 + 200 - 1005
        now.set(1_200);
        tasks.get(0).run();
        assertThat(runs).hasValue(2);
    }

    @Test
    void aTriggerAfterAQuietWindowRunsAtOnceAgain() {
        c.trigger();
        now.addAndGet(250);
        c.trigger();

        assertThat(runs).hasValue(2);
        assertThat(scheduled).isEmpty();
    }

    @Test
    void aRunFromTheTickCountsAsTheWindowsRun() {
        c.ran();
        now.addAndGet(50);
        c.trigger();

        assertThat(runs).hasValue(0);
        assertThat(scheduled.get(0)[1]).isEqualTo(150);
    }
}
