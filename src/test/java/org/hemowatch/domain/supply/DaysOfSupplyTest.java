package org.hemowatch.domain.supply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.hemowatch.domain.supply.TestUnits.NOW;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.ComponentClass;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.CsvSource;

class DaysOfSupplyTest {

    @ParameterizedTest(name = "{0}: {1} units, issues {2} over {4} days -> {6} days {7}")
    @CsvFileSource(resources = "/supply/days-of-supply.csv")
    void assessesDaysOfSupplyAndPhaseFromKnownDemand(String component, int issuable, String dailyIssues, int issuesToday,
                                                     int windowDays, double expectedAverage, Double expectedDays,
                                                     SupplyPhase expectedPhase) {
        ComponentClass c = ComponentClass.parse(component).orElseThrow();
        StockKey key = new StockKey("north", c, TestUnits.group("A+"));
        DemandHistory demand = new DemandHistory();
        if (dailyIssues != null) {
            String[] perDay = dailyIssues.split(";");
            for (int d = 0; d < perDay.length; d++) {
                for (int i = 0; i < Integer.parseInt(perDay[d].trim()); i++) {
                    demand.recordIssue(key, NOW.minus(Duration.ofDays(d + 1)));
                }
            }
        }
        for (int i = 0; i < issuesToday; i++) {
            demand.recordIssue(key, NOW.minus(Duration.ofHours(1)));
        }
        List<BloodUnit> units = new ArrayList<>();
        for (int i = 0; i < issuable; i++) {
            units.add(TestUnits.available("north", c, "A+", 24 * 30));
        }

        List<StockLevel> rows = new SupplyAssessor(Map.of(), windowDays).assess(units, List.of(), demand, NOW);
        List<StockLevel> forKey = rows.stream().filter(r -> r.key().equals(key)).toList();

        if (issuable == 0 && expectedDays == null) {
            assertThat(forKey).as("no stock, no demand, no par: no row").isEmpty();
            return;
        }
        assertThat(forKey).hasSize(1);
        StockLevel row = forKey.get(0);
        assertThat(row.available()).isEqualTo(issuable);
        assertThat(row.averageDailyDemand()).isCloseTo(expectedAverage, within(1e-9));
        if (expectedDays == null) {
            assertThat(row.daysOfSupply()).isNull();
            assertThat(row.noDemand()).isTrue();
        } else {
            assertThat(row.daysOfSupply()).isCloseTo(expectedDays, within(1e-9));
        }
        assertThat(row.phase()).isEqualTo(expectedPhase);
    }

    @Test
    void presentsNoDemandAsNullNotInfinity() {
        DaysOfSupply none = new DaysOfSupply(4, 0.0);
        assertThat(none.noDemand()).isTrue();
        assertThat(none.days()).isNull();
        assertThat(none.display()).isEqualTo("no demand");
        DaysOfSupply some = new DaysOfSupply(5, 2.0);
        assertThat(some.days()).isEqualTo(2.5);
        assertThat(some.display()).isEqualTo("2.5");
    }

    @Test
    void rejectsNegativeOrNonFiniteInputs() {
        assertThatThrownBy(() -> new DaysOfSupply(-1, 1.0)).hasMessageContaining("issuable");
        assertThatThrownBy(() -> new DaysOfSupply(1, -0.5)).hasMessageContaining("averageDailyDemand");
        assertThatThrownBy(() -> new DaysOfSupply(1, Double.NaN)).hasMessageContaining("averageDailyDemand");
    }

    @ParameterizedTest
    @CsvSource({
            // red, amber, preAmber, inclusive, days, phase
            "2, 4, 6, false, 1.99, RED",
            "2, 4, 6, false, 2.0, AMBER",
            "2, 4, 6, false, 4.0, PRE_AMBER",
            "2, 4, 6, false, 5.9, PRE_AMBER",
            "2, 4, 6, false, 6.0, GREEN",
            "2, 4, 4, false, 5.0, GREEN",
            "0.5, 1, 1, true, 0.5, RED",
            "0.5, 1, 1, true, 1.0, AMBER",
            "0.5, 1, 1.5, true, 1.5, PRE_AMBER",
            "0.5, 1, 1.5, true, 1.51, GREEN"})
    void mapsDaysToPhase(double red, double amber, double preAmber, boolean inclusive, double days, SupplyPhase phase) {
        assertThat(new PhaseThresholds(red, amber, preAmber, inclusive).phaseOf(days)).isEqualTo(phase);
    }

    @Test
    void noDemandIsGreen() {
        assertThat(PhaseThresholds.defaults(ComponentClass.RED_CELLS).phaseOf(null)).isEqualTo(SupplyPhase.GREEN);
    }

    @Test
    void rejectsThresholdsOutOfOrder() {
        assertThatThrownBy(() -> PhaseThresholds.below(3, 2)).hasMessageContaining("amber");
        assertThatThrownBy(() -> PhaseThresholds.below(-1, 2)).hasMessageContaining("red");
        assertThatThrownBy(() -> PhaseThresholds.below(2, 4).withPreAmber(3)).hasMessageContaining("preAmber");
    }
}
