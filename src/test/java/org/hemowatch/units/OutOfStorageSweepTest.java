package org.hemowatch.units;

import org.hemowatch.domain.Abo;
import org.hemowatch.domain.BloodGroup;
import org.hemowatch.domain.ComponentClass;
import org.hemowatch.domain.Decision;
import org.hemowatch.domain.Inventory;
import org.hemowatch.domain.RhD;
import org.hemowatch.domain.UnitAction;
import org.hemowatch.domain.UnitCommand;
import org.hemowatch.domain.UnitEvent;
import org.hemowatch.domain.UnitKey;
import org.hemowatch.domain.UnitStatus;
import org.hemowatch.domain.coldchain.ColdChainEvent;
import org.hemowatch.coldchain.DeviceRegistry;
import org.hemowatch.coldchain.StorageRuleSet;
import org.hemowatch.domain.coldchain.DeviceKind;
import org.hemowatch.domain.coldchain.DeviceProfiles;
import org.hemowatch.domain.coldchain.OutOfStorageLimits;
import org.hemowatch.store.ChangeLog;
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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The out-of-storage timer against a real SQLite store and the real write path: a unit left on a bench past
 * its class limit becomes QUARANTINED durably, with its history event and one alert event, without any scan.
 * The scan rules that keep the time ({@code StorageRuleSet}) run as in the service, with a registered fridge and
 * platelet agitator; the bench is not registered, so it is not controlled storage.
 */
@Timeout(60)
class OutOfStorageSweepTest {

    @TempDir
    Path dir;

    private static final OutOfStorageLimits LIMITS = OutOfStorageLimits.redCells(Duration.ofMinutes(30));
    private final TestClock clock = new TestClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final List<ColdChainEvent> alerts = new CopyOnWriteArrayList<>();
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
        DeviceRegistry registry = new DeviceRegistry();
        registry.put(DeviceProfiles.defaults(DeviceKind.REFRIGERATOR, "fridge-1", "main", "Fridge 1"));
        registry.put(DeviceProfiles.defaults(DeviceKind.PLATELET_AGITATOR, "agitator-1", "main", "Agitator 1"));
        writes.addRule(new StorageRuleSet(registry, (site, device) -> Optional.empty(), false, LIMITS));
    }

    @AfterEach
    void close() {
        writer.close();
        db.close();
    }

    @Test
    void quarantinesAUnitLeftOnABenchPastItsLimitWithAHistoryEventAndAnAlert() throws Exception {
        UnitKey bench = onBench("A999926000501", ComponentClass.RED_CELLS, "fridge-1");
        UnitKey platelets = onBench("A999926000502", ComponentClass.PLATELETS, "agitator-1");
        clock.advance(Duration.ofMinutes(30));
        assertThat(sweep(site -> true).sweep().get()).as("exactly the limit is still within it").isEmpty();

        clock.advance(Duration.ofMinutes(1));
        List<ColdChainEvent.UnitOutOfStorage> found = sweep(site -> true).sweep().get();

        assertThat(found).singleElement().satisfies(e -> {
            assertThat(e.unit()).isEqualTo(bench.toString());
            assertThat(e.device()).isEqualTo("bench");
            assertThat(e.limit()).isEqualTo(Duration.ofMinutes(30));
        });
        assertThat(alerts).containsExactlyElementsOf(found);
        assertThat(inventory.get(bench).status()).isEqualTo(UnitStatus.QUARANTINED);
        assertThat(inventory.get(bench).statusReason()).startsWith("out of controlled storage for 31 min");
        assertThat(inventory.get(platelets).status()).as("no limit for platelets by default").isEqualTo(UnitStatus.AVAILABLE);
        List<UnitEvent> history = db.read(c -> UnitRecords.history(c, bench.din()));
        assertThat(history).last().satisfies(e -> {
            assertThat(e.action()).isEqualTo(UnitAction.QUARANTINE);
            assertThat(e.source()).isEqualTo(OutOfStorageSweep.SOURCE);
            assertThat(e.actor()).isEqualTo("system");
        });
        assertThat(db.read(c -> UnitRecords.find(c, bench)).status()).as("durable").isEqualTo(UnitStatus.QUARANTINED);

        clock.advance(Duration.ofMinutes(10));
        assertThat(sweep(site -> true).sweep().get()).as("a quarantined unit is not quarantined again").isEmpty();
        List<UnitEvent> after = db.read(c -> UnitRecords.history(c, bench.din()));
        assertThat(after).hasSameSizeAs(history);
    }

    @Test
    void leavesUnitsInAFridgeAndSitesItDoesNotOwnAlone() throws Exception {
        UnitKey inFridge = store("A999926000503", ComponentClass.RED_CELLS, "fridge-1");
        UnitKey bench = onBench("A999926000504", ComponentClass.RED_CELLS, "fridge-1");
        clock.advance(Duration.ofHours(2));

        assertThat(sweep(site -> !site.equals("main")).sweep().get()).as("another instance owns site main").isEmpty();
        assertThat(inventory.get(bench).status()).isEqualTo(UnitStatus.AVAILABLE);
        assertThat(sweep(site -> true).sweep().get()).hasSize(1);
        assertThat(inventory.get(inFridge).status()).isEqualTo(UnitStatus.AVAILABLE);
        assertThat(inventory.get(bench).status()).isEqualTo(UnitStatus.QUARANTINED);
    }

    private OutOfStorageSweep sweep(java.util.function.Predicate<String> owns) {
        return new OutOfStorageSweep(inventory, writes, clock, owns, LIMITS, alerts::add);
    }

    /** Stored in a device, then moved to the bench: the clock starts at the MOVE (the bench is no controlled storage). */
    private UnitKey onBench(String din, ComponentClass component, String device) throws Exception {
        UnitKey key = store(din, component, device);
        Decision moved = writes.apply(new UnitCommand(UnitAction.MOVE, key, null, "main", "bench", null, "tech", "test", null,
                clock.instant())).get();
        assertThat(moved).isInstanceOf(Decision.Accepted.class);
        return key;
    }

    private UnitKey store(String din, ComponentClass component, String location) throws Exception {
        UnitKey key = new UnitKey(din, "E0398", "00");
        UnitCommand cmd = new UnitCommand(UnitAction.STORE, key, new UnitCommand.LabelFacts(component,
                new BloodGroup(Abo.O, RhD.POS), clock.instant().plus(Duration.ofDays(5))), "main", location, null, "tech", "test",
                null, clock.instant());
        assertThat(writes.apply(cmd).get()).isInstanceOf(Decision.Accepted.class);
        return key;
    }
}
