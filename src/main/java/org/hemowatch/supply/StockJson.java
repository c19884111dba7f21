package org.hemowatch.supply;

import org.hemowatch.domain.supply.StockLevel;

import java.time.Instant;
import java.util.List;

/**
 * JSON of the stock levels ({@code GET /api/v1/stock}): records written by {@code JsonMappers.WIRE}, the members in the
 * order of the components ({@code supply/StockJsonTest} pins them). Demand and days of supply are rounded to 2 places.
 */
final class StockJson {

    /** The stock of the sites a caller may see, as assessed at {@code at} over the last {@code windowDays} of issues. */
    record Body(String at, int windowDays, List<Row> items) {
        static Body of(Instant at, int windowDays, List<Row> items) {
            return new Body(at.toString(), windowDays, items);
        }
    }

    /** One stock row; {@code daysOfSupply} is null and {@code noDemand} true when nothing was issued in the window. */
    record Row(String site, String component, String group, String abo, String rhd, int available, int expiring24h,
               int expiring72h, double averageDailyDemand, Double daysOfSupply, boolean noDemand, String phase,
               String phaseName, Integer parMinimum, Integer parIdeal, boolean belowMinimum, boolean belowIdeal) {
        static Row of(StockLevel l, String phaseName) {
            return new Row(l.key().site(), l.key().component().code(), l.key().group().label(), l.key().group().abo().name(),
                    l.key().group().rhd().name(), l.available(), l.expiring24h(), l.expiring72h(), round2(l.averageDailyDemand()),
                    l.daysOfSupply() == null ? null : round2(l.daysOfSupply()), l.noDemand(), l.phase().name(), phaseName,
                    l.par() == null ? null : l.par().minimum(), l.par() == null ? null : l.par().ideal(), l.belowMinimum(),
                    l.belowIdeal());
        }
    }

    private StockJson() {
    }

    private static double round2(double v) {
        return Math.round(v * 100.0) / 100.0;
    }
}
