package org.hemowatch.domain;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Special messages on scans of units in stock are never ignored (issue 12, defect 3). */
class SpecialMessagesTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final UnitKey KEY = new UnitKey("A999926000001", "E0398", "00");

    @ParameterizedTest(name = "=%{0}00 on {1} -> {2}")
    @CsvFileSource(resources = "/domain/special-messages.csv")
    void aSpecialMessageOnAScanOfAUnitInStockQuarantinesOrRefuses(String code, UnitAction action, String expected) {
        BloodUnit available = new BloodUnit(KEY, ComponentClass.RED_CELLS, new BloodGroup(Abo.O, RhD.NEG), NOW.plus(Duration.ofDays(9)),
                "main", "fridge-1", null, UnitStatus.AVAILABLE, null, NOW.minusSeconds(3600), 2);
        SpecialMessage message = SpecialMessage.parse(code).orElseThrow();
        UnitCommand cmd = new UnitCommand(action, KEY, new UnitCommand.LabelFacts(null, null, null, null, message), "main",
                action == UnitAction.ISSUE ? null : "fridge-2", action == UnitAction.ISSUE ? "ward-7" : null, "anna", "scanner:s1",
                action == UnitAction.DISCARD ? "label says discard" : null, NOW);

        Decision d = UnitLifecycle.decide(available, cmd);

        if (expected.startsWith("refused ")) {
            assertThat(d).isInstanceOf(Decision.Refused.class);
            assertThat(((Decision.Refused) d).rule()).isEqualTo(expected.substring("refused ".length()));
            assertThat(((Decision.Refused) d).message()).contains("=%" + code);
        } else {
            Decision.Accepted a = (Decision.Accepted) d;
            assertThat(a.unit().status()).isEqualTo(UnitStatus.valueOf(expected));
            if (a.unit().status() == UnitStatus.QUARANTINED) {
                assertThat(a.events()).extracting(UnitEvent::action).containsExactly(action, UnitAction.QUARANTINE);
                assertThat(a.unit().statusReason()).contains("=%" + code);
            }
        }
    }
}
