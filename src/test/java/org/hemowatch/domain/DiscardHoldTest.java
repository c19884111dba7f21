package org.hemowatch.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The hold that stands in for a discard its sender cannot sign, decided by the lifecycle like a discard. */
class DiscardHoldTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final UnitKey KEY = new UnitKey("A999921123456", "E0398", "00");
    private static final BloodGroup O_NEG = new BloodGroup(Abo.O, RhD.NEG);

    private static BloodUnit unit(UnitStatus status, Instant expires) {
        return new BloodUnit(KEY, ComponentClass.RED_CELLS, O_NEG, expires, "main",
                status == UnitStatus.ISSUED ? null : "fridge-1", status == UnitStatus.ISSUED ? "ward-3" : null,
                status, "as before", NOW.minusSeconds(60), 2);
    }

    private static UnitCommand discard(String reason, SpecialMessage special) {
        return new UnitCommand(UnitAction.DISCARD, KEY, new UnitCommand.LabelFacts(ComponentClass.RED_CELLS, special == null ? O_NEG : null,
                null, null, special), "main", null, null, "scan-1", "mqtt:scan-1", reason, NOW, "key-1", "bench scanner");
    }

    private static UnitCommand command(UnitAction action, String reason) {
        return new UnitCommand(action, KEY, null, "main", null, null, "tina", "api", reason, NOW);
    }

    @ParameterizedTest
    @EnumSource(value = UnitStatus.class, names = {"RECEIVED", "AVAILABLE", "QUARANTINED", "ISSUED", "EXPIRED"})
    void holdsAUnitOfAnyStatusThatIsNotFinalKeepingWhereItIs(UnitStatus from) {
        BloodUnit before = unit(from, NOW.plus(Duration.ofDays(3)));

        Decision d = UnitLifecycle.decide(before, DiscardHold.of(discard("bag leaking", null)));

        assertThat(d).isInstanceOfSatisfying(Decision.Accepted.class, a -> {
            assertThat(a.unit().status()).isEqualTo(UnitStatus.QUARANTINED);
            assertThat(a.unit().statusReason()).isEqualTo("discard-pending-signature: bag leaking");
            assertThat(a.unit().location()).isEqualTo(before.location());
            assertThat(a.unit().destination()).isEqualTo(before.destination());
            assertThat(DiscardHold.pending(a.unit())).isTrue();
            assertThat(a.events()).singleElement().satisfies(e -> {
                assertThat(e.action()).isEqualTo(UnitAction.QUARANTINE);
                assertThat(e.from()).isEqualTo(from);
                assertThat(e.keyId()).isEqualTo("key-1");
                assertThat(e.source()).isEqualTo("mqtt:scan-1");
            });
        });
    }

    @ParameterizedTest
    @EnumSource(value = UnitStatus.class, names = {"TRANSFUSED", "DISCARDED"})
    void refusesToHoldAFinalUnitAsADiscardWouldBeRefused(UnitStatus from) {
        Decision d = UnitLifecycle.decide(unit(from, NOW.plus(Duration.ofDays(3))), DiscardHold.of(discard("bag leaking", null)));

        assertThat(d).isInstanceOfSatisfying(Decision.Refused.class, r -> assertThat(r.rule()).isEqualTo("unit-final"));
    }

    @Test
    void aScanWithoutAReasonIsHeldAllTheSameTheSignerGivesTheDiscardsReason() {
        UnitCommand hold = DiscardHold.of(discard(null, null));

        assertThat(hold.reason()).isEqualTo("discard-pending-signature");
        assertThat(UnitLifecycle.decide(unit(UnitStatus.AVAILABLE, NOW.plus(Duration.ofDays(3))), hold))
                .isInstanceOfSatisfying(Decision.Accepted.class, a -> assertThat(DiscardHold.pending(a.unit())).isTrue());
    }

    @Test
    void aSpecialMessageOnTheLabelDoesNotStopTheHoldAsItWouldNotStopADiscard() {
        BloodUnit available = unit(UnitStatus.AVAILABLE, NOW.plus(Duration.ofDays(3)));
        UnitCommand discard = discard("label says no information", SpecialMessage.NO_INFORMATION);
        UnitCommand recall = new UnitCommand(UnitAction.QUARANTINE, KEY, discard.label(), "main", null, null, "tina", "api", "recall", NOW);

        assertThat(UnitLifecycle.decide(available, recall)).as("another command is refused for that label").isInstanceOf(Decision.Refused.class);
        assertThat(UnitLifecycle.decide(available, DiscardHold.of(discard))).isInstanceOf(Decision.Accepted.class);
    }

    @Test
    void aHeldUnitCannotBeIssuedButASignerMayDiscardOrReleaseIt() {
        BloodUnit held = ((Decision.Accepted) UnitLifecycle.decide(unit(UnitStatus.AVAILABLE, NOW.plus(Duration.ofDays(3))),
                DiscardHold.of(discard("bag leaking", null)))).unit();

        UnitCommand issue = new UnitCommand(UnitAction.ISSUE, KEY, null, "main", null, "ward-3", "tina", "api", null, NOW);
        assertThat(UnitLifecycle.decide(held, issue)).isInstanceOfSatisfying(Decision.Refused.class,
                r -> assertThat(r.rule()).isEqualTo("unit-quarantined"));
        assertThat(UnitLifecycle.decide(held, command(UnitAction.DISCARD, "bag leaking, seen")))
                .isInstanceOfSatisfying(Decision.Accepted.class, a -> assertThat(a.unit().status()).isEqualTo(UnitStatus.DISCARDED));
        assertThat(UnitLifecycle.decide(held, command(UnitAction.RELEASE, "bag intact after all")))
                .isInstanceOfSatisfying(Decision.Accepted.class, a -> assertThat(a.unit().status()).isEqualTo(UnitStatus.AVAILABLE));
    }

    @Test
    void anExpiredHeldUnitCanOnlyBeDiscarded() {
        BloodUnit held = ((Decision.Accepted) UnitLifecycle.decide(unit(UnitStatus.EXPIRED, NOW.minus(Duration.ofHours(1))),
                DiscardHold.of(discard("expired", null)))).unit();

        assertThat(UnitLifecycle.decide(held, command(UnitAction.RELEASE, "fine"))).isInstanceOfSatisfying(Decision.Refused.class,
                r -> assertThat(r.rule()).isEqualTo("unit-expired"));
        assertThat(UnitLifecycle.decide(held, command(UnitAction.DISCARD, "expired"))).isInstanceOf(Decision.Accepted.class);
    }

    @Test
    void anOrdinaryQuarantineIsNotAHoldForADiscard() {
        UnitCommand recall = command(UnitAction.QUARANTINE, "recall R-17");

        assertThat(DiscardHold.requested(recall)).isFalse();
        assertThat(UnitLifecycle.decide(unit(UnitStatus.ISSUED, NOW.plus(Duration.ofDays(3))), recall))
                .isInstanceOfSatisfying(Decision.Refused.class, r -> assertThat(r.rule()).isEqualTo("illegal-transition"));
        assertThat(DiscardHold.pending(unit(UnitStatus.QUARANTINED, NOW.plus(Duration.ofDays(3))))).isFalse();
    }
}
