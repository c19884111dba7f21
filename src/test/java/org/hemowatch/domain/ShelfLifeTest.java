package org.hemowatch.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

class ShelfLifeTest {

    /** Any moment: the check depends only on the distance between the scan and the expiry. */
    private static final Instant SEEN = Instant.parse("2031-07-04T09:15:00Z");

    @ParameterizedTest(name = "{0} expiring {1} after the scan: plausible={2}")
    @CsvFileSource(resources = "/isbt128/shelf-life-cases.csv")
    void refusesAnExpiryFurtherAwayThanTheClassCanKeepPlusOneDay(String cls, String after, boolean plausible) {
        ComponentClass component = ComponentClass.parse(cls).orElseThrow();

        var why = ShelfLife.defaults().implausibleExpiry(component, SEEN.plus(Duration.parse(after)), SEEN);

        assertThat(why.isEmpty()).isEqualTo(plausible);
        why.ifPresent(w -> assertThat(w).contains(component.code()).contains("at most"));
    }

    @ParameterizedTest(name = "{0} collected {1} before the scan, expiring {2} after: plausible={3} (from the scan: {4})")
    @CsvFileSource(resources = "/isbt128/shelf-life-from-collection-cases.csv")
    void countsTheShelfLifeFromTheCollectionDateWhenTheLabelGivesOne(String cls, String before, String after,
                                                                     boolean plausible, boolean plausibleFromScan) {
        ComponentClass component = ComponentClass.parse(cls).orElseThrow();
        Instant collected = SEEN.minus(Duration.parse(before));
        Instant expires = collected.plus(Duration.parse(after));

        var why = ShelfLife.defaults().implausibleExpiry(component, expires, collected, SEEN);
        var fromScan = ShelfLife.defaults().implausibleExpiry(component, expires, null, SEEN);

        assertThat(why.isEmpty()).isEqualTo(plausible);
        why.ifPresent(w -> assertThat(w).contains("collection " + collected));
        assertThat(fromScan.isEmpty()).as("without the collection date, measured from the scan").isEqualTo(plausibleFromScan);
        fromScan.ifPresent(w -> assertThat(w).contains("after this first scan"));
    }

    @Test
    void refusesTheYear2999ForEveryClass() {
        for (ComponentClass c : ComponentClass.values()) {
            assertThat(ShelfLife.defaults().implausibleExpiry(c, Instant.parse("2999-12-31T23:59:00Z"), SEEN)).as(c.code())
                    .isPresent();
        }
    }

    @Test
    void saysNothingWhenTheClassOrTheExpiryIsUnknown() {
        assertThat(ShelfLife.defaults().implausibleExpiry(null, SEEN.plus(Duration.ofDays(5000)), SEEN)).isEmpty();
        assertThat(ShelfLife.defaults().implausibleExpiry(ComponentClass.RED_CELLS, null, SEEN)).isEmpty();
        assertThat(new ShelfLife(Map.of()).implausibleExpiry(ComponentClass.RED_CELLS, SEEN.plus(Duration.ofDays(5000)), SEEN))
                .isEmpty();
    }

    @Test
    void aSiteCanRaiseAClassForLongerLivedForms() {
        ShelfLife frozen = ShelfLife.defaults().with(Map.of(ComponentClass.RED_CELLS, Duration.ofDays(3650)));

        assertThat(frozen.implausibleExpiry(ComponentClass.RED_CELLS, SEEN.plus(Duration.ofDays(3000)), SEEN)).isEmpty();
        assertThat(frozen.maximum(ComponentClass.PLATELETS)).contains(Duration.ofDays(7));
    }

    @Test
    void refusesANonPositiveMaximum() {
        assertThatThrownBy(() -> new ShelfLife(Map.of(ComponentClass.PLATELETS, Duration.ZERO)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PLT");
    }
}
