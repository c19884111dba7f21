package org.hemowatch.ingest;

import org.hemowatch.domain.rule.RejectedException;
import org.hemowatch.domain.rule.Rejection;
import org.hemowatch.domain.TemperatureReading;
import org.hemowatch.domain.TemperatureReading.AgitatorState;
import org.hemowatch.domain.TemperatureReading.DoorState;
import org.hemowatch.store.Database;
import org.hemowatch.store.DatabaseConfig;
import org.hemowatch.store.DocumentRecords;
import org.hemowatch.store.GroupCommitWriter;
import org.hemowatch.store.StoreException;
import org.hemowatch.store.WriterListener;
import org.hemowatch.auth.DeviceScope;
import org.hemowatch.auth.KeyPrincipal;
import org.hemowatch.auth.Principal;
import org.hemowatch.auth.Role;
import org.hemowatch.domain.TimePlausibility;
import org.hemowatch.domain.DeviceStatusReport;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ReadingIngest on a real SQLite store: combining of batches into one write, per-batch outcomes, failure isolation. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ReadingIngestTest {

    private static final Principal GATEWAY = new KeyPrincipal("k1", "gateway", Role.DEVICE, null, DeviceScope.ALL);

    private static final Instant T0 = Instant.parse("2026-11-23T04:00:00Z");

    @TempDir
    Path dir;
    private Database db;
    private GroupCommitWriter writer;
    private ReadingIngest ingest;
    private final List<Integer> committedTasks = new CopyOnWriteArrayList<>();
    /** What the listener saw, in order: each call as the list of "device:seq". */
    private final List<List<String>> heard = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() {
        db = Database.open(DatabaseConfig.sqlite(dir.resolve("hemowatch.db")));
        writer = new GroupCommitWriter(db, 512, new WriterListener() {
            @Override
            public void batchCommitted(int tasks, long nanos) {
                committedTasks.add(tasks);
            }

            @Override
            public void batchFailed(int tasks, Throwable cause) {
            }
        });
        ingest = new ReadingIngest(writer, Clock.fixed(T0.plusSeconds(3600), ZoneOffset.UTC), TimePlausibility.DEFAULT);
        ingest.onReadings(list -> heard.add(list.stream().map(r -> r.device() + ":" + r.seq()).toList()));
    }

    @AfterEach
    void close() {
        writer.close();
        db.close();
    }

    private static TemperatureReading reading(String device, long seq) {
        return new TemperatureReading("main", device, seq, T0.plusSeconds(seq), 4.0, "air", DoorState.CLOSED, AgitatorState.UNKNOWN, "mqtt");
    }

    private static <T> T await(CompletableFuture<T> f) throws Exception {
        return f.get(20, TimeUnit.SECONDS);
    }

    @Test
    void batchesRecordedWhileTheWriterIsBusyShareOneWriteAndKeepTheirOwnOutcome() throws Exception {
        writer.pause();
        CompletableFuture<ReadingIngest.Stored> a = ingest.record(GATEWAY, List.of(reading("fridge-1", 1), reading("fridge-1", 2)));
        CompletableFuture<ReadingIngest.Stored> b = ingest.record(GATEWAY, List.of(reading("fridge-2", 1)));
        CompletableFuture<ReadingIngest.Stored> again = ingest.record(GATEWAY, List.of(reading("fridge-1", 2), reading("fridge-1", 3)));
        assertThat(List.of(a, b, again)).noneMatch(CompletableFuture::isDone);
        writer.resume();

        assertThat(await(a)).isEqualTo(new ReadingIngest.Stored(2, 0));
        assertThat(await(b)).isEqualTo(new ReadingIngest.Stored(1, 0));
        assertThat(await(again)).isEqualTo(new ReadingIngest.Stored(1, 1));
        assertThat(committedTasks).containsExactly(1);
        assertThat(heard).containsExactly(List.of("fridge-1:1", "fridge-1:2", "fridge-2:1", "fridge-1:3"));
        assertThat(count()).isEqualTo(4);
    }

    @Test
    void aRedeliveredBatchIsAcknowledgedAsDuplicatesAndNotHeardAgain() throws Exception {
        List<TemperatureReading> batch = List.of(reading("fridge-1", 7), reading("fridge-1", 8));
        assertThat(await(ingest.record(GATEWAY, batch))).isEqualTo(new ReadingIngest.Stored(2, 0));

        assertThat(await(ingest.record(GATEWAY, batch))).isEqualTo(new ReadingIngest.Stored(0, 2));

        assertThat(heard).hasSize(1);
        assertThat(count()).isEqualTo(2);
    }

    @Test
    void aBatchTheDatabaseRefusesFailsAloneAndTheOthersCombinedWithItAreStored() throws Exception {
        await(writer.submit(tx -> {
            try (Statement st = tx.connection().createStatement()) {
                st.execute("CREATE TRIGGER poison BEFORE INSERT ON readings WHEN NEW.device = 'poison' BEGIN SELECT RAISE(ABORT, 'poisoned'); END");
            }
            return null;
        }));
        writer.pause();
        CompletableFuture<ReadingIngest.Stored> good1 = ingest.record(GATEWAY, List.of(reading("fridge-1", 1)));
        CompletableFuture<ReadingIngest.Stored> bad = ingest.record(GATEWAY, List.of(reading("poison", 1)));
        CompletableFuture<ReadingIngest.Stored> good2 = ingest.record(GATEWAY, List.of(reading("fridge-2", 1)));
        writer.resume();

        assertThat(await(good1)).isEqualTo(new ReadingIngest.Stored(1, 0));
        assertThat(await(good2)).isEqualTo(new ReadingIngest.Stored(1, 0));
        assertThatThrownBy(() -> await(bad)).isInstanceOf(ExecutionException.class).hasMessageContaining("poisoned");
        assertThat(count()).isEqualTo(2);
        assertThat(heard.stream().flatMap(List::stream)).containsExactlyInAnyOrder("fridge-1:1", "fridge-2:1");
    }

    @Test
    void aWriteSubmittedByTheAdmissionCommitsNoLaterThanTheReadingsItAdmitted() throws Exception {
        List<String> order = new CopyOnWriteArrayList<>();
        ingest.onReadings(list -> order.add("readings " + list.get(0).device()));
        ingest.setAdmission((site, device) -> {
            if (device.equals("new-fridge")) {
                writer.submit(tx -> {
                    DocumentRecords.put(tx, "devices", site + "/" + device, "{}", T0);
                    tx.afterCommit(() -> order.add("registered " + device));
                    return null;
                });
            }
            return Optional.empty();
        });
        writer.pause();
        CompletableFuture<ReadingIngest.Stored> known = ingest.record(GATEWAY, List.of(reading("fridge-1", 1)));
        CompletableFuture<ReadingIngest.Stored> fresh = ingest.record(GATEWAY, List.of(reading("new-fridge", 1)));
        writer.resume();
        await(known);
        await(fresh);

        // the queued write of fridge-1 was submitted before the registration: it must not take new-fridge's readings
        assertThat(order).containsExactly("readings fridge-1", "registered new-fridge", "readings new-fridge");
    }

    @Test
    void refusedReadingsFailWithTheRuleAndAreNotStored() throws Exception {
        TemperatureReading hot = new TemperatureReading("main", "fridge-1", 1, T0, 95.0, "air", DoorState.CLOSED, AgitatorState.UNKNOWN, "mqtt");
        assertThatThrownBy(() -> await(ingest.record(GATEWAY, List.of(reading("fridge-1", 2), hot))))
                .hasCauseInstanceOf(RejectedException.class).hasMessageContaining("temperature-out-of-bounds");
        ingest.setAdmission((site, device) -> Optional.of(Rejection.unknown("unknown-device", "no")));
        assertThatThrownBy(() -> await(ingest.record(GATEWAY, List.of(reading("fridge-9", 1))))).hasMessageContaining("unknown-device");
        assertThat(count()).isZero();
    }

    @Test
    void manyConcurrentRecordersAreAllStoredOnceInFewWrites() throws Exception {
        List<CompletableFuture<ReadingIngest.Stored>> all = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        List<CompletableFuture<ReadingIngest.Stored>> shared = new CopyOnWriteArrayList<>();
        for (int t = 0; t < 4; t++) {
            String device = "fridge-" + t;
            Thread th = new Thread(() -> {
                for (int i = 0; i < 2000; i++) {
                    shared.add(ingest.record(GATEWAY, List.of(reading(device, i % 1500))));
                }
            });
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join();
        }
        all.addAll(shared);
        int stored = 0;
        int duplicates = 0;
        for (CompletableFuture<ReadingIngest.Stored> f : all) {
            ReadingIngest.Stored s = await(f);
            stored += s.stored();
            duplicates += s.duplicates();
        }
        assertThat(stored).isEqualTo(4 * 1500);
        assertThat(duplicates).isEqualTo(4 * 500);
        assertThat(count()).isEqualTo(4 * 1500);
        assertThat(heard.stream().mapToInt(List::size).sum()).isEqualTo(4 * 1500);
        int tasks = committedTasks.stream().mapToInt(Integer::intValue).sum();
        assertThat(tasks).as("write tasks for 8000 batches").isLessThan(8000);
    }

    @Test
    void recordingAfterTheWriterClosedFails() {
        writer.close();
        assertThatThrownBy(() -> await(ingest.record(GATEWAY, List.of(reading("fridge-1", 1))))).hasCauseInstanceOf(StoreException.class);
    }

    private long count() {
        return db.read(c -> {
            try (Statement st = c.createStatement(); var rs = st.executeQuery("SELECT count(*) FROM readings")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    private static TemperatureReading readingAt(String device, long seq, Instant at) {
        return new TemperatureReading("main", device, seq, at, 4.0, "air", DoorState.CLOSED, AgitatorState.UNKNOWN, "mqtt");
    }

    private static String ruleOf(CompletableFuture<?> f) {
        assertThat(f).isCompletedExceptionally();
        return Rejection.of(f.handle((v, e) -> e).join()).orElseThrow().rule();
    }

    @Test
    void aReadingFromTheFutureIsRefusedAndStoresNothing() throws Exception {
        Instant now = T0.plusSeconds(3600);
        CompletableFuture<ReadingIngest.Stored> future = ingest.record(GATEWAY,
                List.of(readingAt("fridge-1", 1, now.plusSeconds(10)), readingAt("fridge-1", 2, Instant.parse("2099-01-01T00:00:00Z"))));
        assertThat(ruleOf(future)).isEqualTo("timestamp-in-future");
        // within the skew is accepted
        assertThat(await(ingest.record(GATEWAY, List.of(readingAt("fridge-1", 3, now.plus(Duration.ofMinutes(4)))))).stored()).isEqualTo(1);
        assertThat(count()).isEqualTo(1);
        assertThat(heard).containsExactly(List.of("fridge-1:3"));
    }

    @Test
    void aReadingOlderThanTheMaximumAgeIsStoredButNeverReachesTheDeviceState() throws Exception {
        Instant now = T0.plusSeconds(3600);
        assertThat(await(ingest.record(GATEWAY, List.of(readingAt("fridge-1", 1, now.minus(Duration.ofHours(25))),
                readingAt("fridge-1", 2, now.minusSeconds(5)))))).isEqualTo(new ReadingIngest.Stored(2, 0));
        assertThat(count()).isEqualTo(2);
        assertThat(heard).containsExactly(List.of("fridge-1:2"));
        List<TemperatureReading> stored = db.read(c -> org.hemowatch.store.ReadingRecords.range(c, "main", "fridge-1", Instant.EPOCH, now.plusSeconds(1), 10, 0));
        assertThat(stored).extracting(TemperatureReading::seq, TemperatureReading::late).containsExactly(tuple(1L, true), tuple(2L, false));
    }

    @Test
    void aDeviceKeySpeaksOnlyForItsOwnDevicesAndSiteAndARefusalStoresNothing() throws Exception {
        Principal fridgeA1 = new KeyPrincipal("k2", "fridge a1", Role.DEVICE, "main", DeviceScope.parse(List.of("fridge-a1")));
        assertThat(ruleOf(ingest.record(fridgeA1, List.of(reading("fridge-a1", 1), reading("fridge-a2", 1))))).isEqualTo("device-forbidden");
        Principal otherSite = new KeyPrincipal("k3", "north gateway", Role.DEVICE, "north", DeviceScope.ALL);
        assertThat(ruleOf(ingest.record(otherSite, List.of(reading("fridge-a1", 1))))).isEqualTo("site-forbidden");
        Principal station = new KeyPrincipal("k4", "ward screen", Role.STATION, "main", DeviceScope.NONE);
        assertThat(ruleOf(ingest.record(station, List.of(reading("fridge-a1", 1))))).isEqualTo("role-forbidden");
        assertThat(count()).isZero();
        assertThat(heard).isEmpty();
        assertThatThrownBy(() -> ingest.status(fridgeA1, new DeviceStatusReport("main", "fridge-a2", 1, T0, "offline", "mqtt")))
                .isInstanceOf(RejectedException.class).hasMessageContaining("device-forbidden");
        assertThat(await(ingest.record(fridgeA1, List.of(reading("fridge-a1", 1))))).isEqualTo(new ReadingIngest.Stored(1, 0));
    }
}
