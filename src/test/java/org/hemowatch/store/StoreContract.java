package org.hemowatch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hemowatch.store.StoreFixtures.T0;
import static org.hemowatch.store.StoreFixtures.at;
import static org.hemowatch.store.StoreFixtures.event;
import static org.hemowatch.store.StoreFixtures.issued;
import static org.hemowatch.store.StoreFixtures.reading;
import static org.hemowatch.store.StoreFixtures.received;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.IntendedUse;
import org.hemowatch.domain.TemperatureReading;
import org.hemowatch.domain.UnitAction;
import org.hemowatch.domain.UnitEvent;
import org.hemowatch.domain.UnitStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * The store's behaviour, run against every dialect by a subclass that provides fresh empty databases.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
abstract class StoreContract {

    private static final List<String> TABLES = List.of("units", "unit_events", "api_keys", "audit_log", "readings", "documents");

    /** A configuration pointing at a new, empty database. */
    protected abstract DatabaseConfig newDatabase() throws Exception;

    protected abstract Dialect expectedDialect();

    protected DatabaseConfig cfg;
    protected Database db;
    protected GroupCommitWriter writer;
    protected RecordingListener listener;

    @BeforeEach
    void openStore() throws Exception {
        cfg = newDatabase();
        openAgain();
    }

    @AfterEach
    void closeStore() {
        if (writer != null) {
            writer.close();
        }
        if (db != null) {
            db.close();
        }
    }

    protected void openAgain() {
        db = Database.open(cfg);
        listener = new RecordingListener();
        writer = new GroupCommitWriter(db, 64, listener);
    }

    protected void reopen() {
        closeStore();
        openAgain();
    }

    protected <R> R write(WriteTask<R> task) throws Exception {
        return writer.submit(task).get(20, TimeUnit.SECONDS);
    }

    private int flywayAppliedMigrations() {
        return db.read((Connection c) -> {
            try (Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT count(*) FROM flyway_schema_history WHERE success = "
                         + (db.dialect() == Dialect.SQLITE ? "1" : "true") + " AND version IS NOT NULL")) {
                rs.next();
                return rs.getInt(1);
            }
        });
    }

    private long rowCount(String table) {
        return db.read((Connection c) -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    // ---- schema and lifecycle

    @Test
    void firstOpenCreatesTheSchemaAndReopenDoesNotMigrateAgain() {
        assertThat(db.dialect()).isEqualTo(expectedDialect());
        assertThat(db.isOpen()).isTrue();
        for (String table : TABLES) {
            assertThat(rowCount(table)).as(table).isZero();
        }
        int applied = flywayAppliedMigrations();
        assertThat(applied).isPositive();

        reopen();

        assertThat(flywayAppliedMigrations()).isEqualTo(applied);
        for (String table : TABLES) {
            assertThat(rowCount(table)).as(table).isZero();
        }
    }

    @Test
    void closedDatabaseRefusesReads() {
        writer.close();
        db.close();
        assertThat(db.isOpen()).isFalse();
        assertThatThrownBy(() -> db.read((Connection c) -> 1)).isInstanceOf(StoreException.class).hasMessageContaining("closed");
    }

    @Test
    void readConnectionsCannotWrite() {
        assertThatThrownBy(() -> db.read((Connection c) -> {
            try (Statement st = c.createStatement()) {
                return st.executeUpdate("INSERT INTO documents (collection, id, json, updated) VALUES ('a', 'b', '{}', 0)");
            }
        })).isInstanceOf(StoreException.class);
        assertThat(rowCount("documents")).isZero();
        // the pool still works after the failure
        assertThat(rowCount("units")).isZero();
    }

    @Test
    void aLateReadingIsStoredMarkedLateAndARowStoredWithoutTheMarkReadsBackInTime() throws Exception {
        write(tx -> {
            ReadingRecords.insert(tx, reading("fridge-1", 1, T0, 4.2).asLate());
            try (java.sql.Statement st = tx.connection().createStatement()) { // as rows stored before migration V5_3_1
                st.executeUpdate("INSERT INTO readings (site, device, seq, at, temp_c, probe, door, agitator, source) VALUES ('site-a', 'fridge-1', 2, "
                        + T0.plusSeconds(60).toEpochMilli() + ", 4.3, 'air', 'UNKNOWN', 'UNKNOWN', 'old')");
            }
            return null;
        });
        assertThat(db.read((Connection c) -> ReadingRecords.range(c, "site-a", "fridge-1", T0, T0.plusSeconds(3600), 10, 0)))
                .extracting(TemperatureReading::late).containsExactly(true, false);
    }

    @Test
    void stateSurvivesCloseAndReopen() throws Exception {
        BloodUnit u = received("=W000025123456");
        write(tx -> {
            UnitRecords.save(tx, u);
            UnitRecords.append(tx, List.of(event(u.key().din(), UnitAction.RECEIVE, null, UnitStatus.RECEIVED, T0)));
            ApiKeyRecords.insert(tx, new ApiKeyRecord("k1", "lab", "TECHNICIAN", "site-a", "hash-1", T0, null));
            AuditRecords.append(tx, new AuditEntry(T0, "admin", "key.create", "k1", "{\"role\":\"TECHNICIAN\"}"));
            ReadingRecords.insert(tx, reading("fridge-1", 1, T0, 4.2));
            DocumentRecords.put(tx, "par", "site-a", "{\"RBC\":10}", T0);
            return null;
        });

        reopen();

        assertThat(db.read(UnitRecords::loadAll)).containsExactly(u);
        assertThat(db.read((Connection c) -> UnitRecords.history(c, u.key().din()))).hasSize(1);
        assertThat(db.read(ApiKeyRecords::loadAll)).extracting(ApiKeyRecord::id).containsExactly("k1");
        assertThat(db.read((Connection c) -> AuditRecords.list(c, 10))).extracting(AuditEntry::action).containsExactly("key.create");
        assertThat(db.read((Connection c) -> ReadingRecords.latest(c, "site-a", "fridge-1"))).contains(reading("fridge-1", 1, T0, 4.2));
        assertThat(db.read((Connection c) -> DocumentRecords.get(c, "par", "site-a"))).contains("{\"RBC\":10}");
    }

    // ---- units

    @Test
    void unitSaveIsAnUpsertAndHistoryComesBackInOrder() throws Exception {
        BloodUnit u = received("=W000025123456");
        BloodUnit other = received("=W000025999999");
        BloodUnit out = issued(u, at(90));
        UnitEvent receive = event(u.key().din(), UnitAction.RECEIVE, null, UnitStatus.RECEIVED, T0);
        UnitEvent issue = new UnitEvent(u.key(), UnitAction.ISSUE, UnitStatus.RECEIVED, UnitStatus.ISSUED, at(90),
                "site-a", null, "ward-7", "tech-2", "api", "crossmatched");
        // the later event is appended first: history orders by time, not by insertion
        write(tx -> {
            UnitRecords.save(tx, u);
            UnitRecords.save(tx, other);
            UnitRecords.append(tx, List.of(issue));
            UnitRecords.append(tx, List.of(receive, event(other.key().din(), UnitAction.RECEIVE, null, UnitStatus.RECEIVED, T0)));
            return null;
        });
        write(tx -> {
            UnitRecords.save(tx, out);
            return null;
        });

        assertThat(db.read(UnitRecords::loadAll)).containsExactly(out, other);
        assertThat(db.read((Connection c) -> UnitRecords.history(c, u.key().din()))).containsExactly(receive, issue);
        assertThat(db.read((Connection c) -> UnitRecords.history(c, "=W000025000000"))).isEmpty();
    }

    @Test
    void everySafetyFactOfAUnitSurvivesInsertAndCompareAndSetUpdate() throws Exception {
        BloodUnit plain = received("=W000025123457");
        BloodUnit u = new BloodUnit(plain.key(), plain.component(), plain.group(), plain.expires(), plain.site(), "bench", null,
                UnitStatus.AVAILABLE, null, T0, 1, IntendedUse.DIRECTED_CROSSOVER, "MRN 4711", at(5), true, T0.minus(java.time.Duration.ofDays(3)));
        BloodUnit later = new BloodUnit(u.key(), u.component(), u.group(), u.expires(), u.site(), "fridge-1", null,
                UnitStatus.AVAILABLE, null, at(10), 2, u.intendedUse(), null, null, true, u.collected());
        assertThat((boolean) write(tx -> UnitRecords.write(tx, u, null))).isTrue();
        assertThat(db.read(UnitRecords::loadAll)).containsExactly(u);

        assertThat((boolean) write(tx -> UnitRecords.write(tx, later, 1L))).isTrue();
        assertThat(db.read(UnitRecords::loadAll)).containsExactly(later);
        assertThat((boolean) write(tx -> UnitRecords.write(tx, u, 1L))).as("a stale version changes nothing").isFalse();
        assertThat(db.read(UnitRecords::loadAll)).containsExactly(later);
    }

    @Test
    void theRecipientOfAnIssueIsAFieldOfTheEvent() throws Exception {
        BloodUnit u = received("=W000025123458");
        UnitEvent issue = new UnitEvent(u.key(), UnitAction.ISSUE, UnitStatus.AVAILABLE, UnitStatus.ISSUED, at(3), "site-a", null,
                "ward-7", "tech-2", "api", "crossmatched", "k1", "lab", "MRN 4711");
        UnitEvent receive = event(u.key().din(), UnitAction.RECEIVE, null, UnitStatus.RECEIVED, T0);
        write(tx -> {
            UnitRecords.save(tx, u);
            UnitRecords.append(tx, List.of(receive, issue));
            return null;
        });

        assertThat(db.read((Connection c) -> UnitRecords.history(c, u.key().din()))).containsExactly(receive, issue);
        assertThat(db.read((Connection c) -> UnitRecords.history(c, u.key().din()))).extracting(UnitEvent::recipient)
                .containsExactly(null, "MRN 4711");
    }

    @Test
    void eventsSinceFiltersByTimeAndAction() throws Exception {
        List<UnitEvent> events = List.of(
                event("=W000025000001", UnitAction.ISSUE, UnitStatus.AVAILABLE, UnitStatus.ISSUED, at(-60)),
                event("=W000025000002", UnitAction.ISSUE, UnitStatus.AVAILABLE, UnitStatus.ISSUED, at(0)),
                event("=W000025000003", UnitAction.DISCARD, UnitStatus.AVAILABLE, UnitStatus.DISCARDED, at(10)),
                event("=W000025000004", UnitAction.ISSUE, UnitStatus.AVAILABLE, UnitStatus.ISSUED, at(20)));
        write(tx -> {
            UnitRecords.append(tx, events);
            return null;
        });

        assertThat(db.read((Connection c) -> UnitRecords.eventsSince(c, T0, UnitAction.ISSUE))).containsExactly(events.get(1), events.get(3));
        assertThat(db.read((Connection c) -> UnitRecords.eventsSince(c, T0, null))).containsExactly(events.get(1), events.get(2), events.get(3));
        assertThat(db.read((Connection c) -> UnitRecords.eventsSince(c, at(30), UnitAction.ISSUE))).isEmpty();
    }

    // ---- api keys and audit

    @Test
    void apiKeysAreStoredRevokedOnceAndHashesAreUnique() throws Exception {
        ApiKeyRecord admin = new ApiKeyRecord("k1", "ops", "ADMIN", null, "hash-1", T0, null);
        ApiKeyRecord hospital = new ApiKeyRecord("k2", "st-mary", "HOSPITAL", "site-a", "hash-2", at(1), null);
        write(tx -> {
            ApiKeyRecords.insert(tx, admin);
            ApiKeyRecords.insert(tx, hospital);
            return null;
        });

        assertThat(write((Tx tx) -> ApiKeyRecords.revoke(tx, "k2", at(5)))).isTrue();
        assertThat(write((Tx tx) -> ApiKeyRecords.revoke(tx, "k2", at(6)))).as("already revoked").isFalse();
        assertThat(write((Tx tx) -> ApiKeyRecords.revoke(tx, "nope", at(6)))).isFalse();
        CompletableFuture<Object> duplicate = writer.submit(tx -> {
            ApiKeyRecords.insert(tx, new ApiKeyRecord("k3", "copy", "ADMIN", null, "hash-1", at(7), null));
            return null;
        });
        assertThatThrownBy(() -> duplicate.get(20, TimeUnit.SECONDS)).hasCauseInstanceOf(SQLException.class);

        assertThat(db.read(ApiKeyRecords::loadAll)).containsExactly(
                admin, new ApiKeyRecord("k2", "st-mary", "HOSPITAL", "site-a", "hash-2", at(1), at(5)));
    }

    @Test
    void auditListsNewestFirstUpToTheLimit() throws Exception {
        List<AuditEntry> entries = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            entries.add(new AuditEntry(at(i), "admin", "action-" + i, i % 2 == 0 ? "subject-" + i : null,
                    i == 0 ? null : "{\"n\":" + i + "}"));
        }
        for (AuditEntry e : entries) {
            write(tx -> {
                AuditRecords.append(tx, e);
                return null;
            });
        }

        assertThat(db.read((Connection c) -> AuditRecords.list(c, 3))).containsExactly(entries.get(4), entries.get(3), entries.get(2));
        assertThat(db.read((Connection c) -> AuditRecords.list(c, 100))).hasSize(5).last().isEqualTo(entries.get(0));
    }

    // ---- readings

    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/store/reading-dedup.csv")
    void duplicateReadingsAreDroppedWithinOneDay(String description, String storedDevice, long storedSeq, long storedAt,
                                                 String newDevice, long newSeq, long newAt, boolean expectStored) throws Exception {
        TemperatureReading first = reading(storedDevice, storedSeq, at(storedAt), 4.0);
        TemperatureReading second = reading(newDevice, newSeq, at(newAt), 4.5);
        assertThat(write((Tx tx) -> ReadingRecords.insert(tx, first))).isTrue();

        assertThat(write((Tx tx) -> ReadingRecords.insert(tx, second))).isEqualTo(expectStored);

        assertThat(rowCount("readings")).isEqualTo(expectStored ? 2 : 1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/store/reading-dedup-batch.csv", delimiter = '|')
    void insertAllStoresEachReadingThatIsNotADuplicate(String description, String stored, String list, String expected) throws Exception {
        List<TemperatureReading> before = readings(stored);
        List<TemperatureReading> batch = readings(list);
        write(tx -> ReadingRecords.insertAll(tx, before));

        boolean[] result = write((Tx tx) -> ReadingRecords.insertAll(tx, batch));

        StringBuilder flags = new StringBuilder();
        for (boolean b : result) {
            flags.append(b ? 'T' : 'F');
        }
        assertThat(flags.toString()).isEqualTo(expected);
        long storedNow = expected.chars().filter(ch -> ch == 'T').count();
        assertThat(rowCount("readings")).isEqualTo(before.size() + storedNow);
        List<TemperatureReading> all = db.read((Connection c) -> ReadingRecords.range(c, "site-a", null, at(-10_000), at(10_000), 1000, 0));
        for (int i = 0; i < batch.size(); i++) {
            if (result[i]) {
                assertThat(all).contains(batch.get(i));
            }
        }
    }

    /** "device:seq:minutes device:seq:minutes ..." (seq -1 = none) as readings with distinct temperatures. */
    private static List<TemperatureReading> readings(String spec) {
        List<TemperatureReading> out = new ArrayList<>();
        if (spec == null || spec.isBlank()) {
            return out;
        }
        for (String r : spec.trim().split("\\s+")) {
            String[] f = r.split(":");
            out.add(reading(f[0], Long.parseLong(f[1]), at(Long.parseLong(f[2])), 3.0 + out.size() / 10.0));
        }
        return out;
    }

    @Test
    void aLongListWithReDeliveriesInsideStoresEveryReadingOnce() throws Exception {
        List<TemperatureReading> batch = new ArrayList<>();
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < 300; i++) {
            batch.add(reading("fridge-1", i, at(i), 4.0));
            expected.append('T');
            if (i % 70 == 69) { // a re-delivery of an earlier reading, between chunks of rows
                batch.add(reading("fridge-1", i - 30, at(i - 30), 4.0));
                expected.append('F');
            }
        }

        boolean[] result = write((Tx tx) -> ReadingRecords.insertAll(tx, batch));

        StringBuilder flags = new StringBuilder();
        for (boolean b : result) {
            flags.append(b ? 'T' : 'F');
        }
        assertThat(flags.toString()).isEqualTo(expected.toString());
        assertThat(rowCount("readings")).isEqualTo(300);
    }

    @Test
    void aReDeliveryAfterReopeningIsStillDropped() throws Exception {
        write(tx -> ReadingRecords.insertAll(tx, List.of(reading("fridge-1", 1, T0, 4.0), reading("fridge-1", 2, at(1), 4.1))));

        reopen();

        assertThat(write((Tx tx) -> ReadingRecords.insertAll(tx, List.of(reading("fridge-1", 2, at(1), 4.1),
                reading("fridge-1", 3, at(2), 4.2))))).containsExactly(false, true);
        assertThat(rowCount("readings")).isEqualTo(3);
    }

    @Test
    void aLingeringWriteOnAnIdleWriterWaitsForTheNextTaskAndSharesItsCommit() throws Exception {
        RecordingListener heard = new RecordingListener();
        try (GroupCommitWriter lingering = new GroupCommitWriter(db, 64, heard, TimeUnit.SECONDS.toNanos(30))) {
            CompletableFuture<String> state = lingering.submitLingering(tx -> "state");
            org.awaitility.Awaitility.await().during(java.time.Duration.ofMillis(300)).atMost(java.time.Duration.ofSeconds(5))
                    .until(() -> !state.isDone());

            CompletableFuture<String> next = lingering.submit(tx -> "next");

            assertThat(next.get(30, TimeUnit.SECONDS)).isEqualTo("next");
            assertThat(state).isCompletedWithValue("state");
            assertThat(heard.committedBatches).containsExactly(2);
        }
    }

    @Test
    void aLoneLingeringWriteCommitsAfterTheLinger() throws Exception {
        RecordingListener heard = new RecordingListener();
        try (GroupCommitWriter lingering = new GroupCommitWriter(db, 64, heard, TimeUnit.MILLISECONDS.toNanos(50))) {
            assertThat(lingering.submitLingering(tx -> "state").get(30, TimeUnit.SECONDS)).isEqualTo("state");
            assertThat(heard.committedBatches).containsExactly(1);
        }
    }

    @Test
    void insertAllIsAllOrNothingWithItsTask() throws Exception {
        List<TemperatureReading> batch = List.of(reading("fridge-1", 1, T0, 4.0), reading("fridge-1", 2, at(1), 4.1));
        assertThatThrownBy(() -> write(tx -> {
            ReadingRecords.insertAll(tx, batch);
            throw new IllegalStateException("refused after the insert");
        })).hasRootCauseInstanceOf(IllegalStateException.class);

        assertThat(rowCount("readings")).isZero();
        assertThat(write((Tx tx) -> ReadingRecords.insertAll(tx, batch))).containsExactly(true, true);
    }

    @Test
    void duplicatesInsideOneBatchAreDropped() throws Exception {
        TemperatureReading r = reading("fridge-1", 3, T0, 4.0);
        writer.pause();
        CompletableFuture<Boolean> first = writer.submit(tx -> ReadingRecords.insert(tx, r));
        CompletableFuture<Boolean> again = writer.submit(tx -> ReadingRecords.insert(tx, r));
        writer.resume();

        assertThat(first.get(20, TimeUnit.SECONDS)).isTrue();
        assertThat(again.get(20, TimeUnit.SECONDS)).isFalse();
        assertThat(listener.committedBatches).containsExactly(2);
        assertThat(rowCount("readings")).isEqualTo(1);
    }

    @Test
    void readingRangeIsHalfOpenOrderedAndPaged() throws Exception {
        List<TemperatureReading> fridge1 = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            fridge1.add(reading("fridge-1", i, at(i), 2.0 + i / 10.0));
        }
        write(tx -> {
            // stored out of time order on purpose
            for (int i = fridge1.size() - 1; i >= 0; i--) {
                ReadingRecords.insert(tx, fridge1.get(i));
            }
            for (int i = 0; i < 5; i++) {
                ReadingRecords.insert(tx, reading("fridge-2", i, at(i), Double.NaN));
            }
            return null;
        });

        List<TemperatureReading> pages = new ArrayList<>();
        for (int offset = 0; offset < 40; offset += 10) {
            int o = offset;
            List<TemperatureReading> page = db.read((Connection c) -> ReadingRecords.range(c, "site-a", "fridge-1", T0, at(25), 10, o));
            assertThat(page.size()).isEqualTo(Math.max(0, Math.min(10, 25 - offset)));
            pages.addAll(page);
        }
        assertThat(pages).containsExactlyElementsOf(fridge1);
        assertThat(db.read((Connection c) -> ReadingRecords.range(c, "site-a", "fridge-1", at(5), at(10), 100, 0)))
                .containsExactlyElementsOf(fridge1.subList(5, 10));
        assertThat(db.read((Connection c) -> ReadingRecords.range(c, "site-a", null, T0, at(25), 100, 0))).hasSize(30);
        assertThat(db.read((Connection c) -> ReadingRecords.range(c, "site-b", "fridge-1", T0, at(25), 100, 0))).isEmpty();

        assertThat(db.read((Connection c) -> ReadingRecords.latest(c, "site-a", "fridge-1"))).contains(fridge1.get(24));
        Optional<TemperatureReading> latestNaN = db.read((Connection c) -> ReadingRecords.latest(c, "site-a", "fridge-2"));
        assertThat(latestNaN).get().extracting(TemperatureReading::tempC).isEqualTo(Double.NaN);
        assertThat(db.read((Connection c) -> ReadingRecords.latest(c, "site-a", "fridge-9"))).isEmpty();
    }

    @Test
    void retentionDeletesOnlyOlderReadings() throws Exception {
        write(tx -> {
            for (int i = 0; i < 20; i++) {
                ReadingRecords.insert(tx, reading("fridge-1", i, at(i), 4.0));
            }
            return null;
        });

        assertThat(write((Tx tx) -> ReadingRecords.deleteOlderThan(tx, at(5), 3))).isEqualTo(3);
        assertThat(write((Tx tx) -> ReadingRecords.deleteOlderThan(tx, at(5), 3))).isEqualTo(2);
        assertThat(write((Tx tx) -> ReadingRecords.deleteOlderThan(tx, at(10)))).isEqualTo(5);
        assertThat(write((Tx tx) -> ReadingRecords.deleteOlderThan(tx, at(10)))).isZero();

        assertThat(db.read((Connection c) -> ReadingRecords.range(c, "site-a", "fridge-1", at(-100), at(100), 100, 0)))
                .extracting(TemperatureReading::seq).containsExactly(10L, 11L, 12L, 13L, 14L, 15L, 16L, 17L, 18L, 19L);
    }

    // ---- documents

    @Test
    void documentsArePutReplacedListedAndDeleted() throws Exception {
        write(tx -> {
            DocumentRecords.put(tx, "alerts", "a2", "{\"state\":\"OPEN\"}", T0);
            DocumentRecords.put(tx, "alerts", "a1", "{\"state\":\"OPEN\"}", T0);
            DocumentRecords.put(tx, "devices", "fridge-1", "{\"online\":true}", T0);
            return null;
        });
        write(tx -> {
            DocumentRecords.put(tx, "alerts", "a1", "{\"state\":\"ACKED\"}", at(1));
            return null;
        });

        assertThat(db.read((Connection c) -> DocumentRecords.get(c, "alerts", "a1"))).contains("{\"state\":\"ACKED\"}");
        assertThat(db.read((Connection c) -> DocumentRecords.all(c, "alerts")))
                .containsExactly(Map.entry("a1", "{\"state\":\"ACKED\"}"), Map.entry("a2", "{\"state\":\"OPEN\"}"));

        assertThat(write((Tx tx) -> DocumentRecords.delete(tx, "alerts", "a2"))).isTrue();
        assertThat(write((Tx tx) -> DocumentRecords.delete(tx, "alerts", "a2"))).isFalse();
        assertThat(db.read((Connection c) -> DocumentRecords.get(c, "alerts", "a2"))).isEmpty();
        assertThat(db.read((Connection c) -> DocumentRecords.all(c, "alerts"))).containsOnlyKeys("a1");
        assertThat(db.read((Connection c) -> DocumentRecords.all(c, "devices"))).containsOnlyKeys("fridge-1");
        assertThat(db.read((Connection c) -> DocumentRecords.all(c, "nothing"))).isEmpty();
    }

    // ---- versioned documents (several instances, issue 15)

    @Test
    void aVersionedDocumentIsReplacedOnlyOverItsVersionAndALiveKeyIsHeldByOneDocument() throws Exception {
        String key = "shortage/main/RBC/O-";
        assertThat(write((Tx tx) -> DocumentRecords.insert(tx, "alerts", "a1", "{\"v\":1}", T0, 1, key))).isTrue();
        assertThat(write((Tx tx) -> DocumentRecords.insert(tx, "alerts", "a2", "{\"v\":1}", T0, 1, key))).as("key held").isFalse();
        assertThat(write((Tx tx) -> DocumentRecords.insert(tx, "alerts", "a1", "{\"v\":9}", T0, 1, null))).as("id taken").isFalse();
        assertThat(write((Tx tx) -> DocumentRecords.replace(tx, "alerts", "a1", "{\"v\":2}", at(1), 1, 2, key))).isTrue();
        assertThat(write((Tx tx) -> DocumentRecords.replace(tx, "alerts", "a1", "{\"v\":0}", at(2), 1, 2, null)))
                .as("over a stale version").isFalse();
        assertThat(write((Tx tx) -> DocumentRecords.replace(tx, "alerts", "zz", "{}", at(2), 0, 1, null))).as("gone").isFalse();
        assertThat(db.read((Connection c) -> DocumentRecords.versioned(c, "alerts", "a1")))
                .as("nothing applied by the refused writes").contains(new DocumentRecords.Versioned("a1", "{\"v\":2}", 2, key));
        assertThat(db.read((Connection c) -> DocumentRecords.all(c, "alerts"))).containsOnlyKeys("a1");

        // a resolved alert gives its key up: a new one may take it; another collection is another namespace
        assertThat(write((Tx tx) -> DocumentRecords.replace(tx, "alerts", "a1", "{\"v\":3}", at(2), 2, 3, null))).isTrue();
        assertThat(write((Tx tx) -> DocumentRecords.insert(tx, "alerts", "a2", "{\"v\":1}", at(3), 1, key))).isTrue();
        assertThat(write((Tx tx) -> DocumentRecords.insert(tx, "devices", "d1", "{}", at(3), 1, key))).isTrue();
        assertThat(db.read((Connection c) -> DocumentRecords.byLiveKey(c, "alerts", key)).map(DocumentRecords.Versioned::id)).contains("a2");
        assertThat(db.read((Connection c) -> DocumentRecords.allVersioned(c, "alerts"))).extracting(DocumentRecords.Versioned::version)
                .containsExactly(3L, 1L);
    }

    @Test
    void migrationV5_2_1ResolvesDuplicateUnresolvedAlertsKeepingTheFirstOpened() throws Exception {
        DatabaseConfig old = newDatabase();
        if (expectedDialect() == Dialect.SQLITE) {
            ConnectionFactory.prepareSqliteFile(old.url());
        }
        ConnectionFactory factory = new ConnectionFactory(old, expectedDialect());
        org.flywaydb.core.Flyway.configure().dataSource(factory).locations(expectedDialect().migrationLocation())
                .target("4.12").load().migrate();
        try (Connection c = factory.getConnection(); PreparedStatement ps = c.prepareStatement(
                "INSERT INTO documents (collection, id, json, updated) VALUES ('alerts', ?, ?, 0)")) {
            String[][] docs = {
                    {"b-later", "shortage", "RBC/O-", "ACKNOWLEDGED", "2026-11-23T11:00:00Z"},
                    {"a-first", "shortage", "RBC/O-", "OPEN", "2026-11-23T10:00:00Z"},
                    {"c-done", "shortage", "RBC/O-", "RESOLVED", "2026-11-23T09:00:00Z"},
                    {"d-other", "shortage", "RBC/A+", "OPEN", "2026-11-23T12:00:00Z"}};
            for (String[] d : docs) {
                ps.setString(1, d[0]);
                ps.setString(2, new io.vertx.core.json.JsonObject().put("id", d[0]).put("kind", d[1]).put("site", "main")
                        .put("subject", d[2]).put("state", d[3]).put("opened", d[4]).put("nextReminderAt", d[4]).encode());
                ps.executeUpdate();
            }
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
        closeStore();
        cfg = old;
        openAgain();

        Map<String, DocumentRecords.Versioned> after = new java.util.HashMap<>();
        db.read((Connection c) -> DocumentRecords.allVersioned(c, "alerts")).forEach(d -> after.put(d.id(), d));
        assertThat(after).containsOnlyKeys("a-first", "b-later", "c-done", "d-other");
        assertThat(after.get("a-first").liveKey()).isEqualTo("shortage/main/RBC/O-");
        assertThat(after.get("d-other").liveKey()).isEqualTo("shortage/main/RBC/A+");
        assertThat(after.get("c-done").liveKey()).isNull();
        DocumentRecords.Versioned dup = after.get("b-later");
        io.vertx.core.json.JsonObject json = new io.vertx.core.json.JsonObject(dup.json());
        assertThat(dup.liveKey()).isNull();
        assertThat(dup.version()).isEqualTo(1);
        assertThat(json.getString("state")).isEqualTo("RESOLVED");
        assertThat(json.getString("resolvedBy")).contains("duplicate");
        assertThat(json.getString("nextReminderAt")).isNull();
        assertThat(json.getString("subject")).as("the rest kept").isEqualTo("RBC/O-");
        assertThat(new io.vertx.core.json.JsonObject(after.get("a-first").json()).getString("state")).isEqualTo("OPEN");
    }

    @Test
    void documentsAreFoundByIdPrefixExactlyAndInIdOrder() throws Exception {
        write(tx -> {
            DocumentRecords.put(tx, "excursions", "main/fridge-1@2026-01-02T00:00:00Z", "{\"n\":2}", T0);
            DocumentRecords.put(tx, "excursions", "main/fridge-1@2026-01-01T00:00:00Z", "{\"n\":1}", T0);
            DocumentRecords.put(tx, "excursions", "main/fridge-10@2026-01-01T00:00:00Z", "{\"n\":3}", T0);
            DocumentRecords.put(tx, "excursions", "main/fridge_1@2026-01-01T00:00:00Z", "{\"n\":4}", T0);
            DocumentRecords.put(tx, "excursions", "MAIN/fridge-1@2026-01-01T00:00:00Z", "{\"n\":5}", T0);
            DocumentRecords.put(tx, "device-monitor", "main/fridge-1@x", "{}", T0);
            return null;
        });

        assertThat(db.read((Connection c) -> DocumentRecords.withIdPrefix(c, "excursions", "main/fridge-1@")))
                .containsExactly(Map.entry("main/fridge-1@2026-01-01T00:00:00Z", "{\"n\":1}"),
                        Map.entry("main/fridge-1@2026-01-02T00:00:00Z", "{\"n\":2}"));
        assertThat(db.read((Connection c) -> DocumentRecords.withIdPrefix(c, "excursions", "main/fridge%@"))).isEmpty();
        assertThat(db.read((Connection c) -> DocumentRecords.withIdPrefix(c, "excursions", "main/none@"))).isEmpty();
    }

    // ---- group commit

    private boolean documentVisible(String collection, String id) {
        return db.read((Connection c) -> DocumentRecords.get(c, collection, id)).isPresent();
    }

    @Test
    void concurrentSubmissionsAreCommittedInFewBatchesAndAcknowledgedOnlyAfterCommit() throws Exception {
        int tasks = 200;
        writer.pause();
        ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
        List<CompletableFuture<String>> acks = new CopyOnWriteArrayList<>();
        ExecutorService submitters = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Void>> submitted = new ArrayList<>();
            for (int i = 0; i < tasks; i++) {
                String id = "doc-" + i;
                submitted.add(CompletableFuture.runAsync(() -> {
                    AtomicBoolean hookRan = new AtomicBoolean();
                    CompletableFuture<String> f = writer.submit(tx -> {
                        DocumentRecords.put(tx, "gc", id, "{}", T0);
                        tx.afterCommit(() -> hookRan.set(true));
                        return id;
                    });
                    acks.add(f.whenComplete((r, e) -> {
                        // another connection must already see the row: the ack came after COMMIT
                        if (e != null || !hookRan.get() || !documentVisible("gc", id)) {
                            violations.add(id + " error=" + e + " hook=" + hookRan.get());
                        }
                    }));
                }, submitters));
            }
            CompletableFuture.allOf(submitted.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);
        } finally {
            submitters.shutdown();
        }
        assertThat(writer.queueDepth()).isEqualTo(tasks);
        assertThat(acks).noneMatch(CompletableFuture::isDone);
        assertThat(listener.committedBatches).isEmpty();

        writer.resume();
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);

        assertThat(violations).isEmpty();
        assertThat(listener.committedTasks()).isEqualTo(tasks);
        assertThat(listener.committedBatches).hasSizeLessThan(tasks).allMatch(n -> n <= 64);
        assertThat(listener.committedBatches.get(0)).isGreaterThan(1);
        assertThat(listener.commitTimes).allMatch(n -> n > 0);
        assertThat(writer.queueDepth()).isZero();
        assertThat(db.read((Connection c) -> DocumentRecords.all(c, "gc"))).hasSize(tasks);
    }

    @Test
    void aFailingTaskFailsOnlyItself() throws Exception {
        write(tx -> {
            ApiKeyRecords.insert(tx, new ApiKeyRecord("k1", "ops", "ADMIN", null, "hash-1", T0, null));
            return null;
        });
        List<String> hooks = new CopyOnWriteArrayList<>();
        writer.pause();
        CompletableFuture<String> before = writer.submit(tx -> {
            DocumentRecords.put(tx, "t", "before", "{}", T0);
            tx.afterCommit(() -> hooks.add("before:commit"));
            tx.afterRollback(() -> hooks.add("before:rollback"));
            return "ok-before";
        });
        CompletableFuture<String> failing = writer.submit(tx -> {
            tx.afterCommit(() -> hooks.add("failing:commit"));
            tx.afterRollback(() -> hooks.add("failing:rollback"));
            DocumentRecords.put(tx, "t", "failing", "{}", T0);
            // violates the unique key hash: a database error in the middle of the shared transaction
            ApiKeyRecords.insert(tx, new ApiKeyRecord("k2", "copy", "ADMIN", null, "hash-1", T0, null));
            return "never";
        });
        CompletableFuture<String> thrown = writer.submit(tx -> {
            DocumentRecords.put(tx, "t", "thrown", "{}", T0);
            throw new IllegalStateException("domain says no");
        });
        CompletableFuture<String> after = writer.submit(tx -> {
            DocumentRecords.put(tx, "t", "after", "{}", T0);
            tx.afterCommit(() -> hooks.add("after:commit"));
            return "ok-after";
        });
        writer.resume();

        assertThat(before.get(20, TimeUnit.SECONDS)).isEqualTo("ok-before");
        assertThat(after.get(20, TimeUnit.SECONDS)).isEqualTo("ok-after");
        assertThatThrownBy(() -> failing.get(20, TimeUnit.SECONDS)).hasCauseInstanceOf(SQLException.class);
        assertThatThrownBy(() -> thrown.get(20, TimeUnit.SECONDS))
                .hasCauseInstanceOf(IllegalStateException.class).hasMessageContaining("domain says no");
        assertThat(listener.committedBatches).endsWith(4);
        assertThat(listener.failedBatches).isEmpty();
        assertThat(hooks).containsExactly("failing:rollback", "before:commit", "after:commit");
        assertThat(db.read((Connection c) -> DocumentRecords.all(c, "t"))).containsOnlyKeys("before", "after");
        assertThat(db.read(ApiKeyRecords::loadAll)).extracting(ApiKeyRecord::id).containsExactly("k1");
    }

    @Test
    void aFailedCommitFailsTheWholeBatchAndRunsAfterRollback() throws Exception {
        // a deferred foreign key is only checked at COMMIT: a dependable way to make COMMIT fail on both databases
        write(tx -> {
            try (Statement st = tx.connection().createStatement()) {
                st.executeUpdate("CREATE TABLE gc_parent (id INTEGER PRIMARY KEY)");
                st.executeUpdate("CREATE TABLE gc_child (id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL"
                        + " REFERENCES gc_parent (id) DEFERRABLE INITIALLY DEFERRED)");
            }
            return null;
        });
        List<String> hooks = new CopyOnWriteArrayList<>();
        writer.pause();
        CompletableFuture<String> innocent = writer.submit(tx -> {
            DocumentRecords.put(tx, "t", "innocent", "{}", T0);
            tx.afterCommit(() -> hooks.add("innocent:commit"));
            tx.afterRollback(() -> hooks.add("innocent:rollback"));
            return "ok";
        });
        CompletableFuture<String> orphan = writer.submit(tx -> {
            tx.afterRollback(() -> hooks.add("orphan:rollback"));
            try (PreparedStatement ps = tx.connection().prepareStatement("INSERT INTO gc_child (id, parent_id) VALUES (1, 42)")) {
                ps.executeUpdate();
            }
            return "ok";
        });
        writer.resume();

        for (CompletableFuture<String> f : List.of(innocent, orphan)) {
            assertThatThrownBy(() -> f.get(20, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(StoreException.class).hasMessageContaining("rolled back");
        }
        assertThat(listener.failedBatches).containsExactly(2);
        // undo log: the batch is rolled back last task first
        assertThat(hooks).containsExactly("orphan:rollback", "innocent:rollback");
        assertThat(documentVisible("t", "innocent")).isFalse();

        // the writer carries on
        assertThat(write((Tx tx) -> {
            DocumentRecords.put(tx, "t", "next", "{}", T0);
            return "next";
        })).isEqualTo("next");
        assertThat(documentVisible("t", "next")).isTrue();
    }

    @Test
    void aPausedWriterCommitsNothingUntilResumed() throws Exception {
        writer.pause();
        CompletableFuture<String> f = writer.submit(tx -> {
            DocumentRecords.put(tx, "t", "paused", "{}", T0);
            return "done";
        });
        Thread.sleep(300);
        assertThat(f).isNotDone();
        assertThat(writer.queueDepth()).isEqualTo(1);
        assertThat(documentVisible("t", "paused")).isFalse();
        assertThat(listener.committedBatches).isEmpty();

        writer.resume();

        assertThat(f.get(20, TimeUnit.SECONDS)).isEqualTo("done");
        assertThat(documentVisible("t", "paused")).isTrue();
    }

    @Test
    void closeCommitsWhatIsQueuedAndThenRefusesSubmissions() throws Exception {
        writer.pause();
        List<CompletableFuture<Integer>> queued = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int n = i;
            queued.add(writer.submit(tx -> {
                DocumentRecords.put(tx, "t", "q" + n, "{}", T0);
                return n;
            }));
        }

        writer.close();

        for (int i = 0; i < queued.size(); i++) {
            assertThat(queued.get(i)).isCompletedWithValue(i);
        }
        CompletableFuture<Object> late = writer.submit(tx -> null);
        assertThatThrownBy(() -> late.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(StoreException.class);
        reopen();
        assertThat(db.read((Connection c) -> DocumentRecords.all(c, "t"))).hasSize(10);
    }

    @Test
    void aLaterTaskInABatchSeesTheWritesOfEarlierOnes() throws Exception {
        writer.pause();
        writer.submit(tx -> {
            DocumentRecords.put(tx, "t", "first", "{\"n\":1}", T0);
            return null;
        });
        CompletableFuture<Optional<String>> second = writer.submit(tx -> DocumentRecords.get(tx.connection(), "t", "first"));
        writer.resume();

        assertThat(second.get(20, TimeUnit.SECONDS)).contains("{\"n\":1}");
        assertThat(listener.committedBatches).containsExactly(2);
    }

    // ---- the start-up read

    @Test
    void theStartUpReadGivesBackEveryOpenUnitExactlyAsStoredAndNoFinalOne() throws Exception {
        List<BloodUnit> open = StoreFixtures.storeUnitsForTheStartUpRead(writer);

        List<BloodUnit> read = db.read((Connection c) -> OpenUnits.read(c));
        assertThat(read).containsExactlyInAnyOrderElementsOf(open);
        for (BloodUnit u : read) {
            assertThat(u).isEqualTo(db.read((Connection c) -> UnitRecords.find(c, u.key())));
        }
    }
}
