package org.hemowatch.units;

import org.hemowatch.domain.Abo;
import org.hemowatch.domain.BloodGroup;
import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.ComponentClass;
import org.hemowatch.domain.Decision;
import org.hemowatch.domain.DiscardHold;
import org.hemowatch.domain.Inventory;
import org.hemowatch.domain.RhD;
import org.hemowatch.domain.UnitAction;
import org.hemowatch.domain.UnitCommand;
import org.hemowatch.domain.UnitEvent;
import org.hemowatch.domain.UnitKey;
import org.hemowatch.domain.UnitStatus;
import org.hemowatch.store.Database;
import org.hemowatch.store.DatabaseConfig;
import org.hemowatch.store.GroupCommitWriter;
import org.hemowatch.store.UnitRecords;
import org.hemowatch.store.WriterListener;
import org.hemowatch.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.hemowatch.store.ChangeLog;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The expiry timer's sweep against a real SQLite store: units past expiry become EXPIRED durably, others are untouched. */
@Timeout(60)
class ExpirySweepTest {

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock(Instant.parse("2026-11-23T10:00:00Z"));
    private Database db;
    private GroupCommitWriter writer;
    private Inventory inventory;
    private UnitWrites writes;

    @BeforeEach
    void open() {
        db = Database.open(new DatabaseConfig("jdbc:sqlite:" + dir.resolve("h.db"), null, null, 2));
        writer = new GroupCommitWriter(db, 64, WriterListener.NONE);
        inventory = new Inventory();
        writes = new UnitWrites(writer, inventory, new ChangeLog("test"));
    }

    @AfterEach
    void close() {
        writer.close();
        db.close();
    }

    @Test
    void expiresEveryUnitInStockWhoseExpiryHasPassedAndRecordsWhy() throws Exception {
        store("A999926000001", Duration.ofHours(2));
        store("A999926000002", Duration.ofHours(30));
        UnitKey issued = store("A999926000003", Duration.ofHours(1));
        writes.apply(command(UnitAction.ISSUE, issued, null, "ward-7")).get();

        clock.advance(Duration.ofHours(3));
        int expired = new ExpirySweep(inventory, writes, clock, site -> true).sweep().get();

        assertThat(expired).isEqualTo(1);
        assertThat(inventory.byDin("A999926000001").get(0).status()).isEqualTo(UnitStatus.EXPIRED);
        assertThat(inventory.byDin("A999926000002").get(0).status()).isEqualTo(UnitStatus.AVAILABLE);
        assertThat(inventory.get(issued).status()).as("issued units are the ward's to handle").isEqualTo(UnitStatus.ISSUED);
        List<UnitEvent> history = db.read(c -> UnitRecords.history(c, "A999926000001"));
        assertThat(history).last().satisfies(e -> {
            assertThat(e.action()).isEqualTo(UnitAction.EXPIRE);
            assertThat(e.source()).isEqualTo("timer:expiry");
        });
        assertThat(db.read(UnitRecords::loadAll)).filteredOn(u -> u.status() == UnitStatus.EXPIRED).hasSize(1);
    }

    @Test
    void leavesAUnitHeldForASignedDiscardInTheQuarantineQueueWhenItsExpiryPasses() throws Exception {
        UnitKey held = store("A999926000005", Duration.ofHours(1));
        UnitKey plain = store("A999926000006", Duration.ofHours(1));
        UnitCommand discard = new UnitCommand(UnitAction.DISCARD, held, null, "main", null, null, "scan-1", "mqtt:scan-1", "bag leaking", clock.instant());
        assertThat(writes.apply(DiscardHold.of(discard)).get()).isInstanceOf(Decision.Accepted.class);

        clock.advance(Duration.ofHours(2));
        int expired = new ExpirySweep(inventory, writes, clock, site -> true).sweep().get();

        assertThat(expired).isEqualTo(1);
        assertThat(inventory.get(plain).status()).isEqualTo(UnitStatus.EXPIRED);
        assertThat(inventory.get(held).status()).isEqualTo(UnitStatus.QUARANTINED);
        assertThat(inventory.get(held).statusReason()).isEqualTo("discard-pending-signature: bag leaking");
    }

    @Test
    void doesNothingWhenNothingIsDue() throws Exception {
        store("A999926000004", Duration.ofDays(5));

        assertThat(new ExpirySweep(inventory, writes, clock, site -> true).sweep().get()).isZero();
    }

    private UnitKey store(String din, Duration shelfLeft) throws Exception {
        UnitKey key = new UnitKey(din, "E0398", "00");
        UnitCommand cmd = new UnitCommand(UnitAction.STORE, key, new UnitCommand.LabelFacts(ComponentClass.RED_CELLS,
                new BloodGroup(Abo.O, RhD.POS), clock.instant().plus(shelfLeft)), "main", "fridge-1", null, "tech", "test", null, clock.instant());
        Decision d = writes.apply(cmd).get();
        assertThat(d).isInstanceOf(Decision.Accepted.class);
        return key;
    }

    private UnitCommand command(UnitAction action, UnitKey key, String location, String destination) {
        return new UnitCommand(action, key, null, "main", location, destination, "tech", "test", null, clock.instant());
    }
}
