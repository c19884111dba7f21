package org.hemowatch.domain.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hemowatch.domain.supply.TestUnits.NOW;
import static org.hemowatch.domain.supply.TestUnits.available;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.ComponentClass;
import org.hemowatch.domain.supply.DemandHistory;
import org.hemowatch.domain.supply.ParLevel;
import org.hemowatch.domain.supply.StockKey;
import org.hemowatch.domain.supply.StockLevel;
import org.hemowatch.domain.supply.SupplyAssessor;
import org.hemowatch.domain.supply.SupplyPhase;
import org.hemowatch.domain.supply.TestUnits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

class ShortageRulesTest {

    private static final StockKey O_POS = new StockKey("north", ComponentClass.RED_CELLS, TestUnits.group("O+"));

    private final ShortageRules rules = new ShortageRules();
    private final SupplyAssessor assessor = new SupplyAssessor();
    private final AlertBook book = new AlertBook(IdSource.sequential("s"));

    @ParameterizedTest(name = "{0}, below minimum {1} -> {2}")
    @CsvFileSource(resources = "/alerts/shortage-severity.csv")
    void severityFollowsPhaseAndParMinimum(SupplyPhase phase, boolean belowMinimum, Severity expected) {
        StockLevel level = new StockLevel(O_POS, 2, 0, 0, 1.0, 2.0, phase, belowMinimum, belowMinimum,
                belowMinimum ? new ParLevel(O_POS, 3, 4) : null);
        assertThat(ShortageRules.severityOf(level).orElse(null)).isEqualTo(expected);
        List<AlertIntent> intents = rules.evaluate(List.of(level), List.of());
        if (expected == null) {
            assertThat(intents).isEmpty();
        } else {
            assertThat(intents).singleElement().isInstanceOfSatisfying(AlertIntent.Raise.class, r -> {
                assertThat(r.key()).isEqualTo(new AlertKey(AlertKind.SHORTAGE, "north", "RBC/O+"));
                assertThat(r.severity()).isEqualTo(expected);
            });
        }
    }

    private List<AlertChange> evaluate(List<BloodUnit> stock, List<ParLevel> pars, DemandHistory demand) {
        List<StockLevel> levels = assessor.assess(stock, pars, demand, NOW);
        return book.applyAll(rules.evaluate(levels, book.active()), NOW);
    }

    @Test
    void raisesWhenStockFallsBelowMinimumAndResolvesWhenItRecovers() {
        List<ParLevel> pars = List.of(new ParLevel(O_POS, 3, 5));
        List<BloodUnit> stock = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            stock.add(available("north", ComponentClass.RED_CELLS, "O+", 200));
        }
        assertThat(evaluate(stock, pars, new DemandHistory())).isEmpty();          // 4: below ideal only

        stock.remove(0);
        assertThat(evaluate(stock, pars, new DemandHistory())).isEmpty();          // 3: at minimum

        stock.remove(0);
        List<AlertChange> opened = evaluate(stock, pars, new DemandHistory());     // 2: below minimum
        assertThat(opened).singleElement().satisfies(c -> {
            assertThat(c.changeType()).isEqualTo(ChangeType.OPENED);
            assertThat(c.alert().severity()).isEqualTo(Severity.CRITICAL);
            assertThat(c.alert().subject()).isEqualTo("RBC/O+");
            assertThat(c.alert().message()).contains("2 issuable", "below minimum 3");
            assertThat(c.alert().details()).containsEntry("available", 2).containsEntry("minimum", 3).containsEntry("noDemand", true);
        });
        assertThat(evaluate(stock, pars, new DemandHistory())).as("same facts again: no change").isEmpty();

        stock.add(available("north", ComponentClass.RED_CELLS, "O+", 200));
        assertThat(evaluate(stock, pars, new DemandHistory())).singleElement().satisfies(c -> {
            assertThat(c.changeType()).isEqualTo(ChangeType.RESOLVED);
            assertThat(c.alert().id()).isEqualTo(opened.get(0).alert().id());
        });
        assertThat(book.active()).isEmpty();
    }

    @Test
    void worseningFromAmberToRedUpdatesTheSameAlert() {
        DemandHistory demand = new DemandHistory();
        for (int d = 1; d <= 28; d++) {
            demand.recordIssue(O_POS, NOW.minus(Duration.ofDays(d)));             // 2 per day
            demand.recordIssue(O_POS, NOW.minus(Duration.ofDays(d)));
        }
        List<BloodUnit> stock = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            stock.add(available("north", ComponentClass.RED_CELLS, "O+", 200));
        }
        List<AlertChange> amber = evaluate(stock, List.of(), demand);              // 1.5 days: AMBER (NHSBT: under 2 days)
        assertThat(amber).singleElement().satisfies(c -> {
            assertThat(c.alert().severity()).isEqualTo(Severity.WARNING);
            assertThat(c.alert().details()).containsEntry("daysOfSupply", 1.5).containsEntry("phase", "AMBER");
        });
        stock.remove(0);
        stock.remove(0);
        List<AlertChange> red = evaluate(stock, List.of(), demand);                // 0.5 day: RED
        assertThat(red).singleElement().satisfies(c -> {
            assertThat(c.changeType()).isEqualTo(ChangeType.UPDATED);
            assertThat(c.alert().id()).isEqualTo(amber.get(0).alert().id());
            assertThat(c.alert().severity()).isEqualTo(Severity.CRITICAL);
        });
    }

    @Test
    void clearsAShortageOfALineThatIsNoLongerAssessed() {
        book.raise(AlertKind.SHORTAGE, "north", "PLT/A+", Severity.WARNING, "m", java.util.Map.of(), NOW);
        book.raise(AlertKind.EXCURSION, "north", "fridge-1", Severity.WARNING, "m", java.util.Map.of(), NOW);
        List<AlertIntent> intents = rules.evaluate(List.of(), book.active());
        assertThat(intents).containsExactly(new AlertIntent.Clear(new AlertKey(AlertKind.SHORTAGE, "north", "PLT/A+")));
    }
}
