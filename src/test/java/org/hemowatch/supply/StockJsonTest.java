package org.hemowatch.supply;

import org.hemowatch.domain.Abo;
import org.hemowatch.domain.BloodGroup;
import org.hemowatch.domain.ComponentClass;
import org.hemowatch.domain.RhD;
import org.hemowatch.domain.supply.ParLevel;
import org.hemowatch.domain.supply.StockKey;
import org.hemowatch.domain.supply.StockLevel;
import org.hemowatch.domain.supply.SupplyPhase;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hemowatch.json.JsonMappers.writeWireText;

/** The stock body ({@code GET /api/v1/stock}): member names and order as they always were, figures rounded to 2 places. */
class StockJsonTest {

    private static final StockKey O_NEG = new StockKey("main", ComponentClass.RED_CELLS, new BloodGroup(Abo.O, RhD.NEG));

    static final String SHORT_ROW = "{\"site\":\"main\",\"component\":\"RBC\",\"group\":\"O-\",\"abo\":\"O\",\"rhd\":\"NEG\","
            + "\"available\":3,\"expiring24h\":1,\"expiring72h\":2,\"averageDailyDemand\":1.67,\"daysOfSupply\":1.8,"
            + "\"noDemand\":false,\"phase\":\"AMBER\",\"phaseName\":\"Amber\",\"parMinimum\":4,\"parIdeal\":10,"
            + "\"belowMinimum\":true,\"belowIdeal\":true}";

    static final String IDLE_ROW = "{\"site\":\"main\",\"component\":\"RBC\",\"group\":\"O-\",\"abo\":\"O\",\"rhd\":\"NEG\","
            + "\"available\":12,\"expiring24h\":0,\"expiring72h\":0,\"averageDailyDemand\":0.0,\"daysOfSupply\":null,"
            + "\"noDemand\":true,\"phase\":\"GREEN\",\"phaseName\":\"Green\",\"parMinimum\":null,\"parIdeal\":null,"
            + "\"belowMinimum\":false,\"belowIdeal\":false}";

    static StockLevel shortOfOneNeg() {
        return new StockLevel(O_NEG, 3, 1, 2, 5.0 / 3, 1.8, SupplyPhase.AMBER, true, true, new ParLevel(O_NEG, 4, 10));
    }

    static StockLevel idle() {
        return new StockLevel(O_NEG, 12, 0, 0, 0.0, null, SupplyPhase.GREEN, false, false, null);
    }

    @Test
    void aStockRowIsWrittenWithTheMembersInTheOrderTheyAlwaysHad() {
        assertThat(writeWireText(StockJson.Row.of(shortOfOneNeg(), "Amber"))).isEqualTo(SHORT_ROW);
        assertThat(writeWireText(StockJson.Row.of(idle(), "Green"))).isEqualTo(IDLE_ROW);
    }

    @Test
    void theStockBodyGivesTheTimeAndWindowBeforeTheRows() {
        assertThat(writeWireText(StockJson.Body.of(Instant.parse("2026-11-23T10:00:00Z"), 28,
                List.of(StockJson.Row.of(shortOfOneNeg(), "Amber"), StockJson.Row.of(idle(), "Green")))))
                .isEqualTo("{\"at\":\"2026-11-23T10:00:00Z\",\"windowDays\":28,\"items\":[" + SHORT_ROW + "," + IDLE_ROW + "]}");
    }
}
