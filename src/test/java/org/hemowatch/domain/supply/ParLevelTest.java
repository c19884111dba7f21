package org.hemowatch.domain.supply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.hemowatch.domain.ComponentClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ParLevelTest {

    private static final StockKey KEY = new StockKey("north", ComponentClass.RED_CELLS, TestUnits.group("O-"));

    @ParameterizedTest
    @CsvSource({
            "-1, 5, minimum must be >= 0",
            "4, 3, ideal must be >= minimum (4)",
            "0, -1, ideal must be >= minimum (0)"})
    void rejectsInvalidLevelsNamingTheField(int minimum, int ideal, String message) {
        assertThatThrownBy(() -> new ParLevel(KEY, minimum, ideal))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message)
                .hasMessageContaining("north:RBC/O-");
    }

    @ParameterizedTest
    @CsvSource({
            // count, belowMinimum, belowIdeal   for minimum 3, ideal 5
            "0, true, true",
            "2, true, true",
            "3, false, true",
            "4, false, true",
            "5, false, false",
            "9, false, false"})
    void comparesCountWithMinimumAndIdeal(int count, boolean belowMinimum, boolean belowIdeal) {
        ParLevel par = new ParLevel(KEY, 3, 5);
        assertThat(par.belowMinimum(count)).isEqualTo(belowMinimum);
        assertThat(par.belowIdeal(count)).isEqualTo(belowIdeal);
    }

    @ParameterizedTest
    @CsvSource({"0, 0", "2, 2", "2, 7"})
    void acceptsMinimumEqualToIdealAndZero(int minimum, int ideal) {
        assertThat(new ParLevel(KEY, minimum, ideal).ideal()).isEqualTo(ideal);
    }
}
