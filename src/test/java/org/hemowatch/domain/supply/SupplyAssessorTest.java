package org.hemowatch.domain.supply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hemowatch.domain.supply.TestUnits.NOW;
import static org.hemowatch.domain.supply.TestUnits.available;
import static org.hemowatch.domain.supply.TestUnits.unit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.ComponentClass;
import org.hemowatch.domain.UnitStatus;
import org.junit.jupiter.api.Test;

class SupplyAssessorTest {

    private static final ComponentClass RBC = ComponentClass.RED_CELLS;
    private static final StockKey NORTH_O_POS = new StockKey("north", RBC, TestUnits.group("O+"));

    private final SupplyAssessor assessor = new SupplyAssessor();

    @Test
    void countsOnlyAvailableUnexpiredUnitsAsIssuable() {
        List<BloodUnit> units = List.of(
                available("north", RBC, "O+", 100),
                unit("north", RBC, "O+", UnitStatus.AVAILABLE, NOW),                          // expires now: expired
                unit("north", RBC, "O+", UnitStatus.QUARANTINED, NOW.plus(Duration.ofDays(5))),
                unit("north", RBC, "O+", UnitStatus.RECEIVED, NOW.plus(Duration.ofDays(5))),
                unit("north", RBC, "O+", UnitStatus.ISSUED, NOW.plus(Duration.ofDays(5))),
                unit("north", RBC, "O+", UnitStatus.EXPIRED, NOW.minus(Duration.ofDays(1))));
        List<StockLevel> rows = assessor.assess(units, List.of(), new DemandHistory(), NOW);
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo(NORTH_O_POS);
            assertThat(r.available()).isEqualTo(1);
        });
    }

    @Test
    void countsUnitsExpiringWithin24And72Hours() {
        List<BloodUnit> units = List.of(
                available("north", RBC, "O+", 1),
                available("north", RBC, "O+", 24),
                available("north", RBC, "O+", 25),
                available("north", RBC, "O+", 72),
                available("north", RBC, "O+", 73));
        StockLevel row = assessor.assess(units, List.of(), new DemandHistory(), NOW).get(0);
        assertThat(row.available()).isEqualTo(5);
        assertThat(row.expiring24h()).isEqualTo(2);
        assertThat(row.expiring72h()).isEqualTo(4);
    }

    @Test
    void parLevelCrossingsBothWays() {
        ParLevel par = new ParLevel(NORTH_O_POS, 3, 5);
        List<BloodUnit> stock = new ArrayList<>();
        int[] expectedBelowMin = {1, 1, 1, 0, 0, 0, 0};
        int[] expectedBelowIdeal = {1, 1, 1, 1, 1, 0, 0};
        for (int n = 0; n <= 6; n++) {
            StockLevel row = assessor.assess(stock, List.of(par), new DemandHistory(), NOW).get(0);
            assertThat(row.belowMinimum()).as("%d units below minimum", n).isEqualTo(expectedBelowMin[n] == 1);
            assertThat(row.belowIdeal()).as("%d units below ideal", n).isEqualTo(expectedBelowIdeal[n] == 1);
            assertThat(row.shortage()).isEqualTo(n < 3);
            stock.add(available("north", RBC, "O+", 200));
        }
        // and back down
        while (stock.size() > 2) {
            stock.remove(stock.size() - 1);
        }
        StockLevel row = assessor.assess(stock, List.of(par), new DemandHistory(), NOW).get(0);
        assertThat(row.belowMinimum()).isTrue();
        assertThat(row.par()).isEqualTo(par);
    }

    @Test
    void lineWithDemandButNoStockIsRedWithZeroDays() {
        DemandHistory demand = new DemandHistory();
        demand.recordIssue(NORTH_O_POS, NOW.minus(Duration.ofDays(2)));
        StockLevel row = assessor.assess(List.of(), List.of(), demand, NOW).get(0);
        assertThat(row.available()).isZero();
        assertThat(row.daysOfSupply()).isZero();
        assertThat(row.phase()).isEqualTo(SupplyPhase.RED);
    }

    @Test
    void demandOutsideTheWindowAddsNoRow() {
        DemandHistory demand = new DemandHistory();
        demand.recordIssue(NORTH_O_POS, NOW.minus(Duration.ofDays(40)));
        assertThat(assessor.assess(List.of(), List.of(), demand, NOW)).isEmpty();
    }

    @Test
    void rowsAreOrderedBySiteComponentAndGroup() {
        List<BloodUnit> units = List.of(
                available("south", RBC, "A-", 100),
                available("north", ComponentClass.PLATELETS, "O+", 100),
                available("north", RBC, "A+", 100),
                available("north", RBC, "O-", 100),
                available("north", RBC, "O+", 100));
        List<String> order = assessor.assess(units, List.of(), new DemandHistory(), NOW).stream().map(r -> r.key().toString()).toList();
        assertThat(order).containsExactly("north:RBC/O+", "north:RBC/O-", "north:RBC/A+", "north:PLT/O+", "south:RBC/A-");
    }

    @Test
    void usesConfiguredThresholdsIncludingPreAmber() {
        SupplyAssessor nhsbt = new SupplyAssessor(Map.of(RBC, PhaseThresholds.below(2, 4).withPreAmber(6)), 1);
        DemandHistory demand = new DemandHistory();
        demand.recordIssue(NORTH_O_POS, NOW.minus(Duration.ofDays(1)));
        List<BloodUnit> five = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            five.add(available("north", RBC, "O+", 500));
        }
        assertThat(nhsbt.assess(five, List.of(), demand, NOW).get(0).phase()).isEqualTo(SupplyPhase.PRE_AMBER);
        assertThat(assessor.assess(five, List.of(), demand, NOW).get(0).phase()).isEqualTo(SupplyPhase.GREEN);
    }

    @Test
    void rejectsTwoParLevelsForOneLine() {
        assertThatThrownBy(() -> assessor.assess(List.of(), List.of(new ParLevel(NORTH_O_POS, 1, 2), new ParLevel(NORTH_O_POS, 2, 3)),
                new DemandHistory(), NOW)).hasMessageContaining("north:RBC/O+");
    }
}
