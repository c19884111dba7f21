package org.hemowatch.store;

import org.hemowatch.domain.Abo;
import org.hemowatch.domain.BloodGroup;
import org.hemowatch.domain.ComponentClass;
import org.hemowatch.domain.RhD;
import org.hemowatch.domain.rule.Rejection;
import org.hemowatch.domain.supply.ParLevel;
import org.hemowatch.domain.supply.StockKey;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Supply's store adapter on a real SQLite file: the stored and audited par-level JSON, and compare-and-set between instances. */
class DocumentSupplyStoreTest {

    private static final Instant T0 = Instant.parse("2026-03-01T08:00:00Z");
    private static final ParLevel O_NEG = new ParLevel(new StockKey("main", ComponentClass.RED_CELLS, new BloodGroup(Abo.O, RhD.NEG)), 4, 10);

    @TempDir
    Path dir;
    private Database db;
    private GroupCommitWriter writer;

    @BeforeEach
    void open() {
        db = Database.open(DatabaseConfig.sqlite(dir.resolve("hemowatch.db")));
        writer = new GroupCommitWriter(db, 16, WriterListener.NONE);
    }

    @AfterEach
    void close() {
        writer.close();
        db.close();
    }

    @Test
    void aParLevelIsStoredAuditedAndLoggedInTheFieldsItAlwaysHad() throws Exception {
        DocumentSupplyStore store = new DocumentSupplyStore(db, writer, new ChangeLog("one"));

        assertThat(store.putParLevels(List.of(O_NEG), "alice", "u1", T0).toCompletableFuture().get(20, TimeUnit.SECONDS)).containsExactly(O_NEG);

        assertThat(db.read((Connection c) -> DocumentRecords.get(c, DocumentSupplyStore.PAR_LEVELS, "main:RBC/O-"))).contains(
                "{\"site\":\"main\",\"component\":\"RBC\",\"group\":\"O-\",\"minimum\":4,\"ideal\":10,\"updatedBy\":\"alice\",\"updated\":\"2026-03-01T08:00:00Z\"}");
        List<AuditEntry> audit = db.read((Connection c) -> AuditRecords.about(c, "main:RBC/O-"));
        assertThat(audit).singleElement().satisfies(e -> {
            assertThat(e.action()).isEqualTo("par-level.set");
            assertThat(e.detailJson()).isEqualTo("{\"site\":\"main\",\"component\":\"RBC\",\"group\":\"O-\",\"minimum\":4,\"ideal\":10}");
            assertThat(e.actorId()).isEqualTo("u1");
        });
        assertThat(db.read((Connection c) -> ChangeLog.since(c, 0, 10))).anySatisfy(ch -> assertThat(ch.subject()).isEqualTo("main:RBC/O-"));
        assertThat(new DocumentSupplyStore(db, writer, new ChangeLog("two")).parLevels()).containsExactly(O_NEG);
        assertThat(store.parLevel("main:RBC/O-")).contains(O_NEG);
        assertThat(store.parLevel("main:RBC/A+")).isEmpty();
    }

    @Test
    void aParLevelChangedByAnotherInstanceSinceItWasReadIsAConcurrentChangeAndNothingIsStored() throws Exception {
        DocumentSupplyStore one = new DocumentSupplyStore(db, writer, new ChangeLog("one"));
        DocumentSupplyStore two = new DocumentSupplyStore(db, writer, new ChangeLog("two"));
        one.putParLevels(List.of(O_NEG), "alice", "u1", T0).toCompletableFuture().get(20, TimeUnit.SECONDS);
        assertThat(two.parLevels()).containsExactly(O_NEG);
        ParLevel raised = new ParLevel(O_NEG.key(), 6, 12);
        one.putParLevels(List.of(raised), "alice", "u1", T0.plusSeconds(60)).toCompletableFuture().get(20, TimeUnit.SECONDS);

        assertThatThrownBy(() -> two.putParLevels(List.of(new ParLevel(O_NEG.key(), 1, 2)), "bob", "u2", T0.plusSeconds(90))
                .toCompletableFuture().get(20, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .satisfies(e -> assertThat(Rejection.of(e.getCause())).hasValueSatisfying(r -> assertThat(r.rule()).isEqualTo("concurrent-change")));
        assertThat(one.parLevels()).containsExactly(raised);
        assertThat(db.read((Connection c) -> AuditRecords.about(c, "main:RBC/O-"))).hasSize(2);
    }
}
