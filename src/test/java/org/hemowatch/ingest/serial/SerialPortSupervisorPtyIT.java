package org.hemowatch.ingest.serial;

import org.hemowatch.testing.SocatPair;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The supervisor over real socat pseudo-terminals: delivery, disconnect, reconnect without restart. */
@ExtendWith(VertxExtension.class)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SerialPortSupervisorPtyIT {
    private static final SupervisorSettings FAST =
            new SupervisorSettings(Duration.ofMillis(10), Duration.ofMillis(100), Duration.ofMillis(400));

    @TempDir
    Path dir;

    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final List<PortStatus> changes = new CopyOnWriteArrayList<>();
    private final AtomicBoolean offContext = new AtomicBoolean();
    private SerialPortSupervisor supervisor;

    @BeforeAll
    static void socatIsInstalled() {
        SocatPair.requireSocat();
    }

    @AfterEach
    void closeSupervisor() throws Exception {
        if (supervisor != null) {
            supervisor.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void deliversBytesReportsDisconnectAndReconnectsAtTheSameLinkWithoutRestart(Vertx vertx) throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        SocatPair first = SocatPair.start(a, b);
        Context context = vertx.getOrCreateContext();
        supervise(context, b);

        await().atMost(Duration.ofSeconds(10)).until(() -> state(b) == PortState.OPEN);
        first.writeToA("$HWT,1,0,air,4.2,C,-*76\r\n");
        await().atMost(Duration.ofSeconds(10)).until(() -> text().contains("$HWT,1,0,air,4.2,C,-*76\r\n"));

        first.kill();
        await().atMost(Duration.ofSeconds(10)).until(() ->
                changes.stream().anyMatch(s -> s.state() == PortState.DISCONNECTED));
        assertThat(state(b)).isNotEqualTo(PortState.OPEN);

        try (SocatPair second = SocatPair.start(a, b)) {
            await().atMost(Duration.ofSeconds(15)).until(() ->
                    state(b) == PortState.OPEN && supervisor.status().get(b.toString()).opens() == 2);
            second.writeToA("$HWS,1,3,PWR_FAIL*6A\r\n");
            await().atMost(Duration.ofSeconds(10)).until(() -> text().endsWith("$HWS,1,3,PWR_FAIL*6A\r\n"));
        }

        assertThat(offContext).as("handlers ran off the Vert.x context").isFalse();
        PortStatus status = supervisor.status().get(b.toString());
        assertThat(status.failures()).isGreaterThanOrEqualTo(1);
        assertThat(status.bytesRead()).isEqualTo(text().length());
        assertThat(changes).extracting(PortStatus::state)
                .containsSubsequence(PortState.OPEN, PortState.DISCONNECTED, PortState.OPEN);
    }

    @Test
    void missingPortIsRetriedUntilItAppears(Vertx vertx) throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        supervise(vertx.getOrCreateContext(), b);

        await().atMost(Duration.ofSeconds(10)).until(() -> state(b) == PortState.MISSING);
        await().atMost(Duration.ofSeconds(10)).until(() -> supervisor.status().get(b.toString()).failures() >= 2);
        assertThat(supervisor.status().get(b.toString()).lastError()).contains(b.toString());
        assertThat(supervisor.status().get(b.toString()).nextAttemptAt()).isNotNull();

        try (SocatPair pair = SocatPair.start(a, b)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> state(b) == PortState.OPEN);
            pair.writeToA("$HWS,1,4,PWR_OK*6B\r\n");
            await().atMost(Duration.ofSeconds(10)).until(() -> text().equals("$HWS,1,4,PWR_OK*6B\r\n"));
        }
    }

    @Test
    void closeStopsThePortThread(Vertx vertx) throws Exception {
        Path b = dir.resolve("b");
        try (SocatPair pair = SocatPair.start(dir.resolve("a"), b)) {
            supervise(vertx.getOrCreateContext(), b);
            await().atMost(Duration.ofSeconds(10)).until(() -> state(b) == PortState.OPEN);

            supervisor.close().toCompletionStage().toCompletableFuture().get(20, TimeUnit.SECONDS);
            supervisor = null;

            await().atMost(Duration.ofSeconds(5)).until(() ->
                    !changes.isEmpty() && changes.get(changes.size() - 1).state() == PortState.STOPPED);
            assertThat(Thread.getAllStackTraces().keySet())
                    .noneMatch(t -> t.getName().equals("hemowatch-serial-" + b));
        }
    }

    private void supervise(Context context, Path path) {
        supervisor = new SerialPortSupervisor(context, JsscSerialLink::new, FAST, Clock.systemUTC());
        supervisor.onStatusChange(s -> {
            checkContext(context);
            changes.add(s);
        });
        supervisor.open(SerialPortConfig.fridge(path.toString(), 9600, Map.of("1", "fridge-1"), "site-a"), bytes -> {
            checkContext(context);
            synchronized (received) {
                received.writeBytes(bytes);
            }
        });
    }

    private void checkContext(Context context) {
        if (Vertx.currentContext() != context || !Context.isOnEventLoopThread()) {
            offContext.set(true);
        }
    }

    private PortState state(Path path) {
        return supervisor.status().get(path.toString()).state();
    }

    private String text() {
        synchronized (received) {
            return received.toString(StandardCharsets.US_ASCII);
        }
    }
}
