package org.hemowatch.coldchain;

import io.vertx.core.json.JsonObject;
import org.hemowatch.testing.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.hemowatch.testing.HemowatchExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code coldChain.readingRetention}: the purge deletes readings measured longer ago than the
 * retention, {@code GET /devices/{id}/readings} no longer returns them, newer ones stay. The purge
 * runs right after the start and then daily.
 */
@Timeout(120)
class ReadingRetentionEndToEndIT {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");
    private static final String PERIOD = "from=2026-10-01T00:00:00Z&to=2026-12-31T00:00:00Z&limit=100";

    private final TestClock clock = new TestClock(T0);
    @RegisterExtension
    final HemowatchExtension service = ColdChainHarness.extension(clock);
    private ColdChainHarness h;

    @Test
    void purgeDeletesReadingsOlderThanTheRetentionAndKeepsNewerOnes() throws Exception {
        h = ColdChainHarness.start(service, "  readingRetention: P30D\n");
        Instant old1 = T0.minus(Duration.ofDays(40));
        Instant old2 = T0.minus(Duration.ofDays(30)).minusSeconds(1);
        Instant kept1 = T0.minus(Duration.ofDays(30));
        Instant kept2 = T0.minus(Duration.ofDays(1));
        for (Instant at : List.of(old1, old2, kept1, kept2)) {
            h.reading("fridge-1", at, 4.0);
        }
        assertThat(readingTimes()).containsExactly(old1.toString(), old2.toString(), kept1.toString(), kept2.toString());

        clock.set(T0);
        int deleted = h.coldChain().purge().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThat(deleted).isEqualTo(2);
        assertThat(readingTimes()).containsExactly(kept1.toString(), kept2.toString());
        // the purge does not touch the monitor
        assertThat(h.json("/api/v1/devices/fridge-1").getJsonObject("lastReading").getString("at")).isEqualTo(kept2.toString());
    }

    @Test
    void purgeRunsWhenTheServiceStarts() throws Exception {
        h = ColdChainHarness.start(service, "  readingRetention: P30D\n");
        h.reading("fridge-1", T0, 4.0);
        h.reading("fridge-1", T0.plus(Duration.ofDays(5)), 4.1);
        // a service restarted more often than daily still purges
        h.restart(() -> clock.set(T0.plus(Duration.ofDays(32))));
        await().atMost(10, TimeUnit.SECONDS).pollInterval(Duration.ofMillis(20))
                .until(() -> readingTimes().size() == 1);
        assertThat(readingTimes()).containsExactly(T0.plus(Duration.ofDays(5)).toString());
    }

    private List<String> readingTimes() throws Exception {
        return h.json("/api/v1/devices/fridge-1/readings?" + PERIOD).getJsonArray("items").stream()
                .map(o -> ((JsonObject) o).getString("at")).toList();
    }
}
