package org.hemowatch.units;

import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.Decision;
import org.hemowatch.domain.ShelfLife;
import org.hemowatch.domain.UnitCommand;

/**
 * Refuses a new unit whose label expiry is further away than its component class can keep
 * ({@link ShelfLife}, rule {@value ShelfLife#IMPLAUSIBLE_EXPIRY}), counted from the label's collection
 * date when it was scanned, else from the scan. Only the command that creates
 * the unit is checked: later scans carry the same label, compared with the stored unit elsewhere.
 */
public final class ShelfLifeRule implements UnitRule {

    private final ShelfLife shelfLife;

    public ShelfLifeRule(ShelfLife shelfLife) {
        this.shelfLife = shelfLife;
    }

    @Override
    public Decision review(UnitCommand command, BloodUnit before, Decision.Accepted accepted) {
        if (before != null) {
            return accepted;
        }
        return shelfLife.implausibleExpiry(command.label().component(), command.label().expires(),
                        command.label().collected(), command.at())
                .<Decision>map(why -> Decision.invalid(ShelfLife.IMPLAUSIBLE_EXPIRY,
                        "Unit " + command.key().din() + ": " + why + "."))
                .orElse(accepted);
    }
}
