package org.hemowatch.domain.supply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hemowatch.domain.supply.TestUnits.NOW;
import static org.hemowatch.domain.supply.TestUnits.available;
import static org.hemowatch.domain.supply.TestUnits.unit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.hemowatch.domain.BloodGroup;
import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.ComponentClass;
import org.hemowatch.domain.UnitStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

class PickListTest {

    private static final ComponentClass RBC = ComponentClass.RED_CELLS;
    private final PickList pickList = new PickList();

    @Test
    void picksExactGroupFirstExpiredFirstOut() {
        BloodUnit day5 = available("north", RBC, "O+", 5 * 24);
        BloodUnit day2 = available("north", RBC, "O+", 2 * 24);
        BloodUnit day9 = available("north", RBC, "O+", 9 * 24);
        BloodUnit oNeg = available("north", RBC, "O-", 1);
        List<Pick> picks = pickList.pick(List.of(day5, day2, oNeg, day9), "north", RBC, TestUnits.group("O+"), 3, NOW);
        assertThat(picks).extracting(Pick::unit).containsExactly(day2, day5, day9);
        assertThat(picks).noneMatch(Pick::substitute);
        assertThat(picks.get(0).reason()).contains("same group O+");
    }

    @Test
    void substitutesInTransfusionLabOrderWhenExactGroupRunsOut() {
        BloodUnit oNeg = available("north", RBC, "O-", 10);
        BloodUnit oPos = available("north", RBC, "O+", 20);
        BloodUnit aNeg = available("north", RBC, "A-", 240);
        BloodUnit aPos1 = available("north", RBC, "A+", 300);
        BloodUnit aPos2 = available("north", RBC, "A+", 200);
        BloodUnit bPos = available("north", RBC, "B+", 1);
        List<Pick> picks = pickList.pick(List.of(oNeg, oPos, aNeg, aPos1, aPos2, bPos), "north", RBC, TestUnits.group("A+"), 10, NOW);
        assertThat(picks).extracting(Pick::unit).containsExactly(aPos2, aPos1, aNeg, oPos, oNeg);
        assertThat(picks).extracting(Pick::substitute).containsExactly(false, false, true, true, true);
        assertThat(picks.get(2).reason()).contains("A- for A+ recipient", "choice 1 of 3");
        assertThat(picks.get(4).reason()).contains("O- for A+ recipient", "choice 3 of 3");
    }

    @Test
    void skipsUnitsThatCannotBeIssuedHere() {
        List<BloodUnit> units = List.of(
                unit("north", RBC, "A+", UnitStatus.AVAILABLE, NOW),                            // expired at now
                unit("north", RBC, "A+", UnitStatus.QUARANTINED, NOW.plus(Duration.ofDays(3))),
                unit("north", RBC, "A+", UnitStatus.ISSUED, NOW.plus(Duration.ofDays(3))),
                available("south", RBC, "A+", 72),
                available("north", ComponentClass.PLASMA, "A+", 72),
                available("north", RBC, "AB+", 72));                                            // incompatible
        BloodUnit good = available("north", RBC, "A+", 72);
        List<BloodUnit> all = new ArrayList<>(units);
        all.add(good);
        assertThat(pickList.pick(all, "north", RBC, TestUnits.group("A+"), 4, NOW)).extracting(Pick::unit).containsExactly(good);
    }

    @ParameterizedTest(name = "{0} for {1}")
    @CsvFileSource(resources = "/supply/compatibility.csv")
    void picksOneOfEveryGroupInCompatibilityOrderAndNothingElse(String component, String recipient, String donors) {
        ComponentClass c = ComponentClass.parse(component).orElseThrow();
        List<BloodUnit> oneOfEach = new ArrayList<>();
        for (BloodGroup g : CompatibilityTable.allGroups()) {
            oneOfEach.add(available("north", c, g.label(), 48));
        }
        Collections.reverse(oneOfEach);
        List<Pick> picks = pickList.pick(oneOfEach, "north", c, TestUnits.group(recipient), 8, NOW);
        assertThat(picks).extracting(p -> p.unit().group()).containsExactlyElementsOf(CompatibilityTableTest.groups(donors));
        assertThat(picks.get(0).substitute()).isFalse();
        assertThat(picks.subList(1, picks.size())).allMatch(Pick::substitute);
    }

    @Test
    void warnsAboutRhdPositivePlateletsForRhdNegativeRecipient() {
        BloodUnit aPos = available("north", ComponentClass.PLATELETS, "A+", 24);
        List<Pick> picks = pickList.pick(List.of(aPos), "north", ComponentClass.PLATELETS, TestUnits.group("A-"), 1, NOW);
        assertThat(picks).singleElement().satisfies(p -> {
            assertThat(p.substitute()).isTrue();
            assertThat(p.reason()).contains("anti-D");
        });
    }

    @Test
    void returnsFewerWhenStockIsShortAndRejectsNegativeCount() {
        BloodUnit one = available("north", RBC, "O-", 24);
        assertThat(pickList.pick(List.of(one), "north", RBC, TestUnits.group("O-"), 3, NOW)).hasSize(1);
        assertThat(pickList.pick(List.of(one), "north", RBC, TestUnits.group("O-"), 0, NOW)).isEmpty();
        assertThatThrownBy(() -> pickList.pick(List.of(one), "north", RBC, TestUnits.group("O-"), -1, NOW))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
