package org.hemowatch.app;

import io.vertx.core.Future;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LifecycleTest {

    private final List<String> log = new ArrayList<>();

    private Startable part(String name, boolean startFails) {
        return Startable.of(name, () -> {
            log.add("start " + name);
            return startFails ? Future.failedFuture(new IllegalStateException(name + " cannot start")) : Future.succeededFuture();
        }, () -> {
            log.add("stop " + name);
            return Future.succeededFuture();
        });
    }

    @Test
    void startsInOrderAndStopsInReverse() {
        Lifecycle l = new Lifecycle(List.of(part("store", false), part("mqtt", false), part("http", false)));

        assertThat(l.start().succeeded()).isTrue();
        assertThat(l.startedNames()).containsExactly("store", "mqtt", "http");
        assertThat(l.stop().succeeded()).isTrue();

        assertThat(log).containsExactly("start store", "start mqtt", "start http", "stop http", "stop mqtt", "stop store");
        assertThat(l.startedNames()).isEmpty();
    }

    @Test
    void aPartThatCannotStartStopsTheStartedOnesInReverseAndStartsNoMore() {
        Lifecycle l = new Lifecycle(List.of(part("store", false), part("mqtt", false), part("http", true), part("serial", false)));

        Future<Void> started = l.start();

        assertThat(started.failed()).isTrue();
        assertThat(started.cause()).hasMessage("http cannot start");
        assertThat(log).containsExactly("start store", "start mqtt", "start http", "stop mqtt", "stop store");
        assertThat(l.startedNames()).isEmpty();
    }

    @Test
    void aFailingStopDoesNotKeepTheOthersFromStopping() {
        Startable broken = Startable.of("broken", Future::succeededFuture, () -> {
            throw new IllegalStateException("cannot stop");
        });
        Lifecycle l = new Lifecycle(List.of(part("store", false), broken, part("http", false)));
        l.start();

        assertThat(l.stop().succeeded()).isTrue();

        assertThat(log).containsExactly("start store", "start http", "stop http", "stop store");
    }
}
