package org.hemowatch.units;

import org.hemowatch.domain.ComponentClass;
import org.hemowatch.domain.Decision;
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
import org.hemowatch.store.UnitRecords;
import org.hemowatch.testing.TestClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

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

    private static final OutOfStorageLimits LIMITS = OutOfStorageLimits.redCells(Duration.ofMinutes(30));
    private final TestClock clock = new TestClock(Instant.parse("2026-11-23T10:00:00Z"));
    private final List<ColdChainEvent> alerts = new CopyOnWriteArrayList<>();
    @RegisterExtension
    final SqliteWritePath path = new SqliteWritePath();

    @BeforeEach
    void open() {
        DeviceRegistry registry = new DeviceRegistry();
        registry.put(DeviceProfiles.defaults(DeviceKind.REFRIGERATOR, "fridge-1", "main", "Fridge 1"));
        registry.put(DeviceProfiles.defaults(DeviceKind.PLATELET_AGITATOR, "agitator-1", "main", "Agitator 1"));
        path.writes().addRule(new StorageRuleSet(registry, (site, device) -> Optional.empty(), false, LIMITS));
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
        assertThat(path.inventory().get(bench).status()).isEqualTo(UnitStatus.QUARANTINED);
        assertThat(path.inventory().get(bench).statusReason()).startsWith("out of controlled storage for 31 min");
        assertThat(path.inventory().get(platelets).status()).as("no limit for platelets by default").isEqualTo(UnitStatus.AVAILABLE);
        List<UnitEvent> history = path.db().read(c -> UnitRecords.history(c, bench.din()));
        assertThat(history).last().satisfies(e -> {
            assertThat(e.action()).isEqualTo(UnitAction.QUARANTINE);
            assertThat(e.source()).isEqualTo(OutOfStorageSweep.SOURCE);
            assertThat(e.actor()).isEqualTo("system");
        });
        assertThat(path.db().read(c -> UnitRecords.find(c, bench)).status()).as("durable").isEqualTo(UnitStatus.QUARANTINED);

        clock.advance(Duration.ofMinutes(10));
        assertThat(sweep(site -> true).sweep().get()).as("a quarantined unit is not quarantined again").isEmpty();
        List<UnitEvent> after = path.db().read(c -> UnitRecords.history(c, bench.din()));
        assertThat(after).hasSameSizeAs(history);
    }

    @Test
    void leavesUnitsInAFridgeAndSitesItDoesNotOwnAlone() throws Exception {
        UnitKey inFridge = store("A999926000503", ComponentClass.RED_CELLS, "fridge-1");
        UnitKey bench = onBench("A999926000504", ComponentClass.RED_CELLS, "fridge-1");
        clock.advance(Duration.ofHours(2));

        assertThat(sweep(site -> !site.equals("main")).sweep().get()).as("another instance owns site main").isEmpty();
        assertThat(path.inventory().get(bench).status()).isEqualTo(UnitStatus.AVAILABLE);
        assertThat(sweep(site -> true).sweep().get()).hasSize(1);
        assertThat(path.inventory().get(inFridge).status()).isEqualTo(UnitStatus.AVAILABLE);
        assertThat(path.inventory().get(bench).status()).isEqualTo(UnitStatus.QUARANTINED);
    }

    private OutOfStorageSweep sweep(java.util.function.Predicate<String> owns) {
        return new OutOfStorageSweep(path.inventory(), path.writes(), clock, owns, LIMITS, alerts::add);
    }

    /** Stored in a device, then moved to the bench: the clock starts at the MOVE (the bench is no controlled storage). */
    private UnitKey onBench(String din, ComponentClass component, String device) throws Exception {
        UnitKey key = store(din, component, device);
        Decision moved = path.writes().apply(new UnitCommand(UnitAction.MOVE, key, null, "main", "bench", null, "tech", "test", null,
                clock.instant())).get();
        assertThat(moved).isInstanceOf(Decision.Accepted.class);
        return key;
    }

    private UnitKey store(String din, ComponentClass component, String location) throws Exception {
        return path.store(din, component, clock.instant().plus(Duration.ofDays(5)), location, clock.instant());
    }
}
