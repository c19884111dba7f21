package org.hemowatch.units;

import org.hemowatch.domain.ComponentClass;
import org.hemowatch.domain.Decision;
import org.hemowatch.domain.DiscardHold;
import org.hemowatch.domain.UnitAction;
import org.hemowatch.domain.UnitCommand;
import org.hemowatch.domain.UnitEvent;
import org.hemowatch.domain.UnitKey;
import org.hemowatch.domain.UnitStatus;
import org.hemowatch.store.UnitRecords;
import org.hemowatch.testing.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The expiry timer's sweep against a real SQLite store: units past expiry become EXPIRED durably, others are untouched. */
@Timeout(60)
class ExpirySweepTest {

    private final TestClock clock = new TestClock(Instant.parse("2026-11-23T10:00:00Z"));
    @RegisterExtension
    final SqliteWritePath path = new SqliteWritePath();

    @Test
    void expiresEveryUnitInStockWhoseExpiryHasPassedAndRecordsWhy() throws Exception {
        store("A999926000001", Duration.ofHours(2));
        store("A999926000002", Duration.ofHours(30));
        UnitKey issued = store("A999926000003", Duration.ofHours(1));
        path.writes().apply(command(UnitAction.ISSUE, issued, null, "ward-7")).get();

        clock.advance(Duration.ofHours(3));
        int expired = new ExpirySweep(path.inventory(), path.writes(), clock, site -> true).sweep().get();

        assertThat(expired).isEqualTo(1);
        assertThat(path.inventory().byDin("A999926000001").get(0).status()).isEqualTo(UnitStatus.EXPIRED);
        assertThat(path.inventory().byDin("A999926000002").get(0).status()).isEqualTo(UnitStatus.AVAILABLE);
        assertThat(path.inventory().get(issued).status()).as("issued units are the ward's to handle").isEqualTo(UnitStatus.ISSUED);
        List<UnitEvent> history = path.db().read(c -> UnitRecords.history(c, "A999926000001"));
        assertThat(history).last().satisfies(e -> {
            assertThat(e.action()).isEqualTo(UnitAction.EXPIRE);
            assertThat(e.source()).isEqualTo("timer:expiry");
        });
        assertThat(path.db().read(UnitRecords::loadAll)).filteredOn(u -> u.status() == UnitStatus.EXPIRED).hasSize(1);
    }

    @Test
    void leavesAUnitHeldForASignedDiscardInTheQuarantineQueueWhenItsExpiryPasses() throws Exception {
        UnitKey held = store("A999926000005", Duration.ofHours(1));
        UnitKey plain = store("A999926000006", Duration.ofHours(1));
        UnitCommand discard = new UnitCommand(UnitAction.DISCARD, held, null, "main", null, null, "scan-1", "mqtt:scan-1", "bag leaking", clock.instant());
        assertThat(path.writes().apply(DiscardHold.of(discard)).get()).isInstanceOf(Decision.Accepted.class);

        clock.advance(Duration.ofHours(2));
        int expired = new ExpirySweep(path.inventory(), path.writes(), clock, site -> true).sweep().get();

        assertThat(expired).isEqualTo(1);
        assertThat(path.inventory().get(plain).status()).isEqualTo(UnitStatus.EXPIRED);
        assertThat(path.inventory().get(held).status()).isEqualTo(UnitStatus.QUARANTINED);
        assertThat(path.inventory().get(held).statusReason()).isEqualTo("discard-pending-signature: bag leaking");
    }

    @Test
    void doesNothingWhenNothingIsDue() throws Exception {
        store("A999926000004", Duration.ofDays(5));

        assertThat(new ExpirySweep(path.inventory(), path.writes(), clock, site -> true).sweep().get()).isZero();
    }

    private UnitKey store(String din, Duration shelfLeft) throws Exception {
        return path.store(din, ComponentClass.RED_CELLS, clock.instant().plus(shelfLeft), "fridge-1", clock.instant());
    }

    private UnitCommand command(UnitAction action, UnitKey key, String location, String destination) {
        return new UnitCommand(action, key, null, "main", location, destination, "tech", "test", null, clock.instant());
    }
}
