package org.hemowatch.supply;

import org.hemowatch.domain.BloodGroup;
import org.hemowatch.domain.ComponentClass;
import org.hemowatch.domain.supply.ParLevel;
import org.hemowatch.domain.supply.StockKey;
import org.hemowatch.domain.supply.SupplyAssessor;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Config key {@code supply}.
 *
 * @param windowDays demand window in complete days (default {@value SupplyAssessor#DEFAULT_WINDOW_DAYS})
 * @param parLevels  starting par levels; {@code PUT /api/v1/par-levels} overrides them per line (stored)
 */
public record SupplyConfig(Integer windowDays, List<ParLevelConfig> parLevels) {

    public SupplyConfig {
        windowDays = windowDays == null ? SupplyAssessor.DEFAULT_WINDOW_DAYS : windowDays;
        if (windowDays < 1 || windowDays > 365) {
            throw new IllegalArgumentException("supply.windowDays must be from 1 to 365 but was " + windowDays);
        }
        parLevels = parLevels == null ? List.of() : List.copyOf(parLevels);
        Set<StockKey> seen = new HashSet<>();
        for (int i = 0; i < parLevels.size(); i++) {
            ParLevelConfig p = parLevels.get(i);
            if (p == null) {
                throw new IllegalArgumentException("supply.parLevels[" + i + "] is empty");
            }
            if (!seen.add(p.toParLevel().key())) {
                throw new IllegalArgumentException("supply.parLevels[" + i + "] repeats the line " + p.toParLevel().key());
            }
        }
    }

    public static SupplyConfig defaults() {
        return new SupplyConfig(null, null);
    }

    /** The configured par levels as domain values. */
    public List<ParLevel> pars() {
        List<ParLevel> out = new ArrayList<>();
        parLevels.forEach(p -> out.add(p.toParLevel()));
        return out;
    }

    /**
     * One par level line: {@code {site, component: RBC, group: "O-", minimum, ideal}}.
     * {@code ideal} defaults to {@code minimum}.
     */
    public record ParLevelConfig(String site, String component, String group, Integer minimum, Integer ideal) {
        public ParLevelConfig {
            if (site == null || site.isBlank()) {
                throw new IllegalArgumentException("supply.parLevels[].site is required");
            }
            ComponentClass.parse(component).orElseThrow(() -> new IllegalArgumentException(
                    "supply.parLevels[].component must be RBC, PLT, FFP, CRYO, WB or GRAN but was '" + component + "'"));
            Groups.parse(group).orElseThrow(() -> new IllegalArgumentException(
                    "supply.parLevels[].group must be a group like O- or AB+ but was '" + group + "'"));
            if (minimum == null || minimum < 0) {
                throw new IllegalArgumentException("supply.parLevels[].minimum must be a whole number >= 0");
            }
            ideal = ideal == null ? minimum : ideal;
            if (ideal < minimum) {
                throw new IllegalArgumentException("supply.parLevels[].ideal must be >= minimum (" + minimum + ") but was " + ideal);
            }
        }

        public ParLevel toParLevel() {
            BloodGroup g = Groups.parse(group).orElseThrow();
            return new ParLevel(new StockKey(site, ComponentClass.parse(component).orElseThrow(), g), minimum, ideal);
        }
    }
}
