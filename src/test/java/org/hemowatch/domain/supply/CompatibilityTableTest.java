package org.hemowatch.domain.supply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.hemowatch.domain.Abo;
import org.hemowatch.domain.BloodGroup;
import org.hemowatch.domain.ComponentClass;
import org.hemowatch.domain.RhD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

class CompatibilityTableTest {

    private final CompatibilityTable table = CompatibilityTable.standard();

    static List<BloodGroup> groups(String spaceSeparated) {
        return Arrays.stream(spaceSeparated.trim().split("\\s+")).map(CompatibilityTable::parseGroup).toList();
    }

    @ParameterizedTest(name = "{0} for {1}: {2}")
    @CsvFileSource(resources = "/supply/compatibility.csv")
    void listsDonorGroupsInPreferenceOrder(String component, String recipient, String donors) {
        ComponentClass c = ComponentClass.parse(component).orElseThrow();
        assertThat(table.donorsFor(c, TestUnits.group(recipient))).containsExactlyElementsOf(groups(donors));
    }

    @Test
    void everyRedCellDonorCarriesNoAntigenTheRecipientLacks() {
        for (BloodGroup r : CompatibilityTable.allGroups()) {
            List<BloodGroup> donors = table.donorsFor(ComponentClass.RED_CELLS, r);
            assertThat(donors.get(0)).isEqualTo(r);
            for (BloodGroup d : CompatibilityTable.allGroups()) {
                boolean compatible = antigens(r.abo()).containsAll(antigens(d.abo())) && (r.rhd() == RhD.POS || d.rhd() == RhD.NEG);
                assertThat(donors.contains(d)).as("red cells %s for %s", d, r).isEqualTo(compatible);
            }
            assertThat(donors.get(donors.size() - 1)).as("O- is the last resort for %s", r).isEqualTo(TestUnits.group("O-"));
        }
    }

    @Test
    void everyPlasmaDonorWithAntibodiesAgainstTheRecipientIsHighTitreNegativeOnly() {
        for (BloodGroup r : CompatibilityTable.allGroups()) {
            for (ComponentClass c : List.of(ComponentClass.PLASMA, ComponentClass.CRYO, ComponentClass.PLATELETS)) {
                List<BloodGroup> donors = table.donorsFor(c, r);
                assertThat(donors.get(0)).isEqualTo(r);
                for (BloodGroup d : donors) {
                    // donor plasma carries antibodies against the antigens the donor lacks
                    boolean compatible = antigens(d.abo()).containsAll(antigens(r.abo()));
                    assertThat(CompatibilityTable.condition(c, r, d).isPresent()).as("%s %s for %s", c.code(), d, r).isEqualTo(!compatible);
                }
                // every fully compatible group is listed before any that needs a condition
                int lastCompatible = -1;
                int firstConditional = Integer.MAX_VALUE;
                for (int i = 0; i < donors.size(); i++) {
                    if (CompatibilityTable.condition(c, r, donors.get(i)).isPresent()) {
                        firstConditional = Math.min(firstConditional, i);
                    } else if (donors.get(i).rhd() == donors.get(0).rhd()) {
                        lastCompatible = i;
                    }
                }
                assertThat(c == ComponentClass.PLATELETS || lastCompatible < firstConditional).as("%s for %s", c.code(), r).isTrue();
            }
        }
    }

    @Test
    void groupOPlasmaGoesOnlyToGroupORecipients() {
        for (BloodGroup r : CompatibilityTable.allGroups()) {
            boolean hasO = table.donorsFor(ComponentClass.PLASMA, r).stream().anyMatch(d -> d.abo() == Abo.O);
            assertThat(hasO).as("FFP O for %s", r).isEqualTo(r.abo() == Abo.O);
        }
    }

    @Test
    void aRecipientOfUnknownGroupGetsGroupAPlasmaAndORedCells() {
        assertThat(table.donorsForUnknownGroup(ComponentClass.PLASMA)).containsExactlyElementsOf(groups("A- A+ AB- AB+"));
        assertThat(table.donorsForUnknownGroup(ComponentClass.PLATELETS).get(0).abo()).isEqualTo(Abo.A);
        assertThat(table.donorsForUnknownGroup(ComponentClass.RED_CELLS)).containsExactlyElementsOf(groups("O- O+"));
        assertThat(table.donorsForUnknownGroup(ComponentClass.WHOLE_BLOOD)).isEmpty();
    }

    @Test
    void replacingARowLeavesTheStandardTableUntouched() {
        CompatibilityTable site = table.with(ComponentClass.WHOLE_BLOOD, TestUnits.group("O+"), groups("O+ O-"));
        assertThat(site.donorsFor(ComponentClass.WHOLE_BLOOD, TestUnits.group("O+"))).containsExactlyElementsOf(groups("O+ O-"));
        assertThat(table.donorsFor(ComponentClass.WHOLE_BLOOD, TestUnits.group("O+"))).containsExactlyElementsOf(groups("O+"));
        assertThat(site.donorsFor(ComponentClass.RED_CELLS, TestUnits.group("A-"))).containsExactlyElementsOf(groups("A- O-"));
    }

    @Test
    void rejectsEmptyOrRepeatedDonorRows() {
        BloodGroup aPos = TestUnits.group("A+");
        assertThatThrownBy(() -> table.with(ComponentClass.RED_CELLS, aPos, List.of())).hasMessageContaining("must not be empty");
        assertThatThrownBy(() -> table.with(ComponentClass.RED_CELLS, aPos, groups("A+ A+"))).hasMessageContaining("repeat");
    }

    private static Set<Character> antigens(Abo abo) {
        return switch (abo) {
            case O -> Set.of();
            case A -> Set.of('A');
            case B -> Set.of('B');
            case AB -> Set.of('A', 'B');
        };
    }
}
