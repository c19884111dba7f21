package org.hemowatch.supply;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class GroupsTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "none", value = {
            "O-|O-", "AB+|AB+", "a pos|A+", "B NEG|B-", "ab-|AB-", "O|none", "Q+|none", "OPOS|O+", "+|none", "''|none"})
    void parsesGroupLabelsAsWrittenInConfigAndApi(String text, String label) {
        assertThat(Groups.parse(text).map(g -> g.label()).orElse(null)).isEqualTo(label);
    }
}
