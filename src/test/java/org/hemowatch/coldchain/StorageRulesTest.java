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
import org.hemowatch.domain.coldchain.StorageRules;
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
    }

    private StorageRuleSet rules(boolean warn) {
        return new StorageRuleSet(registry, (site, device) -> Optional.ofNullable(open).filter(x -> x.device().equals(device)), warn, LIMIT);
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

        assertThat(StorageRules.outOfStorageTooLong(before, cmd, loc -> registry.isDevice("main", loc), LIMIT).isPresent())
                .isEqualTo(quarantined);
        Decision.Accepted a = (Decision.Accepted) reviewed;
        assertThat(a.unit().status()).isEqualTo(quarantined ? UnitStatus.QUARANTINED : ((Decision.Accepted) d).unit().status());
        if (quarantined) {
            assertThat(a.events()).extracting(e -> e.action()).containsExactly(action, UnitAction.QUARANTINE);
            assertThat(a.unit().statusReason()).startsWith("out of controlled storage for " + minutes + " min").contains("limit 30 min");
            assertThat(a.events().get(1).actor()).isEqualTo("system");
        }
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

    private static BloodUnit unit(ComponentClass c, UnitStatus status, String location, Instant updated) {
        return new BloodUnit(new UnitKey("A999926000001", "E0398", "00"), c, new BloodGroup(Abo.O, RhD.NEG),
                NOW.plus(Duration.ofDays(10)), "main", location == null || location.isBlank() ? null : location,
                status == UnitStatus.ISSUED ? "ward-7" : null, status, null, updated, 3);
    }

    private static UnitCommand command(UnitAction action, String location) {
        return new UnitCommand(action, new UnitKey("A999926000001", "E0398", "00"), null, "main", location, null, "anna", "test", null, NOW);
    }
}
