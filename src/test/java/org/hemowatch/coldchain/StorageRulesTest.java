package org.hemowatch.coldchain;

import org.hemowatch.domain.Abo;
import org.hemowatch.domain.BloodGroup;
import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.ComponentClass;
import org.hemowatch.domain.Decision;
import org.hemowatch.domain.RhD;
import org.hemowatch.domain.UnitAction;
import org.hemowatch.domain.UnitCommand;
import org.hemowatch.domain.UnitKey;
import org.hemowatch.domain.UnitLifecycle;
import org.hemowatch.domain.UnitStatus;
import org.hemowatch.domain.coldchain.DeviceKind;
import org.hemowatch.domain.coldchain.DeviceProfiles;
import org.hemowatch.domain.coldchain.Excursion;
import org.hemowatch.domain.coldchain.OutOfStorageLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Placement, time out of controlled storage and quarantine on arrival, as the writer applies them. */
class StorageRulesTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final Duration LIMIT = Duration.ofMinutes(30);
    private final DeviceRegistry registry = new DeviceRegistry();
    private Excursion open;

    StorageRulesTest() {
        registry.put(DeviceProfiles.defaults(DeviceKind.REFRIGERATOR, "fridge-1", "main", "Fridge 1"));
        registry.put(DeviceProfiles.defaults(DeviceKind.REFRIGERATOR, "fridge-2", "main", "Fridge 2"));
        registry.put(DeviceProfiles.defaults(DeviceKind.PLATELET_AGITATOR, "agitator-1", "main", "Agitator"));
        registry.put(DeviceProfiles.defaults(DeviceKind.ROOM, "issue-room", "main", "Issue room"));
    }

    private StorageRuleSet rules(boolean warn) {
        return new StorageRuleSet(registry, (site, device) -> Optional.ofNullable(open).filter(x -> x.device().equals(device)), warn,
                OutOfStorageLimits.redCells(LIMIT));
    }

    @ParameterizedTest(name = "{0} {1} at {2}, {3} min, {4} to {5} -> quarantined {6}")
    @CsvFileSource(resources = "/coldchain/out-of-storage.csv")
    void judgesTimeOutOfControlledStorage(String component, UnitStatus status, String location, int minutes,
                                          UnitAction action, String target, boolean quarantined) {
        BloodUnit before = unit(ComponentClass.parse(component).orElseThrow(), status, location, NOW.minus(Duration.ofMinutes(minutes)));
        UnitCommand cmd = command(action, target);
        Decision d = UnitLifecycle.decide(before, cmd);
        assertThat(d).isInstanceOf(Decision.Accepted.class);

        Decision reviewed = rules(false).review(cmd, before, (Decision.Accepted) d);

        Decision.Accepted a = (Decision.Accepted) reviewed;
        assertThat(a.unit().status()).isEqualTo(quarantined ? UnitStatus.QUARANTINED : ((Decision.Accepted) d).unit().status());
        if (quarantined) {
            assertThat(a.events()).extracting(e -> e.action()).containsExactly(action, UnitAction.QUARANTINE);
            assertThat(a.unit().statusReason()).startsWith("out of controlled storage for " + minutes + " min").contains("limit 30 min");
            assertThat(a.events().get(1).actor()).isEqualTo("system");
        }
    }

    /**
     * Whole paths through the write path's rules, one per row of {@code coldchain/out-of-storage-paths.csv}: the unit
     * starts AVAILABLE in fridge-1 at minute 0; each step is {@code ACTION@minute location}. The three bypasses of
     * issue 12 (defect 2) are rows of the table.
     */
    @ParameterizedTest(name = "{0}: {1} -> {2}")
    @CsvFileSource(resources = "/coldchain/out-of-storage-paths.csv", delimiter = '|')
    void timeOutOfControlledStorageIsAPropertyOfTheUnitAcrossMoves(String name, String steps, String expected) {
        Instant t0 = NOW.minus(Duration.ofDays(1));
        BloodUnit unit = unit(ComponentClass.RED_CELLS, UnitStatus.AVAILABLE, "fridge-1", t0);
        String outcome = null;
        for (String step : steps.split(";")) {
            String[] parts = step.trim().split("\\s+");
            String[] actionAt = parts[0].split("@");
            UnitAction action = UnitAction.valueOf(actionAt[0]);
            Instant at = t0.plus(Duration.ofMinutes(Long.parseLong(actionAt[1])));
            String where = parts.length > 1 ? parts[1] : null;
            UnitCommand cmd = new UnitCommand(action, unit.key(), null, "main", action == UnitAction.ISSUE ? null : where,
                    action == UnitAction.ISSUE ? where : null, "anna", "test", null, at);
            Decision d = UnitLifecycle.decide(unit, cmd);
            if (d instanceof Decision.Accepted a) {
                d = rules(false).review(cmd, unit, a);
            }
            if (d instanceof Decision.Refused r) {
                outcome = "refused " + action + " " + r.rule();
                break;
            }
            unit = ((Decision.Accepted) d).unit();
            outcome = unit.status().name();
        }
        assertThat(outcome).isEqualTo(expected.trim());
    }

    @Test
    void keepsWhenTheUnitLeftControlledStorageAndResetsItOnlyInsideTheLimit() {
        BloodUnit inFridge = unit(ComponentClass.RED_CELLS, UnitStatus.AVAILABLE, "fridge-1", NOW.minus(Duration.ofHours(2)));
        UnitCommand toBench = command(UnitAction.MOVE, "bench");
        BloodUnit onBench = applied(inFridge, toBench);
        assertThat(onBench.outOfStorageSince()).isEqualTo(NOW);

        UnitCommand back = new UnitCommand(UnitAction.STORE, onBench.key(), null, "main", "fridge-2", null, "anna", "test", null,
                NOW.plus(Duration.ofMinutes(30)));
        BloodUnit stored = applied(onBench, back);
        assertThat(stored.status()).isEqualTo(UnitStatus.AVAILABLE);
        assertThat(stored.outOfStorageSince()).isNull();
    }

    @Test
    void aComponentWithoutALimitIsTrackedButNeverJudged() {
        BloodUnit plt = unit(ComponentClass.PLATELETS, UnitStatus.AVAILABLE, "agitator-1", NOW.minus(Duration.ofHours(9)));
        UnitCommand toBench = command(UnitAction.MOVE, "bench");
        BloodUnit onBench = applied(plt, toBench);
        UnitCommand issue = new UnitCommand(UnitAction.ISSUE, plt.key(), null, "main", null, "ward-7", "anna", "test", null,
                NOW.plus(Duration.ofHours(5)));

        Decision d = rules(false).review(issue, onBench, (Decision.Accepted) UnitLifecycle.decide(onBench, issue));

        assertThat(onBench.outOfStorageSince()).isEqualTo(NOW);
        assertThat(d).isInstanceOf(Decision.Accepted.class);
    }

    @Test
    void refusesPlateletsInARedCellFridge() {
        BloodUnit plt = unit(ComponentClass.PLATELETS, UnitStatus.RECEIVED, "receiving", NOW.minusSeconds(60));
        UnitCommand cmd = command(UnitAction.STORE, "fridge-1");

        Decision d = rules(false).review(cmd, plt, (Decision.Accepted) UnitLifecycle.decide(plt, cmd));

        assertThat(d).isInstanceOf(Decision.Refused.class);
        assertThat(((Decision.Refused) d).rule()).isEqualTo("wrong-storage-device");
        assertThat(((Decision.Refused) d).message()).contains("PLT must not be stored in fridge-1");
        assertThat(rules(false).review(command(UnitAction.STORE, "agitator-1"), plt,
                (Decision.Accepted) UnitLifecycle.decide(plt, command(UnitAction.STORE, "agitator-1")))).isInstanceOf(Decision.Accepted.class);
    }

    @Test
    void acceptsAWrongDeviceWithAWarningInTheHistoryWhenConfiguredToWarn() {
        BloodUnit plt = unit(ComponentClass.PLATELETS, UnitStatus.RECEIVED, "receiving", NOW.minusSeconds(60));
        UnitCommand cmd = command(UnitAction.STORE, "fridge-1");

        Decision d = rules(true).review(cmd, plt, (Decision.Accepted) UnitLifecycle.decide(plt, cmd));

        Decision.Accepted a = (Decision.Accepted) d;
        assertThat(a.unit().status()).isEqualTo(UnitStatus.AVAILABLE);
        assertThat(a.events().get(0).reason()).contains("warning wrong-storage-device");
    }

    @Test
    void quarantinesAUnitStoredIntoADeviceWithAnOpenExcursion() {
        open = new Excursion("main/fridge-1@2026-11-23T11:00:00Z", "main", "fridge-1", NOW.minusSeconds(3600), null, 7, 7.4,
                "above safe max for 30 min");
        BloodUnit rbc = unit(ComponentClass.RED_CELLS, UnitStatus.RECEIVED, "receiving", NOW.minusSeconds(60));

        Decision intoWarm = rules(false).review(command(UnitAction.STORE, "fridge-1"), rbc,
                (Decision.Accepted) UnitLifecycle.decide(rbc, command(UnitAction.STORE, "fridge-1")));
        Decision intoOther = rules(false).review(command(UnitAction.STORE, "fridge-2"), rbc,
                (Decision.Accepted) UnitLifecycle.decide(rbc, command(UnitAction.STORE, "fridge-2")));

        assertThat(((Decision.Accepted) intoWarm).unit().status()).isEqualTo(UnitStatus.QUARANTINED);
        assertThat(((Decision.Accepted) intoWarm).unit().statusReason()).contains(open.id());
        assertThat(((Decision.Accepted) intoWarm).events()).extracting(e -> e.source()).containsExactly("test", "coldchain:fridge-1");
        assertThat(((Decision.Accepted) intoOther).unit().status()).isEqualTo(UnitStatus.AVAILABLE);
    }

    /** The unit after the lifecycle and the rules accepted {@code cmd}. */
    private BloodUnit applied(BloodUnit before, UnitCommand cmd) {
        return ((Decision.Accepted) rules(false).review(cmd, before, (Decision.Accepted) UnitLifecycle.decide(before, cmd))).unit();
    }

    private static BloodUnit unit(ComponentClass c, UnitStatus status, String location, Instant updated) {
        return new BloodUnit(new UnitKey("A999926000001", "E0398", "00"), c, new BloodGroup(Abo.O, RhD.NEG),
                NOW.plus(Duration.ofDays(10)), "main", location == null || location.isBlank() ? null : location,
                status == UnitStatus.ISSUED ? "ward-7" : null, status, null, updated, 3);
    }

    private static UnitCommand command(UnitAction action, String location) {
        return new UnitCommand(action, new UnitKey("A999926000001", "E0398", "00"), null, "main", location, null, "anna", "test", null, NOW);
    }
}
