package org.hemowatch.ingest.mqtt;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The shared acknowledgement policy, without a connection: order, settlement and store failure. */
class OrderedAcksTest {

    private final List<Integer> acked = new ArrayList<>();
    private final AtomicInteger drops = new AtomicInteger();
    private final OrderedAcks acks = new OrderedAcks(drops::incrementAndGet);

    private OrderedAcks.Handle add(int id) {
        return acks.add(() -> acked.add(id));
    }

    @Test
    void acknowledgesInArrivalOrderWhateverOrderTheCommitsFinishIn() {
        OrderedAcks.Handle a = add(1);
        OrderedAcks.Handle b = add(2);
        OrderedAcks.Handle c = add(3);

        c.settle(true);
        b.settle(true);
        assertThat(acked).as("nothing before the first is settled").isEmpty();
        assertThat(acks.pending()).isEqualTo(3);

        a.settle(true);
        assertThat(acked).containsExactly(1, 2, 3);
        assertThat(acks.pending()).isZero();
        assertThat(drops).hasValue(0);
    }

    @Test
    void aStoreFailureAcknowledgesWhatCameBeforeItThenDropsTheConnectionOnceAndAcknowledgesNothingAfter() {
        OrderedAcks.Handle a = add(1);
        OrderedAcks.Handle b = add(2);
        OrderedAcks.Handle c = add(3);

        b.settle(false);
        c.settle(true);
        assertThat(drops).as("the failure waits for its turn").hasValue(0);
        a.settle(true);

        assertThat(acked).containsExactly(1);
        assertThat(drops).hasValue(1);
        assertThat(acks.failed()).isTrue();
        assertThat(acks.pending()).isZero();

        OrderedAcks.Handle late = add(4);
        late.settle(true);
        add(5).settle(false);
        assertThat(acked).as("nothing is acknowledged on a connection being dropped").containsExactly(1);
        assertThat(drops).hasValue(1);
    }

    @Test
    void settlingTwiceCountsOnce() {
        OrderedAcks.Handle a = add(1);
        OrderedAcks.Handle b = add(2);
        a.settle(true);
        a.settle(false);
        b.settle(true);

        assertThat(acked).containsExactly(1, 2);
        assertThat(drops).hasValue(0);
    }
}
