package org.hemowatch.domain.supply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hemowatch.domain.supply.TestUnits.NOW;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.ComponentClass;
import org.hemowatch.domain.UnitAction;
import org.hemowatch.domain.UnitEvent;
import org.hemowatch.domain.UnitStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class DemandHistoryTest {

    private static final StockKey O_NEG = new StockKey("north", ComponentClass.RED_CELLS, TestUnits.group("O-"));

    private static UnitEvent event(BloodUnit u, UnitAction action, String site, java.time.Instant at) {
        return new UnitEvent(u.key(), action, UnitStatus.AVAILABLE, UnitStatus.ISSUED, at, site, null, "ward", "tech", "api", null);
    }

    @Test
    void countsIssueEventsTowardsTheIssuingSiteComponentAndGroup() {
        DemandHistory h = new DemandHistory();
        BloodUnit u = TestUnits.available("north", ComponentClass.RED_CELLS, "O-", 100);
        assertThat(h.record(event(u, UnitAction.ISSUE, "north", NOW.minus(Duration.ofDays(1))), u)).isTrue();
        assertThat(h.issuesOn(O_NEG, LocalDate.of(2025, 3, 9))).isEqualTo(1);
        assertThat(h.keys()).containsExactly(O_NEG);
    }

    @ParameterizedTest
    @EnumSource(value = UnitAction.class, names = "ISSUE", mode = EnumSource.Mode.EXCLUDE)
    void ignoresEventsOtherThanIssue(UnitAction action) {
        DemandHistory h = new DemandHistory();
        BloodUnit u = TestUnits.available("north", ComponentClass.RED_CELLS, "O-", 100);
        assertThat(h.record(event(u, action, "north", NOW.minus(Duration.ofDays(1))), u)).isFalse();
        assertThat(h.keys()).isEmpty();
    }

    @Test
    void rejectsAnEventOfAnotherUnit() {
        DemandHistory h = new DemandHistory();
        BloodUnit u = TestUnits.available("north", ComponentClass.RED_CELLS, "O-", 100);
        BloodUnit other = TestUnits.available("north", ComponentClass.RED_CELLS, "O-", 100);
        assertThatThrownBy(() -> h.record(event(u, UnitAction.ISSUE, "north", NOW), other))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void averageUsesCompleteDaysBeforeTodayWithinTheWindow() {
        DemandHistory h = new DemandHistory();
        h.recordIssue(O_NEG, NOW.minus(Duration.ofHours(1)));          // today: not yet counted
        h.recordIssue(O_NEG, NOW.minus(Duration.ofDays(1)));           // day -1
        h.recordIssue(O_NEG, NOW.minus(Duration.ofDays(3)));           // day -3
        h.recordIssue(O_NEG, NOW.minus(Duration.ofDays(3)));
        h.recordIssue(O_NEG, at("2025-03-03T00:00:00Z"));         // day -7: first day of a 7-day window
        h.recordIssue(O_NEG, at("2025-03-02T23:59:59Z"));         // day -8: outside

        assertThat(h.issuesInWindow(O_NEG, NOW, 7)).isEqualTo(4);
        assertThat(h.averageDailyDemand(O_NEG, NOW, 7)).isEqualTo(4 / 7.0);
        assertThat(h.issuesInWindow(O_NEG, NOW, 8)).isEqualTo(5);
        assertThat(h.issuesInWindow(O_NEG, NOW, 1)).isEqualTo(1);
        assertThat(h.averageDailyDemand(new StockKey("south", ComponentClass.RED_CELLS, TestUnits.group("O-")), NOW, 7)).isZero();
    }

    @Test
    void pruneDropsDaysBeforeTheWindowOnly() {
        DemandHistory h = new DemandHistory();
        h.recordIssue(O_NEG, NOW.minus(Duration.ofDays(2)));
        h.recordIssue(O_NEG, NOW.minus(Duration.ofDays(10)));
        StockKey plt = new StockKey("north", ComponentClass.PLATELETS, TestUnits.group("A+"));
        h.recordIssue(plt, NOW.minus(Duration.ofDays(30)));

        h.prune(NOW, 7);

        assertThat(h.issuesOn(O_NEG, LocalDate.of(2025, 3, 8))).isEqualTo(1);
        assertThat(h.issuesOn(O_NEG, LocalDate.of(2025, 2, 28))).isZero();
        assertThat(h.keys()).containsExactly(O_NEG);
        assertThat(h.issuesInWindow(O_NEG, NOW, 7)).isEqualTo(1);
    }

    @Test
    void daysFollowTheConfiguredZone() {
        DemandHistory h = new DemandHistory(ZoneOffset.ofHours(2));
        h.recordIssue(O_NEG, at("2025-03-09T23:30:00Z"));  // 01:30 on 10 March at +02:00, i.e. today
        assertThat(h.issuesOn(O_NEG, LocalDate.of(2025, 3, 10))).isEqualTo(1);
        assertThat(h.issuesInWindow(O_NEG, NOW, 7)).isZero();
        DemandHistory utc = new DemandHistory();
        utc.recordIssue(O_NEG, at("2025-03-09T23:30:00Z"));    // 9 March in UTC: a complete day
        assertThat(utc.issuesInWindow(O_NEG, NOW, 7)).isEqualTo(1);
    }

    @Test
    void rejectsWindowBelowOneDay() {
        assertThatThrownBy(() -> new DemandHistory().averageDailyDemand(O_NEG, NOW, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static java.time.Instant at(String s) {
        return java.time.Instant.parse(s);
    }
}
