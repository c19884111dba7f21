package org.hemowatch.store;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class IdCursorTest {

    private final IdCursor cursor = new IdCursor(10, Duration.ofSeconds(15), 100);

    @Test
    void idsInOrderAreFreshOnceAndMoveTheHighMark() {
        assertThat(cursor.accept(11, 0)).isTrue();
        assertThat(cursor.accept(12, 0)).isTrue();
        assertThat(cursor.accept(12, 0)).as("seen already").isFalse();
        assertThat(cursor.accept(9, 0)).as("below the start").isFalse();
        assertThat(cursor.high()).isEqualTo(12);
        assertThat(cursor.gaps()).isEmpty();
        assertThat(cursor.readFrom()).isEqualTo(12);
    }

    @Test
    void aLowerIdCommittedAfterAHigherOneIsStillFreshOnceWhileItsGapIsRemembered() {
        assertThat(cursor.accept(14, 1_000)).isTrue();
        assertThat(cursor.gaps()).containsExactly(11, 12, 13);
        assertThat(cursor.readFrom()).isEqualTo(10);
        assertThat(cursor.accept(12, 2_000)).isTrue();
        assertThat(cursor.accept(12, 2_000)).isFalse();
        assertThat(cursor.gaps()).containsExactly(11, 13);
        assertThat(cursor.high()).isEqualTo(14);
    }

    @Test
    void aGapMissedLongerThanThePatienceIsForgottenAndNeverDeliveredLate() {
        cursor.accept(13, 0);
        cursor.accept(15, 10_000);
        assertThat(cursor.expire(15_001)).as("11 and 12, missed at 0").isEqualTo(2);
        assertThat(cursor.gaps()).containsExactly(14);
        assertThat(cursor.accept(11, 15_001)).isFalse();
        assertThat(cursor.accept(14, 15_001)).isTrue();
    }

    @Test
    void idsInFlightAtTheStartCanBeMarkedMissingBelowTheHighMark() {
        cursor.missing(8, 0);
        cursor.missing(11, 0); // above the high mark: not a gap, just a new id later
        assertThat(cursor.gaps()).containsExactly(8);
        assertThat(cursor.accept(8, 1)).isTrue();
        assertThat(cursor.accept(11, 1)).isTrue();
    }

    @Test
    void gapsAreBoundedAndSkipToForgetsThem() {
        IdCursor small = new IdCursor(0, Duration.ofSeconds(15), 3);
        small.accept(10, 0);
        assertThat(small.gaps()).containsExactly(1, 2, 3);
        small.skipTo(20);
        assertThat(small.gaps()).isEmpty();
        assertThat(small.high()).isEqualTo(20);
        assertThat(small.accept(15, 0)).isFalse();
    }
}
