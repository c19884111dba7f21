package org.hemowatch.domain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The regex-free id check agrees with the documented pattern. */
class IdsTest {

    @ParameterizedTest
    @ValueSource(strings = {"fridge-1", "f.2_b", "A", "0", "a-", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "", "-a", ".a", "_a", "a b", "a/b", "a+", "a#", "../x",
            "\u202Ea", "a\n", "é", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "A9", "a..b"})
    void agreesWithThePatternOnTheEdgeCases(String id) {
        assertThat(Ids.valid(id)).isEqualTo(Ids.PATTERN.matcher(id).matches());
    }

    @Test
    void agreesWithThePatternOnRandomStrings() {
        Random r = new Random(42);
        String alphabet = "aZ09_.-/ +#\u00e9\u202E";
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            int n = r.nextInt(70);
            for (int j = 0; j < n; j++) {
                b.append(alphabet.charAt(r.nextInt(alphabet.length())));
            }
            String id = b.toString();
            assertThat(Ids.valid(id)).as(id).isEqualTo(Ids.PATTERN.matcher(id).matches());
        }
        assertThat(Ids.valid(null)).isFalse();
    }
}
