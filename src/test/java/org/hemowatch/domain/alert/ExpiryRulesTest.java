package org.hemowatch.domain.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hemowatch.domain.supply.TestUnits.NOW;
import static org.hemowatch.domain.supply.TestUnits.available;
import static org.hemowatch.domain.supply.TestUnits.unit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.ComponentClass;
import org.hemowatch.domain.UnitStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExpiryRulesTest {

    private static final ComponentClass RBC = ComponentClass.RED_CELLS;
    private static final ComponentClass PLT = ComponentClass.PLATELETS;

    private final ExpiryRules rules = new ExpiryRules();
    private final AlertBook book = new AlertBook(IdSource.sequential("e"));

    @ParameterizedTest
    @CsvSource({"RBC, 72", "WB, 72", "PLT, 24", "FFP, 168", "CRYO, 168", "GRAN, 24"})
    void defaultWindowsPerComponent(String component, long hours) {
        assertThat(rules.window(ComponentClass.parse(component).orElseThrow())).isEqualTo(Duration.ofHours(hours));
    }

    @Test
    void raisesOneSummaryAlertPerSiteAndComponent() {
        List<BloodUnit> units = List.of(
                available("north", RBC, "O+", 10),
                available("north", RBC, "A-", 50),
                available("north", RBC, "O+", 72),      // exactly at the window edge: counts
                available("north", RBC, "O+", 73),      // outside
                available("north", PLT, "A+", 20),
                available("north", PLT, "A+", 30),      // outside the 24 h platelet window
                available("south", RBC, "B+", 5),
                unit("north", RBC, "O+", UnitStatus.AVAILABLE, NOW),                              // expired: not near expiry
                unit("north", RBC, "O+", UnitStatus.QUARANTINED, NOW.plus(Duration.ofHours(5)))); // not issuable
        List<AlertIntent> intents = rules.nearExpiry(units, NOW, List.of());
        assertThat(intents).hasSize(3).allMatch(i -> i instanceof AlertIntent.Raise);
        AlertIntent.Raise northRbc = raise(intents, "north", "RBC");
        assertThat(northRbc.severity()).isEqualTo(Severity.WARNING);
        assertThat(northRbc.details()).containsEntry("count", 3).containsEntry("windowHours", 72L)
                .containsEntry("firstExpiry", NOW.plus(Duration.ofHours(10)).toString())
                .containsEntry("byGroup", Map.of("A-", 1, "O+", 2));
        assertThat(northRbc.message()).startsWith("3 RBC units at north expire within 72 h");
        assertThat(raise(intents, "north", "PLT").details()).containsEntry("count", 1);
        assertThat(raise(intents, "south", "RBC").details()).containsEntry("count", 1);
    }

    @Test
    void nearExpiryAlertIsUpdatedAsUnitsGoAndClearedWhenNoneRemain() {
        BloodUnit a = available("north", PLT, "O+", 5);
        BloodUnit b = available("north", PLT, "O+", 12);
        List<BloodUnit> stock = new ArrayList<>(List.of(a, b));
        List<AlertChange> opened = book.applyAll(rules.nearExpiry(stock, NOW, book.active()), NOW);
        assertThat(opened).extracting(AlertChange::changeType).containsExactly(ChangeType.OPENED);
        assertThat(book.applyAll(rules.nearExpiry(stock, NOW, book.active()), NOW)).isEmpty();

        stock.remove(a);
        assertThat(book.applyAll(rules.nearExpiry(stock, NOW, book.active()), NOW)).singleElement().satisfies(c -> {
            assertThat(c.changeType()).isEqualTo(ChangeType.UPDATED);
            assertThat(c.alert().details()).containsEntry("count", 1);
        });
        stock.remove(b);
        assertThat(book.applyAll(rules.nearExpiry(stock, NOW, book.active()), NOW))
                .extracting(AlertChange::changeType).containsExactly(ChangeType.RESOLVED);
    }

    @Test
    void usesConfiguredWindows() {
        ExpiryRules site = new ExpiryRules(Map.of(RBC, Duration.ofHours(12)));
        List<BloodUnit> units = List.of(available("north", RBC, "O+", 13), available("north", PLT, "O+", 23));
        assertThat(site.nearExpiry(units, NOW, List.of())).extracting(i -> i.key().subject()).containsExactly("PLT");
        assertThatThrownBy(() -> new ExpiryRules(Map.of(RBC, Duration.ZERO))).hasMessageContaining("RBC");
    }

    @Test
    void expiredUnitsStillInStockGiveOneAlertPerSite() {
        List<BloodUnit> units = List.of(
                unit("north", RBC, "O+", UnitStatus.EXPIRED, NOW.minus(Duration.ofDays(1))),
                unit("north", PLT, "A+", UnitStatus.EXPIRED, NOW.minus(Duration.ofDays(2))),
                unit("north", RBC, "B+", UnitStatus.AVAILABLE, NOW.minus(Duration.ofMinutes(1))),   // timer not run yet
                unit("north", RBC, "B+", UnitStatus.ISSUED, NOW.minus(Duration.ofDays(1))),         // not in stock
                unit("north", RBC, "B+", UnitStatus.DISCARDED, NOW.minus(Duration.ofDays(1))),
                available("south", RBC, "O+", 48));
        List<AlertIntent> intents = rules.expiredInStock(units, NOW, List.of());
        assertThat(intents).singleElement().isInstanceOfSatisfying(AlertIntent.Raise.class, r -> {
            assertThat(r.key()).isEqualTo(new AlertKey(AlertKind.EXPIRED_IN_STOCK, "north", ExpiryRules.EXPIRED_SUBJECT));
            assertThat(r.details()).containsEntry("count", 3).containsEntry("byComponent", Map.of("RBC", 2, "PLT", 1));
        });
        book.applyAll(intents, NOW);
        assertThat(book.applyAll(rules.expiredInStock(List.of(), NOW, book.active()), NOW))
                .extracting(AlertChange::changeType).containsExactly(ChangeType.RESOLVED);
    }

    private static AlertIntent.Raise raise(List<AlertIntent> intents, String site, String subject) {
        return intents.stream().map(AlertIntent.Raise.class::cast)
                .filter(r -> r.key().site().equals(site) && r.key().subject().equals(subject))
                .findFirst().orElseThrow();
    }
}
