package org.hemowatch.units;

import org.hemowatch.domain.BloodUnit;
import org.hemowatch.domain.Decision;
import org.hemowatch.domain.UnitCommand;

import java.util.function.Predicate;

/**
 * Crossover of directed and autologous units into general stock, where the site allows it
 * ({@code sites.<id>.crossover: true}; default false). A unit whose intended use is crossover-eligible
 * ({@code DIRECTED_CROSSOVER}, {@code AUTOLOGOUS_CROSSOVER}) crosses over on its first write at such a
 * site; from then on it counts in general stock and needs no named recipient. Units that are not
 * eligible never cross over, whatever the site says. Crossing over is kept on the unit: a site that
 * later turns crossover off does not pull back units that already crossed over.
 */
public final class CrossoverRule implements UnitRule {

    private final Predicate<String> crossoverAllowedAt;

    /** @param crossoverAllowedAt whether a site allows crossover */
    public CrossoverRule(Predicate<String> crossoverAllowedAt) {
        this.crossoverAllowedAt = crossoverAllowedAt;
    }

    @Override
    public Decision review(UnitCommand command, BloodUnit before, Decision.Accepted accepted) {
        BloodUnit u = accepted.unit();
        if (u.crossedOver() || !u.intendedUseOrDefault().crossoverEligible() || !crossoverAllowedAt.test(u.site())) {
            return accepted;
        }
        return new Decision.Accepted(u.withCrossedOver(true), accepted.events());
    }
}
