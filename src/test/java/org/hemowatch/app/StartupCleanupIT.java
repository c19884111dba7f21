package org.hemowatch.app;

import org.hemowatch.testing.HemowatchExtension;
import org.hemowatch.testing.ServiceBuilder;
import org.hemowatch.testing.ServiceProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

/**
 * A start that fails half-way (HTTP, the last listener, finds its port taken) closes what it had
 * opened — the MQTT listener, the store, Vert.x — and leaves no thread of its own behind.
 */
@Timeout(120)
class StartupCleanupIT {

    @RegisterExtension
    final HemowatchExtension service = ServiceBuilder.service().extension().startedByTest();

    @Test
    void aFailedStartClosesItsListenersAndStoreAndLeavesNoThread() throws Exception {
        Set<Long> before = threadIds();
        int mqttPort = ServiceProcess.freePort();
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            Throwable failure = catchThrowable(() -> service.start(b -> b
                    .env("HEMOWATCH_HTTP_PORT", Integer.toString(taken.getLocalPort()))
                    .env("HEMOWATCH_MQTT_PORT", Integer.toString(mqttPort))));

            assertThat(failure).isInstanceOf(ExecutionException.class).cause().isInstanceOf(StartupFailure.class)
                    .hasMessage("HTTP port " + taken.getLocalPort() + " is in use: set HEMOWATCH_HTTP_PORT or http.port");
        }
        // the MQTT listener that had started is closed again: its port can be bound
        try (ServerSocket again = new ServerSocket()) {
            again.bind(new InetSocketAddress("0.0.0.0", mqttPort));
        }
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(newThreads(before))
                .as("threads the failed start left behind").isEmpty());
    }

    private static Set<Long> threadIds() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getId).collect(Collectors.toSet());
    }

    /** Threads of the service (Vert.x, Netty, the writer, the starter) that did not exist before. */
    private static Set<String> newThreads(Set<Long> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && !before.contains(t.getId()))
                .map(Thread::getName)
                .filter(n -> n.startsWith("vert.x-") || n.startsWith("hemowatch-") || n.contains("eventloop") || n.startsWith("sqlite"))
                .collect(Collectors.toSet());
    }
}
