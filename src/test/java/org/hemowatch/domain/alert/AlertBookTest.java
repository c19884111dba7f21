package org.hemowatch.domain.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class AlertBookTest {

    private static final Instant T0 = Instant.parse("2025-03-10T08:00:00Z");
    private static final AlertKind KIND = AlertKind.EXCURSION;

    /** Reminders every 10 min, escalation after 25 min up to CRITICAL. */
    private final AlertBook book = new AlertBook(
            Map.of(KIND, new AlertPolicy(Duration.ofMinutes(10), Duration.ofMinutes(25), Severity.CRITICAL)),
            IdSource.sequential("al"));

    private static Instant at(int minutes) {
        return T0.plus(Duration.ofMinutes(minutes));
    }

    private Alert raise(Severity severity, Map<String, Object> details, int minute) {
        AlertOutcome o = book.raise(KIND, "north", "fridge-1", severity, "fridge-1 above 6 C", details, at(minute));
        return o.changes().isEmpty() ? ((AlertOutcome.Unchanged) o).alert() : o.changes().get(0).alert();
    }

    private static ChangeType type(AlertOutcome o) {
        assertThat(o.changes()).hasSize(1);
        return o.changes().get(0).changeType();
    }

    @Test
    void raiseOpensAnAlertScheduledByItsPolicy() {
        AlertOutcome o = book.raise(KIND, "north", "fridge-1", Severity.WARNING, "fridge-1 above 6 C", Map.of("tempC", 7.2), T0);
        assertThat(type(o)).isEqualTo(ChangeType.OPENED);
        Alert a = o.changes().get(0).alert();
        assertThat(a.id()).isEqualTo("al-000001");
        assertThat(a.state()).isEqualTo(AlertState.OPEN);
        assertThat(a.opened()).isEqualTo(T0);
        assertThat(a.details()).containsEntry("tempC", 7.2);
        assertThat(a.nextReminderAt()).isEqualTo(at(10));
        assertThat(a.nextEscalationAt()).isEqualTo(at(25));
        assertThat(a.history()).singleElement().satisfies(t -> {
            assertThat(t.from()).isNull();
            assertThat(t.to()).isEqualTo(AlertState.OPEN);
        });
    }

    @Test
    void raisingAnUnresolvedConditionAgainNeverDuplicates() {
        Alert first = raise(Severity.WARNING, Map.of("tempC", 7.2), 0);
        AlertOutcome same = book.raise(KIND, "north", "fridge-1", Severity.WARNING, "fridge-1 above 6 C", Map.of("tempC", 7.2), at(1));
        assertThat(same).isInstanceOf(AlertOutcome.Unchanged.class);
        assertThat(same.changes()).isEmpty();

        AlertOutcome changed = book.raise(KIND, "north", "fridge-1", Severity.WARNING, "fridge-1 above 6 C", Map.of("tempC", 8.0), at(2));
        assertThat(type(changed)).isEqualTo(ChangeType.UPDATED);
        assertThat(changed.changes().get(0).alert().id()).isEqualTo(first.id());
        assertThat(changed.changes().get(0).alert().details()).containsEntry("tempC", 8.0);
        assertThat(book.active()).hasSize(1);
    }

    @Test
    void otherSiteOrSubjectIsAnotherAlert() {
        raise(Severity.WARNING, Map.of(), 0);
        assertThat(type(book.raise(KIND, "north", "fridge-2", Severity.WARNING, "m", Map.of(), T0))).isEqualTo(ChangeType.OPENED);
        assertThat(type(book.raise(KIND, "south", "fridge-1", Severity.WARNING, "m", Map.of(), T0))).isEqualTo(ChangeType.OPENED);
        assertThat(type(book.raise(AlertKind.DOOR_OPEN, "north", "fridge-1", Severity.WARNING, "m", Map.of(), T0))).isEqualTo(ChangeType.OPENED);
        assertThat(book.active()).hasSize(4);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   "})
    void acknowledgeRequiresAComment(String comment) {
        Alert a = raise(Severity.WARNING, Map.of(), 0);
        AlertOutcome o = book.acknowledge(a.id(), "nurse.kim", comment, at(1));
        assertThat(o).isInstanceOfSatisfying(AlertOutcome.Refused.class, r -> assertThat(r.rule()).isEqualTo("comment-required"));
        assertThat(book.get(a.id()).orElseThrow().state()).isEqualTo(AlertState.OPEN);
    }

    @Test
    void acknowledgeRecordsWhoAndWhyAndStopsReminders() {
        Alert a = raise(Severity.WARNING, Map.of(), 0);
        AlertOutcome o = book.acknowledge(a.id(), "nurse.kim", "door was left open, closed it", at(3));
        assertThat(type(o)).isEqualTo(ChangeType.ACKNOWLEDGED);
        Alert acked = o.changes().get(0).alert();
        assertThat(acked.state()).isEqualTo(AlertState.ACKNOWLEDGED);
        assertThat(acked.ackBy()).isEqualTo("nurse.kim");
        assertThat(acked.ackComment()).isEqualTo("door was left open, closed it");
        assertThat(acked.history()).last().satisfies(t -> {
            assertThat(t.from()).isEqualTo(AlertState.OPEN);
            assertThat(t.to()).isEqualTo(AlertState.ACKNOWLEDGED);
            assertThat(t.actor()).isEqualTo("nurse.kim");
        });
        assertThat(book.tick(at(120))).isEmpty();
    }

    @Test
    void refusesAcknowledgingUnknownResolvedOrAlreadyAcknowledgedAlerts() {
        assertThat(book.acknowledge("nope", "a", "c", T0)).isInstanceOfSatisfying(AlertOutcome.Refused.class,
                r -> assertThat(r.rule()).isEqualTo("alert-unknown"));
        Alert a = raise(Severity.WARNING, Map.of(), 0);
        assertThat(book.acknowledge(a.id(), " ", "c", T0)).isInstanceOfSatisfying(AlertOutcome.Refused.class,
                r -> assertThat(r.rule()).isEqualTo("actor-required"));
        book.acknowledge(a.id(), "kim", "seen", at(1));
        assertThat(book.acknowledge(a.id(), "lee", "seen too", at(2))).isInstanceOfSatisfying(AlertOutcome.Refused.class,
                r -> assertThat(r.rule()).isEqualTo("alert-already-acknowledged"));
        book.clear(KIND, "north", "fridge-1", at(3));
        assertThat(book.acknowledge(a.id(), "lee", "late", at(4))).isInstanceOfSatisfying(AlertOutcome.Refused.class, r -> {
            assertThat(r.rule()).isEqualTo("alert-resolved");
            assertThat(r.message()).contains(a.id());
        });
    }

    @Test
    void remindsOpenAlertsEveryIntervalUntilAcknowledged() {
        book.raise(KIND, "north", "fridge-1", Severity.CRITICAL, "m", Map.of(), T0); // at ceiling: no escalation
        assertThat(book.tick(at(9))).isEmpty();
        List<AlertChange> first = book.tick(at(10));
        assertThat(first).singleElement().satisfies(c -> {
            assertThat(c.changeType()).isEqualTo(ChangeType.REMINDER);
            assertThat(c.alert().remindersSent()).isEqualTo(1);
            assertThat(c.alert().nextReminderAt()).isEqualTo(at(20));
        });
        assertThat(book.tick(at(15))).isEmpty();
        assertThat(book.tick(at(21))).singleElement().satisfies(c -> {
            assertThat(c.alert().remindersSent()).isEqualTo(2);
            assertThat(c.alert().nextReminderAt()).isEqualTo(at(30)); // cadence kept although the tick was late
        });
        String id = first.get(0).alert().id();
        book.acknowledge(id, "kim", "on it", at(22));
        assertThat(book.tick(at(30))).isEmpty();
        assertThat(book.tick(at(300))).isEmpty();
    }

    @Test
    void sendsOneReminderForRemindersMissedWhileDown() {
        book.raise(KIND, "north", "fridge-1", Severity.CRITICAL, "m", Map.of(), T0);
        assertThat(book.tick(at(55))).singleElement().satisfies(c -> {
            assertThat(c.alert().remindersSent()).isEqualTo(1);
            assertThat(c.alert().nextReminderAt()).isEqualTo(at(65));
        });
        assertThat(book.tick(at(56))).isEmpty();
    }

    @Test
    void escalatesOneStepPerPeriodUpToTheCeiling() {
        raise(Severity.INFO, Map.of(), 0);
        assertThat(book.tick(at(10))).extracting(AlertChange::changeType).containsExactly(ChangeType.REMINDER);
        assertThat(book.tick(at(20))).extracting(AlertChange::changeType).containsExactly(ChangeType.REMINDER);
        assertThat(book.tick(at(24))).isEmpty();
        List<AlertChange> esc = book.tick(at(25));
        assertThat(esc).singleElement().satisfies(c -> {
            assertThat(c.changeType()).isEqualTo(ChangeType.ESCALATED);
            assertThat(c.alert().severity()).isEqualTo(Severity.WARNING);
            assertThat(c.alert().escalationLevel()).isEqualTo(1);
            assertThat(c.alert().nextReminderAt()).isEqualTo(at(35));
            assertThat(c.alert().nextEscalationAt()).isEqualTo(at(50));
            assertThat(c.alert().history()).last().satisfies(t -> assertThat(t.comment()).contains("INFO -> WARNING"));
        });
        assertThat(book.tick(at(30))).isEmpty();
        assertThat(book.tick(at(35))).extracting(AlertChange::changeType).containsExactly(ChangeType.REMINDER);
        assertThat(book.tick(at(50))).singleElement().satisfies(c -> {
            assertThat(c.changeType()).isEqualTo(ChangeType.ESCALATED);
            assertThat(c.alert().severity()).isEqualTo(Severity.CRITICAL);
            assertThat(c.alert().nextEscalationAt()).isNull();
        });
        // at the ceiling only reminders follow
        assertThat(book.tick(at(60))).extracting(AlertChange::changeType).containsExactly(ChangeType.REMINDER);
        assertThat(book.tick(at(65))).isEmpty();
        assertThat(book.tick(at(70))).extracting(AlertChange::changeType).containsExactly(ChangeType.REMINDER);
        assertThat(book.active().get(0).severity()).isEqualTo(Severity.CRITICAL);
        assertThat(book.active().get(0).escalationLevel()).isEqualTo(2);
    }

    @Test
    void escalationReplacesAReminderDueAtTheSameTime() {
        AlertBook b = new AlertBook(Map.of(KIND, new AlertPolicy(Duration.ofMinutes(10), Duration.ofMinutes(20), Severity.EMERGENCY)),
                IdSource.sequential("x"));
        b.raise(KIND, "north", "fridge-1", Severity.WARNING, "m", Map.of(), T0);
        b.tick(at(10));
        assertThat(b.tick(at(20))).extracting(AlertChange::changeType).containsExactly(ChangeType.ESCALATED);
        assertThat(b.active().get(0).remindersSent()).isEqualTo(1);
    }

    @Test
    void clearResolvesTheAlertWhenTheConditionRecovers() {
        Alert a = raise(Severity.WARNING, Map.of(), 0);
        AlertOutcome o = book.clear(KIND, "north", "fridge-1", at(7));
        assertThat(type(o)).isEqualTo(ChangeType.RESOLVED);
        Alert resolved = o.changes().get(0).alert();
        assertThat(resolved.id()).isEqualTo(a.id());
        assertThat(resolved.state()).isEqualTo(AlertState.RESOLVED);
        assertThat(resolved.resolvedBy()).isEqualTo(AlertBook.SYSTEM);
        assertThat(resolved.nextReminderAt()).isNull();
        assertThat(book.active()).isEmpty();
        assertThat(book.clear(KIND, "north", "fridge-1", at(8))).isEqualTo(new AlertOutcome.Unchanged(null));
        assertThat(book.tick(at(60))).isEmpty();
    }

    @Test
    void aNewOccurrenceAfterResolutionOpensANewAlert() {
        Alert first = raise(Severity.WARNING, Map.of(), 0);
        book.clear(KIND, "north", "fridge-1", at(5));
        AlertOutcome again = book.raise(KIND, "north", "fridge-1", Severity.WARNING, "fridge-1 above 6 C", Map.of(), at(9));
        assertThat(type(again)).isEqualTo(ChangeType.OPENED);
        Alert second = again.changes().get(0).alert();
        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(second.opened()).isEqualTo(at(9));
        assertThat(book.get(first.id()).orElseThrow().state()).isEqualTo(AlertState.RESOLVED);
        assertThat(book.all()).hasSize(2);
    }

    @Test
    void personResolvesWithACommentFromOpenOrAcknowledged() {
        Alert a = raise(Severity.WARNING, Map.of(), 0);
        assertThat(book.resolve(a.id(), "kim", "", at(1))).isInstanceOf(AlertOutcome.Refused.class);
        AlertOutcome o = book.resolve(a.id(), "kim", "probe replaced", at(2));
        assertThat(type(o)).isEqualTo(ChangeType.RESOLVED);
        assertThat(o.changes().get(0).alert().resolvedBy()).isEqualTo("kim");
        assertThat(o.changes().get(0).alert().history()).last().satisfies(t -> assertThat(t.comment()).isEqualTo("probe replaced"));
        assertThat(book.resolve(a.id(), "kim", "again", at(3))).isInstanceOfSatisfying(AlertOutcome.Refused.class,
                r -> assertThat(r.rule()).isEqualTo("alert-resolved"));
    }

    @Test
    void higherSeverityReopensAnAcknowledgedAlertAndLowerSeverityNeverDowngrades() {
        Alert a = raise(Severity.WARNING, Map.of(), 0);
        book.acknowledge(a.id(), "kim", "watching", at(1));
        AlertOutcome lower = book.raise(KIND, "north", "fridge-1", Severity.INFO, "fridge-1 above 6 C", Map.of(), at(2));
        assertThat(lower).isInstanceOf(AlertOutcome.Unchanged.class);

        AlertOutcome worse = book.raise(KIND, "north", "fridge-1", Severity.CRITICAL, "fridge-1 above 8 C", Map.of(), at(3));
        assertThat(type(worse)).isEqualTo(ChangeType.UPDATED);
        Alert reopened = worse.changes().get(0).alert();
        assertThat(reopened.id()).isEqualTo(a.id());
        assertThat(reopened.state()).isEqualTo(AlertState.OPEN);
        assertThat(reopened.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(reopened.ackBy()).isNull();
        assertThat(reopened.nextReminderAt()).isEqualTo(at(13));
        assertThat(reopened.history()).extracting(AlertTransition::to)
                .containsExactly(AlertState.OPEN, AlertState.ACKNOWLEDGED, AlertState.OPEN);

        AlertOutcome milder = book.raise(KIND, "north", "fridge-1", Severity.WARNING, "fridge-1 above 6 C", Map.of(), at(4));
        assertThat(milder.changes().get(0).alert().severity()).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void restoredBookContinuesWhereItStopped() {
        Alert a = raise(Severity.WARNING, Map.of("tempC", 7.0), 0);
        Alert door = book.raise(AlertKind.DOOR_OPEN, "north", "fridge-2", Severity.WARNING, "door", Map.of(), at(1)).changes().get(0).alert();
        book.acknowledge(door.id(), "kim", "closed", at(2));
        Alert gone = book.raise(KIND, "south", "fridge-9", Severity.WARNING, "m", Map.of(), at(3)).changes().get(0).alert();
        book.clear(KIND, "south", "fridge-9", at(4));
        book.tick(at(10));
        List<Alert> stored = book.all();

        AlertBook restarted = new AlertBook(
                Map.of(KIND, new AlertPolicy(Duration.ofMinutes(10), Duration.ofMinutes(25), Severity.CRITICAL)),
                IdSource.sequential("al"));
        restarted.restore(stored);

        assertThat(restarted.all()).containsExactlyElementsOf(stored);
        assertThat(restarted.active()).extracting(Alert::id).containsExactly(a.id(), door.id());
        assertThat(restarted.raise(KIND, "north", "fridge-1", Severity.WARNING, "fridge-1 above 6 C", Map.of("tempC", 7.0), at(11)))
                .isInstanceOf(AlertOutcome.Unchanged.class);
        assertThat(restarted.tick(at(19))).isEmpty();
        assertThat(restarted.tick(at(20))).singleElement().satisfies(c -> {
            assertThat(c.alert().id()).isEqualTo(a.id());
            assertThat(c.alert().remindersSent()).isEqualTo(2);
        });
        // the resolved one stays resolved: a new occurrence gets a fresh id that skips the ones in use
        Alert reborn = restarted.raise(KIND, "south", "fridge-9", Severity.WARNING, "m", Map.of(), at(21)).changes().get(0).alert();
        assertThat(reborn.id()).isNotIn(a.id(), door.id(), gone.id()).isEqualTo("al-000004");
    }

    @Test
    void restoreRejectsInconsistentAlerts() {
        Alert a = raise(Severity.WARNING, Map.of(), 0);
        assertThatThrownBy(() -> new AlertBook(IdSource.sequential("z")).restore(List.of(a, a))).hasMessageContaining("twice");
        Alert twin = new Alert("other", a.kind(), a.severity(), a.site(), a.subject(), a.message(), a.opened(), a.lastChanged(),
                AlertState.OPEN, 0, 0, null, null, null, a.history(), a.details(), null, null, 1);
        assertThatThrownBy(() -> new AlertBook(IdSource.sequential("z")).restore(List.of(a, twin))).hasMessageContaining("both unresolved");
    }

    @Test
    void applyAllRunsRuleIntentsInOrder() {
        AlertKey key = new AlertKey(KIND, "north", "fridge-1");
        List<AlertChange> changes = book.applyAll(List.of(
                new AlertIntent.Raise(key, Severity.WARNING, "m", Map.of()),
                new AlertIntent.Raise(key, Severity.WARNING, "m", Map.of()),
                new AlertIntent.Clear(key)), T0);
        assertThat(changes).extracting(AlertChange::changeType).containsExactly(ChangeType.OPENED, ChangeType.RESOLVED);
    }

    @Test
    void pruneForgetsOldResolvedAlertsOnly() {
        raise(Severity.WARNING, Map.of(), 0);
        book.clear(KIND, "north", "fridge-1", at(1));
        book.raise(KIND, "north", "fridge-2", Severity.WARNING, "m", Map.of(), at(2));
        assertThat(book.prune(at(1))).isZero();
        assertThat(book.prune(at(100))).isEqualTo(1);
        assertThat(book.all()).singleElement().satisfies(x -> assertThat(x.subject()).isEqualTo("fridge-2"));
    }

    @Test
    void pruneResolvedReturnsTheForgottenAlertsOldestFirst() {
        raise(Severity.WARNING, Map.of(), 0);
        book.clear(KIND, "north", "fridge-1", at(5));
        book.raise(KIND, "north", "fridge-2", Severity.WARNING, "m", Map.of(), at(1));
        book.clear(KIND, "north", "fridge-2", at(3));
        book.raise(KIND, "north", "fridge-3", Severity.WARNING, "m", Map.of(), at(4));

        assertThat(book.pruneResolved(at(10))).extracting(Alert::subject).containsExactly("fridge-2", "fridge-1");
        assertThat(book.all()).extracting(Alert::subject).containsExactly("fridge-3");
    }

    @Test
    void undoPutsBackTheVersionBeforeAnAcknowledgement() {
        Alert open = raise(Severity.WARNING, Map.of(), 0);
        AlertChange ack = book.acknowledge(open.id(), "tech", "on it", at(2)).changes().get(0);
        assertThat(ack.previous()).isEqualTo(open);

        assertThat(book.undo(ack)).isTrue();

        assertThat(book.get(open.id())).contains(open);
        assertThat(book.acknowledge(open.id(), "tech", "on it", at(3)).changes()).hasSize(1);
    }

    @Test
    void undoOfAResolutionMakesTheAlertActiveAgainForItsKey() {
        Alert open = raise(Severity.WARNING, Map.of(), 0);
        AlertChange resolved = book.resolve(open.id(), "tech", "fixed", at(2)).changes().get(0);

        assertThat(book.undo(resolved)).isTrue();

        assertThat(book.active(open.key())).contains(open);
        assertThat(type(book.raise(KIND, "north", "fridge-1", Severity.WARNING, "other text", Map.of(), at(3))))
                .isEqualTo(ChangeType.UPDATED);
    }

    @Test
    void undoOfAnOpeningForgetsTheAlertSoTheNextRaiseOpensItAgain() {
        AlertChange opened = book.raise(KIND, "north", "fridge-1", Severity.WARNING, "m", Map.of(), T0).changes().get(0);

        assertThat(book.undo(opened)).isTrue();

        assertThat(book.all()).isEmpty();
        assertThat(type(book.raise(KIND, "north", "fridge-1", Severity.WARNING, "m", Map.of(), at(1)))).isEqualTo(ChangeType.OPENED);
    }

    @Test
    void undoLeavesAnAlertThatChangedAgainSinceAlone() {
        Alert open = raise(Severity.WARNING, Map.of(), 0);
        AlertChange ack = book.acknowledge(open.id(), "tech", "on it", at(2)).changes().get(0);
        Alert resolved = book.resolve(open.id(), "tech", "fixed", at(3)).changes().get(0).alert();

        assertThat(book.undo(ack)).isFalse();
        assertThat(book.get(open.id())).contains(resolved);
    }

    @Test
    void undoOfAResolutionNeverLeavesTwoUnresolvedAlertsForOneKey() {
        Alert first = raise(Severity.WARNING, Map.of(), 0);
        AlertChange resolved = book.resolve(first.id(), "tech", "fixed", at(2)).changes().get(0);
        Alert second = raise(Severity.WARNING, Map.of(), 3);

        assertThat(book.undo(resolved)).isFalse();
        assertThat(book.active()).containsExactly(second);
    }
}
