package org.hemowatch.units;

import org.hemowatch.domain.rule.Rejection;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.hemowatch.domain.Abo;
import org.hemowatch.domain.BloodGroup;
import org.hemowatch.domain.ComponentClass;
import org.hemowatch.domain.Decision;
import org.hemowatch.domain.RhD;
import org.hemowatch.domain.ShelfLife;
import org.hemowatch.domain.UnitAction;
import org.hemowatch.domain.UnitCommand;
import org.hemowatch.domain.UnitKey;
import org.hemowatch.domain.UnitLifecycle;
import org.junit.jupiter.api.Test;

class ShelfLifeRuleTest {

    private static final Instant NOW = Instant.parse("2030-02-11T08:00:00Z");
    private static final UnitKey KEY = new UnitKey("A999921123456", "E0398", "00");
    private final ShelfLifeRule rule = new ShelfLifeRule(ShelfLife.defaults());

    @Test
    void refusesANewUnitWhoseExpiryItsClassCannotReach() {
        UnitCommand receive = receive(NOW.plus(Duration.ofDays(400)));
        Decision.Accepted accepted = (Decision.Accepted) UnitLifecycle.decide(null, receive);

        Decision decision = rule.review(receive, null, accepted);

        assertThat(decision).isInstanceOf(Decision.Refused.class);
        Decision.Refused refused = (Decision.Refused) decision;
        assertThat(refused.rule()).isEqualTo("implausible-expiry");
        assertThat(refused.kind()).isEqualTo(Rejection.Kind.INVALID);
        assertThat(refused.message()).contains(KEY.din()).contains("RBC");
    }

    @Test
    void letsAPlausibleExpiryAndAnExistingUnitThrough() {
        UnitCommand receive = receive(NOW.plus(Duration.ofDays(35)));
        Decision.Accepted accepted = (Decision.Accepted) UnitLifecycle.decide(null, receive);

        assertThat(rule.review(receive, null, accepted)).isSameAs(accepted);
        UnitCommand late = receive(NOW.plus(Duration.ofDays(400)));
        assertThat(rule.review(late, accepted.unit(), accepted)).as("only the command creating the unit is checked")
                .isSameAs(accepted);
    }

    @Test
    void countsFromTheLabelsCollectionDateWhenTheScanCarriesIt() {
        // 40 days after the scan is fine for red cells, but not 50 days after a collection 10 days ago
        Instant expires = NOW.plus(Duration.ofDays(40));
        UnitCommand withCollection = receive(expires, NOW.minus(Duration.ofDays(10)));
        Decision.Accepted accepted = (Decision.Accepted) UnitLifecycle.decide(null, withCollection);

        assertThat(accepted.unit().collected()).as("kept on the unit").isEqualTo(NOW.minus(Duration.ofDays(10)));
        Decision decision = rule.review(withCollection, null, accepted);
        assertThat(decision).isInstanceOfSatisfying(Decision.Refused.class, r -> {
            assertThat(r.rule()).isEqualTo("implausible-expiry");
            assertThat(r.message()).contains("50 days after its collection");
        });
        UnitCommand withoutCollection = receive(expires, null);
        assertThat(rule.review(withoutCollection, null, (Decision.Accepted) UnitLifecycle.decide(null, withoutCollection)))
                .as("without the collection barcode, measured from the scan").isInstanceOf(Decision.Accepted.class);
    }

    private static UnitCommand receive(Instant expires) {
        return receive(expires, null);
    }

    private static UnitCommand receive(Instant expires, Instant collected) {
        return new UnitCommand(UnitAction.RECEIVE, KEY,
                new UnitCommand.LabelFacts(ComponentClass.RED_CELLS, new BloodGroup(Abo.O, RhD.NEG), expires, null, null, collected),
                "main", "fridge-1", null, "tech", "test", null, NOW);
    }
}
