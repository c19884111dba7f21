package org.hemowatch.domain.supply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hemowatch.domain.supply.TestUnits.NOW;
import static org.hemowatch.domain.supply.TestUnits.available;
import static org.hemowatch.domain.supply.TestUnits.group;

import java.util.List;

import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.ComponentClass;
import org.hemowatch.domain.IntendedUse;
import org.hemowatch.supply.SupplyConfig;
import org.junit.jupiter.api.Test;

/** Issue 12 defects 1 and 7: BSH substitutions for platelets and plasma, unknown groups, restricted units. */
class SubstitutionsTest {

    private final PickList picks = new PickList();

    @Test
    void anAbRecipientGetsAThenBThenOPlateletsHighTitreNegativeOnlyInsteadOfAnEmptyList() {
        List<BloodUnit> stock = List.of(available("main", ComponentClass.PLATELETS, "O+", 48),
                available("main", ComponentClass.PLATELETS, "A+", 48), available("main", ComponentClass.PLATELETS, "B+", 48));

        List<Pick> got = picks.pick(stock, "main", ComponentClass.PLATELETS, group("AB+"), 3, NOW);

        assertThat(got).extracting(p -> p.unit().group().label()).containsExactly("A+", "B+", "O+");
        assertThat(got).allSatisfy(p -> assertThat(p.reason()).contains("high-titre anti-A/anti-B"));
    }

    @Test
    void anAbRecipientGetsGroupAPlasmaHighTitreNegativeOnlyButNeverGroupO() {
        List<BloodUnit> stock = List.of(available("main", ComponentClass.PLASMA, "O+", 480),
                available("main", ComponentClass.PLASMA, "A+", 480));

        List<Pick> got = picks.pick(stock, "main", ComponentClass.PLASMA, group("AB+"), 2, NOW);

        assertThat(got).extracting(p -> p.unit().group().label()).containsExactly("A+");
        assertThat(got.get(0).reason()).contains("only if negative for high-titre");
    }

    @Test
    void aRecipientOfUnknownGroupGetsGroupAPlasmaFirst() {
        List<BloodUnit> stock = List.of(available("main", ComponentClass.PLASMA, "AB+", 480),
                available("main", ComponentClass.PLASMA, "A+", 480), available("main", ComponentClass.PLASMA, "O+", 480));

        List<Pick> got = picks.pickUnknownGroup(g -> stock.stream().filter(u -> u.group().equals(g)).toList(), "main",
                ComponentClass.PLASMA, 3, NOW);

        assertThat(got).extracting(p -> p.unit().group().label()).containsExactly("A+", "AB+");
        assertThat(got.get(0).reason()).contains("recipient group unknown").contains("high-titre anti-B");
    }

    @Test
    void restrictedUnitsAreNeverPickedNorCountedButCrossedOverOnesAre() {
        BloodUnit autologous = available("main", ComponentClass.RED_CELLS, "O-", 100).withUse(IntendedUse.AUTOLOGOUS, null);
        BloodUnit crossover = available("main", ComponentClass.RED_CELLS, "O-", 110).withUse(IntendedUse.AUTOLOGOUS_CROSSOVER, null);
        BloodUnit crossed = available("main", ComponentClass.RED_CELLS, "O-", 120).withUse(IntendedUse.DIRECTED_CROSSOVER, null)
                .withCrossedOver(true);
        List<BloodUnit> stock = List.of(autologous, crossover, crossed);

        assertThat(picks.pick(stock, "main", ComponentClass.RED_CELLS, group("A-"), 5, NOW)).extracting(Pick::unit).containsExactly(crossed);
        assertThat(new SupplyAssessor().assess(stock, List.of(), new DemandHistory(), NOW))
                .singleElement().satisfies(l -> assertThat(l.available()).isEqualTo(1));
    }

    @Test
    void aSiteReplacesARowOfItsOwnCompatibilityTableAndNamesItsPhases() {
        SupplyConfig config = new SupplyConfig(null, null, null, java.util.Map.of("PRE_AMBER", "Watch"), List.of(
                new SupplyConfig.CompatibilityRow("north", "PLT", "AB+", List.of("AB+", "AB-", "A+", "A-"))));

        assertThat(config.compatibilityAt("north").donorsFor(ComponentClass.PLATELETS, group("AB+")))
                .extracting(g -> g.label()).containsExactly("AB+", "AB-", "A+", "A-");
        assertThat(config.compatibilityAt("main").donorsFor(ComponentClass.PLATELETS, group("AB+"))).hasSize(8);
        assertThat(config.phaseName(SupplyPhase.PRE_AMBER)).isEqualTo("Watch");
        assertThat(config.phaseName(SupplyPhase.AMBER)).isEqualTo("Amber");
    }
}
