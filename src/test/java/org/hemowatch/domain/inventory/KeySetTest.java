package org.hemowatch.domain.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import org.hemowatch.domain.UnitKey;
import org.junit.jupiter.api.Test;

/** The open-addressing key set against a HashSet, through growth, shrinking and long probe runs. */
class KeySetTest {

    @Test
    void addsAndRemovesExactlyLikeAHashSet() {
        Random random = new Random(7);
        KeySet set = new KeySet();
        Set<UnitKey> expected = new HashSet<>();
        for (int step = 0; step < 200_000; step++) {
            // a small key space, so keys come back after removal and probe runs wrap around the array
            UnitKey k = new UnitKey("A9999" + (random.nextInt(step < 100_000 ? 5_000 : 300)), "E0398", "00");
            if (random.nextInt(3) == 0) {
                assertThat(set.remove(k)).isEqualTo(expected.remove(k));
            } else {
                assertThat(set.add(k)).isEqualTo(expected.add(k));
            }
            if (step % 997 == 0) {
                assertThat(set.toList()).containsExactlyInAnyOrderElementsOf(expected);
            }
        }
        assertThat(set.size()).isEqualTo(expected.size());
        for (UnitKey k : new HashSet<>(expected)) {
            assertThat(set.remove(k)).isTrue();
        }
        assertThat(set.toList()).isEmpty();
    }
}
