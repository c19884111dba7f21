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
    void everyPlasmaDonorLacksAntibodiesAgainstTheRecipient() {
        for (BloodGroup r : CompatibilityTable.allGroups()) {
            for (ComponentClass c : List.of(ComponentClass.PLASMA, ComponentClass.CRYO, ComponentClass.PLATELETS)) {
                List<BloodGroup> donors = table.donorsFor(c, r);
                assertThat(donors.get(0)).isEqualTo(r);
                for (BloodGroup d : CompatibilityTable.allGroups()) {
                    // donor plasma carries antibodies against the antigens the donor lacks
                    boolean compatible = antigens(d.abo()).containsAll(antigens(r.abo()));
                    assertThat(donors.contains(d)).as("%s %s for %s", c.code(), d, r).isEqualTo(compatible);
                }
            }
        }
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
