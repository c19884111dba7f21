package org.hemowatch.ingest.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/** Supervisor state machine and backoff with scripted links (no hardware). */
@ExtendWith(VertxExtension.class)
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SerialPortSupervisorTest {
    private static final SerialPortConfig PORT =
            SerialPortConfig.fridge("/dev/ttyFAKE0", 9600, Map.of("1", "fridge-1"), "site-a");

    /** Each create() takes the next scripted outcome: an open failure reason, or "data" then EIO. */
    private final Deque<Object> script = new ArrayDeque<>();
    private final List<Long> attemptNanos = new CopyOnWriteArrayList<>();

    @Test
    void busyPortIsRetriedWithGrowingBackoffThatResetsAfterOpen(Vertx vertx) throws Exception {
        script.add(SerialLinkException.Reason.BUSY);
        script.add(SerialLinkException.Reason.BUSY);
        script.add(SerialLinkException.Reason.BUSY);
        script.add("x");
        script.add(SerialLinkException.Reason.MISSING);
        SerialPortSupervisor supervisor = new SerialPortSupervisor(vertx.getOrCreateContext(), this::link,
                new SupervisorSettings(Duration.ofMillis(5), Duration.ofMillis(100), Duration.ofMillis(800)),
                Clock.systemUTC());
        List<PortState> changes = new CopyOnWriteArrayList<>();
        supervisor.onStatusChange(s -> changes.add(s.state()));
        List<String> data = new CopyOnWriteArrayList<>();

        supervisor.open(PORT, b -> data.add(new String(b)));
        await().atMost(Duration.ofSeconds(10)).until(() -> attemptNanos.size() >= 6);
        // attempts: BUSY, BUSY, BUSY, open (delivers "x", then EIO), MISSING, MISSING
        supervisor.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);

        List<Long> gapsMs = new ArrayList<>();
        for (int i = 1; i < 6; i++) {
            gapsMs.add((attemptNanos.get(i) - attemptNanos.get(i - 1)) / 1_000_000);
        }
        // busy: 100, 200, 400 (sleeps never undershoot; upper bounds only where they tell cases apart);
        // the open resets the backoff, so the lost link waits 100 (not 800), then 200 again
        assertThat(gapsMs.get(0)).isGreaterThanOrEqualTo(100L);
        assertThat(gapsMs.get(1)).isGreaterThanOrEqualTo(200L);
        assertThat(gapsMs.get(2)).isGreaterThanOrEqualTo(400L);
        assertThat(gapsMs.get(3)).isBetween(100L, 600L);
        assertThat(gapsMs.get(4)).isGreaterThanOrEqualTo(200L);
        assertThat(data).containsExactly("x");
        await().atMost(Duration.ofSeconds(5)).until(() -> changes.contains(PortState.STOPPED));
        assertThat(changes).containsSubsequence(PortState.BUSY, PortState.OPEN, PortState.DISCONNECTED,
                PortState.MISSING, PortState.STOPPED);
        assertThat(supervisor.status().get(PORT.path()).opens()).isEqualTo(1);
    }

    @Test
    void refusesToSuperviseAPathTwice(Vertx vertx) {
        script.add(SerialLinkException.Reason.MISSING);
        SerialPortSupervisor supervisor = new SerialPortSupervisor(vertx.getOrCreateContext(), this::link,
                SupervisorSettings.defaults(), Clock.systemUTC());
        supervisor.open(PORT, b -> { });

        assertThatThrownBy(() -> supervisor.open(PORT, b -> { })).isInstanceOf(IllegalStateException.class);
        supervisor.close();
    }

    private synchronized SerialLink link(String path, int baud) {
        Object next = script.isEmpty() ? SerialLinkException.Reason.MISSING : script.poll();
        return new ScriptedLink(path, next);
    }

    private final class ScriptedLink implements SerialLink {
        private final String path;
        private final Object outcome;
        private boolean delivered;
        private boolean open;

        ScriptedLink(String path, Object outcome) {
            this.path = path;
            this.outcome = outcome;
        }

        @Override
        public String path() {
            return path;
        }

        @Override
        public void open() throws SerialLinkException {
            attemptNanos.add(System.nanoTime());
            if (outcome instanceof SerialLinkException.Reason r) {
                throw new SerialLinkException(r, path + ": scripted " + r, null);
            }
            open = true;
        }

        @Override
        public List<String> warnings() {
            return List.of();
        }

        @Override
        public byte[] readAvailable() throws SerialLinkException {
            if (!delivered) {
                delivered = true;
                return ((String) outcome).getBytes();
            }
            throw new SerialLinkException(SerialLinkException.Reason.IO, path + ": scripted EIO", null);
        }

        @Override
        public void write(byte[] data) {
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }
    }
}
