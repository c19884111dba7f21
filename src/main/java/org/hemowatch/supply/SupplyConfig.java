package org.hemowatch.supply;

import org.hemowatch.domain.BloodGroup;
import org.hemowatch.domain.ComponentClass;
import org.hemowatch.domain.supply.ParLevel;
import org.hemowatch.domain.supply.PhaseThresholds;
import org.hemowatch.domain.supply.StockKey;
import org.hemowatch.domain.supply.SupplyAssessor;
import org.hemowatch.domain.supply.SupplyPhase;
import org.hemowatch.domain.supply.CompatibilityTable;
import org.hemowatch.domain.Enums;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Config key {@code supply}.
 *
 * @param windowDays demand window in complete days (default {@value SupplyAssessor#DEFAULT_WINDOW_DAYS})
 * @param parLevels  starting par levels; {@code PUT /api/v1/par-levels} overrides them per line (stored)
 * @param phases     days-of-supply phase limits per component code ({@code RBC: {red: 2, amber: 4, preAmber: 6}});
 *                   components not listed, and fields left out, keep {@link PhaseThresholds#defaults(ComponentClass)}
 * @param phaseNames    display name of each phase ({@code GREEN: Green, PRE_AMBER: Pre-Amber, ...}); default NHSBT's names
 * @param compatibility rows of the compatibility table a site replaces: {@code {site, component, recipient, donors}}
 *                      (donor groups in order of preference); sites and rows not listed keep the standard table
 */
public record SupplyConfig(Integer windowDays, List<ParLevelConfig> parLevels, Map<String, PhaseConfig> phases,
                           Map<String, String> phaseNames, List<CompatibilityRow> compatibility) {

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
        phases = phases == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(phases));
        thresholdsOf(phases);
        phaseNames = phaseNames == null ? Map.of() : Map.copyOf(phaseNames);
        phaseNames.keySet().forEach(k -> {
            if (Enums.parse(SupplyPhase.class, k).isEmpty()) {
                throw new IllegalArgumentException("supply.phaseNames." + k + ": not a phase (GREEN, PRE_AMBER, AMBER, RED)");
            }
        });
        compatibility = compatibility == null ? List.of() : List.copyOf(compatibility);
        for (int i = 0; i < compatibility.size(); i++) {
            try {
                compatibility.get(i).applyTo(CompatibilityTable.standard());
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("supply.compatibility[" + i + "]: " + e.getMessage(), e);
            }
        }
    }

    public static SupplyConfig defaults() {
        return new SupplyConfig(null, null, null, null, null);
    }

    /** The display name of a phase: the configured one, else NHSBT's (Green, Pre-Amber, Amber, Red). */
    public String phaseName(SupplyPhase phase) {
        for (Map.Entry<String, String> e : phaseNames.entrySet()) {
            if (Enums.parse(SupplyPhase.class, e.getKey()).orElse(null) == phase) {
                return e.getValue();
            }
        }
        return phase.nhsbtName();
    }

    /** The compatibility table of a site: the standard table with the site's configured rows. */
    public CompatibilityTable compatibilityAt(String site) {
        CompatibilityTable t = CompatibilityTable.standard();
        for (CompatibilityRow row : compatibility) {
            if (row.site() == null || row.site().equals(site)) {
                t = row.applyTo(t);
            }
        }
        return t;
    }

    /**
     * One replaced row of the compatibility table.
     *
     * @param site   the site it applies to; null = every site
     * @param donors donor groups in order of preference, e.g. {@code [AB+, AB-, A+, A-]}
     */
    public record CompatibilityRow(String site, String component, String recipient, List<String> donors) {
        CompatibilityTable applyTo(CompatibilityTable t) {
            ComponentClass c = ComponentClass.parse(component).orElseThrow(() -> new IllegalArgumentException(
                    "component '" + component + "' is not a component class (RBC, PLT, FFP, CRYO, WB, GRAN)"));
            if (recipient == null || donors == null) {
                throw new IllegalArgumentException("recipient and donors are required");
            }
            return t.with(c, CompatibilityTable.parseGroup(recipient),
                    donors.stream().map(CompatibilityTable::parseGroup).toList());
        }
    }

    /** Phase limits of every component class: the configured ones over the defaults. */
    public Map<ComponentClass, PhaseThresholds> thresholds() {
        return thresholdsOf(phases);
    }

    private static Map<ComponentClass, PhaseThresholds> thresholdsOf(Map<String, PhaseConfig> phases) {
        Map<ComponentClass, PhaseThresholds> out = new EnumMap<>(PhaseThresholds.defaults());
        Set<ComponentClass> seen = new HashSet<>();
        phases.forEach((code, p) -> {
            String key = "supply.phases." + code;
            ComponentClass c = ComponentClass.parse(code).orElseThrow(() -> new IllegalArgumentException(
                    key + ": unknown component; use RBC, PLT, FFP, CRYO, WB or GRAN"));
            if (!seen.add(c)) {
                throw new IllegalArgumentException(key + " names " + c.code() + " a second time");
            }
            out.put(c, p == null ? out.get(c) : p.over(key, out.get(c)));
        });
        return out;
    }

    /** The configured par levels as domain values. */
    public List<ParLevel> pars() {
        List<ParLevel> out = new ArrayList<>();
        parLevels.forEach(p -> out.add(p.toParLevel()));
        return out;
    }

    /**
     * Phase limits of one component in days of supply; every field is optional and defaults to the
     * component's default. {@code preAmber} equal to {@code amber} (the default) disables PRE_AMBER;
     * {@code inclusive} makes a value at a limit fall in the worse phase.
     */
    public record PhaseConfig(Double red, Double amber, Double preAmber, Boolean inclusive) {

        PhaseThresholds over(String key, PhaseThresholds defaults) {
            double r = days(key + ".red", red, defaults.red());
            double a = days(key + ".amber", amber, Math.max(defaults.amber(), r));
            double p = days(key + ".preAmber", preAmber, Math.max(defaults.preAmber() == defaults.amber() ? a : defaults.preAmber(), a));
            if (a < r) {
                throw new IllegalArgumentException(key + ".amber must be >= " + key + ".red (" + r + ") but was " + a);
            }
            if (p < a) {
                throw new IllegalArgumentException(key + ".preAmber must be >= " + key + ".amber (" + a + ") but was " + p);
            }
            return new PhaseThresholds(r, a, p, inclusive == null ? defaults.inclusive() : inclusive);
        }

        private static double days(String key, Double value, double def) {
            if (value == null) {
                return def;
            }
            if (!(value >= 0) || value.isInfinite() || value > 365) {
                throw new IllegalArgumentException(key + " must be a number of days from 0 to 365 but was " + value);
            }
            return value;
        }
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
