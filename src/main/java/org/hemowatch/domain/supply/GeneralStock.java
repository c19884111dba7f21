package org.hemowatch.domain.supply;

import org.hemowatch.domain.BloodUnit;

/**
 * THE rule "counts in general stock": whether a unit may count in general stock levels, days of
 * supply, expiry counts and pick lists at all. Every aggregate, pick list and expiry count of the
 * inventory goes through {@link #counts}, so a unit kept for one patient only, for emergencies, for
 * research or for fractionation never shows as supply (issue 12, defect 1).
 * <p>
 * A unit counts when its intended use is {@code UNSPECIFIED} (or not recorded: units stored before
 * intended use was kept), or when it is crossover-eligible and has crossed over because its site
 * allows crossover ({@link BloodUnit#crossedOver()}, set by the unit write path from the site config).
 * Restricted units are listed apart ({@code GET /api/v1/units?intendedUse=...}).
 */
public final class GeneralStock {

    private GeneralStock() {
    }

    public static boolean counts(BloodUnit u) {
        return u.intendedUseOrDefault().inGeneralStock(u.crossedOver());
    }
}
