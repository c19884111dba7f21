package org.hemowatch.domain;

import org.hemowatch.domain.rule.Rejection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class UnitLifecycleTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final UnitKey KEY = new UnitKey("A999921123456", "E0398", "00");
    private static final BloodGroup O_NEG = new BloodGroup(Abo.O, RhD.NEG);

    @ParameterizedTest(name = "{0} --{1}--> {6}")
    @CsvFileSource(resources = "/domain/lifecycle.csv")
    void appliesEveryLegalTransitionAndRefusesEveryIllegalOne(String from, UnitAction action, String location,
                                                              String destination, String reason, boolean expired, String expected) {
        Instant expires = expired ? NOW.minus(Duration.ofHours(1)) : NOW.plus(Duration.ofDays(10));
        BloodUnit current = from.equals("NEW") ? null : unit(UnitStatus.valueOf(from), expires);
        UnitCommand cmd = new UnitCommand(action, KEY, new UnitCommand.LabelFacts(ComponentClass.RED_CELLS, O_NEG, expires),
                "main", location, destination, "tech-1", "scanner:recv-1", reason, NOW);

        Decision decision = UnitLifecycle.decide(current, cmd);

        if (expected.startsWith("refused:")) {
            assertThat(decision).isInstanceOfSatisfying(Decision.Refused.class, r -> {
                assertThat(r.rule()).isEqualTo(expected.substring("refused:".length()));
                assertThat(r.message()).contains(KEY.toString());
            });
        } else {
            assertThat(decision).isInstanceOfSatisfying(Decision.Accepted.class, a -> {
                assertThat(a.unit().status()).isEqualTo(UnitStatus.valueOf(expected));
                UnitEvent last = a.events().get(a.events().size() - 1);
                assertThat(last.to()).isEqualTo(a.unit().status());
                assertThat(last.at()).isEqualTo(NOW);
                assertThat(last.actor()).isEqualTo("tech-1");
                assertThat(last.source()).isEqualTo("scanner:recv-1");
                assertThat(a.unit().version()).isEqualTo(current == null ? a.events().size() : current.version() + 1);
            });
        }
    }

    @Test
    void storingAnUnknownUnitWithACompleteLabelRecordsReceiptAndStorage() {
        UnitCommand cmd = new UnitCommand(UnitAction.STORE, KEY, new UnitCommand.LabelFacts(ComponentClass.RED_CELLS, O_NEG, NOW.plus(Duration.ofDays(5))),
                "main", "fridge-1", null, "tech-1", "api", null, NOW);

        Decision.Accepted a = (Decision.Accepted) UnitLifecycle.decide(null, cmd);

        assertThat(a.events()).extracting(UnitEvent::action).containsExactly(UnitAction.RECEIVE, UnitAction.STORE);
        assertThat(a.events()).extracting(UnitEvent::to).containsExactly(UnitStatus.RECEIVED, UnitStatus.AVAILABLE);
        assertThat(a.unit().location()).isEqualTo("fridge-1");
    }

    @Test
    void refusesReceiptWhenTheLabelLacksGroupAndExpiry() {
        UnitCommand cmd = new UnitCommand(UnitAction.RECEIVE, KEY, new UnitCommand.LabelFacts(ComponentClass.RED_CELLS, null, null),
                "main", "receiving", null, "tech-1", "api", null, NOW);

        Decision.Refused r = (Decision.Refused) UnitLifecycle.decide(null, cmd);

        assertThat(r.rule()).isEqualTo("label-incomplete");
        assertThat(r.message()).contains("blood group").contains("expiry");
        assertThat(r.kind()).isEqualTo(Rejection.Kind.INVALID);
    }

    @Test
    void refusesALabelWhoseGroupDiffersFromTheStoredUnit() {
        BloodUnit stored = unit(UnitStatus.AVAILABLE, NOW.plus(Duration.ofDays(3)));
        UnitCommand cmd = new UnitCommand(UnitAction.ISSUE, KEY, new UnitCommand.LabelFacts(null, new BloodGroup(Abo.A, RhD.POS), null),
                "main", null, "ward-7", "tech-1", "api", null, NOW);

        Decision.Refused r = (Decision.Refused) UnitLifecycle.decide(stored, cmd);

        assertThat(r.rule()).isEqualTo("label-mismatch");
        assertThat(r.message()).contains("A+").contains("O-");
    }

    @Test
    void refusesALabelWhoseCollectionDateDiffersFromTheStoredUnit() {
        Instant collected = NOW.minus(Duration.ofDays(4));
        BloodUnit stored = new BloodUnit(KEY, ComponentClass.RED_CELLS, O_NEG, NOW.plus(Duration.ofDays(3)), "main", "fridge-1",
                null, UnitStatus.AVAILABLE, null, NOW.minusSeconds(60), 2, IntendedUse.UNSPECIFIED, null, null, false, collected);
        UnitCommand same = new UnitCommand(UnitAction.MOVE, KEY, new UnitCommand.LabelFacts(null, null, null, null, null, collected),
                "main", "fridge-2", null, "tech-1", "api", null, NOW);
        UnitCommand other = new UnitCommand(UnitAction.MOVE, KEY,
                new UnitCommand.LabelFacts(null, null, null, null, null, collected.plus(Duration.ofDays(1))),
                "main", "fridge-2", null, "tech-1", "api", null, NOW);

        assertThat(UnitLifecycle.decide(stored, same)).isInstanceOf(Decision.Accepted.class);
        Decision.Refused r = (Decision.Refused) UnitLifecycle.decide(stored, other);
        assertThat(r.rule()).isEqualTo("label-mismatch");
        assertThat(r.message()).contains("collected");
    }

    @Test
    void anIssueOfADirectedUnitRecordsItsRecipientAsAFieldOfTheEvent() {
        BloodUnit directed = new BloodUnit(KEY, ComponentClass.RED_CELLS, O_NEG, NOW.plus(Duration.ofDays(3)), "main", "fridge-1",
                null, UnitStatus.AVAILABLE, null, NOW.minusSeconds(60), 2, IntendedUse.DIRECTED, null, null, false);
        UnitCommand none = new UnitCommand(UnitAction.ISSUE, KEY, null, "main", null, "ward-7", "tech-1", "api", "crossmatched", NOW,
                "k1", "lab", null);
        UnitCommand named = new UnitCommand(UnitAction.ISSUE, KEY, null, "main", null, "ward-7", "tech-1", "api", "crossmatched", NOW,
                "k1", "lab", " MRN 4711 ");

        assertThat(((Decision.Refused) UnitLifecycle.decide(directed, none)).rule()).isEqualTo("recipient-required");
        Decision.Accepted a = (Decision.Accepted) UnitLifecycle.decide(directed, named);
        assertThat(a.unit().recipient()).isEqualTo("MRN 4711");
        assertThat(a.events()).singleElement().satisfies(e -> {
            assertThat(e.recipient()).isEqualTo("MRN 4711");
            assertThat(e.reason()).isEqualTo("crossmatched");
        });
    }

    @Test
    void receivesAUnitIssuedToAnotherSiteAsATransfer() {
        BloodUnit issued = new BloodUnit(KEY, ComponentClass.RED_CELLS, O_NEG, NOW.plus(Duration.ofDays(3)), "north",
                null, "south", UnitStatus.ISSUED, null, NOW.minusSeconds(3600), 3);
        UnitCommand cmd = new UnitCommand(UnitAction.RECEIVE, KEY, null, "south", "receiving", null, "tech-2", "api", null, NOW);

        Decision.Accepted a = (Decision.Accepted) UnitLifecycle.decide(issued, cmd);

        assertThat(a.unit().site()).isEqualTo("south");
        assertThat(a.unit().status()).isEqualTo(UnitStatus.RECEIVED);
    }

    private static BloodUnit unit(UnitStatus status, Instant expires) {
        return new BloodUnit(KEY, ComponentClass.RED_CELLS, O_NEG, expires, "main",
                status == UnitStatus.ISSUED ? null : "fridge-1", status == UnitStatus.ISSUED ? "ward-3" : null,
                status, null, NOW.minusSeconds(60), 2);
    }
}
