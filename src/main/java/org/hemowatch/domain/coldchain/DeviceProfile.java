package org.hemowatch.domain.coldchain;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.hemowatch.domain.ComponentClass;

/**
 * How one storage device is monitored: its safe range, alarm set points, hard limits and timers.
 * Temperatures are °C; a null bound means "unbounded on that side" (a plasma freezer has only a
 * {@code safeMax} of −18 °C). Ranges are inclusive: a reading equal to {@code safeMax} is safe.
 *
 * <p>The constructor validates and throws {@link IllegalArgumentException} listing every problem,
 * each naming its field (e.g. {@code alarmHigh 6.5 must be inside the safe range [1.0, 6.0]}).
 * Use {@link DeviceProfiles#defaults(DeviceKind)} for a pre-filled {@link Builder}.
 *
 * @param holds                component classes stored in the device (decides which units an excursion affects)
 * @param alarmLow             warning set point above {@code safeMin} (null: no low warning)
 * @param alarmHigh            warning set point below {@code safeMax} (null: no high warning)
 * @param hardLow              below this an excursion starts at once (null: none); must be below {@code safeMin}
 * @param hardHigh             above this an excursion starts at once (null: none); must be above {@code safeMax}
 * @param hysteresis           °C a value must come back inside a limit before the state steps down again
 * @param excursionDelay       how long the value must stay outside the safe range before it is an excursion
 * @param recoveryConfirmation how long readings must stay inside the safe range before an excursion is closed
 * @param expectedInterval     the device's reporting interval; silent for 3x this means offline
 * @param doorOpenLimit        a door open this long raises an alarm (null: no door supervision)
 * @param agitationRequired    platelets: the agitator must run
 * @param agitationStopLimit   an agitator stopped this long raises an alarm (required when agitation is required)
 */
public record DeviceProfile(
        String id,
        String site,
        String name,
        DeviceKind kind,
        Set<ComponentClass> holds,
        Double safeMin,
        Double safeMax,
        Double alarmLow,
        Double alarmHigh,
        Double hardLow,
        Double hardHigh,
        double hysteresis,
        Duration excursionDelay,
        Duration recoveryConfirmation,
        Duration expectedInterval,
        Duration doorOpenLimit,
        boolean agitationRequired,
        Duration agitationStopLimit) {

    /** A sensor that has not reported for this many expected intervals counts as offline. */
    public static final int OFFLINE_AFTER_INTERVALS = 3;

    public DeviceProfile {
        holds = holds == null || holds.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(holds));
        List<String> problems = problems(id, site, name, kind, safeMin, safeMax, alarmLow, alarmHigh, hardLow, hardHigh,
                hysteresis, excursionDelay, recoveryConfirmation, expectedInterval, doorOpenLimit, agitationRequired,
                agitationStopLimit);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("device profile " + id + ": " + String.join("; ", problems));
        }
    }

    /** Silence after which the sensor counts as offline: {@value #OFFLINE_AFTER_INTERVALS} x {@code expectedInterval}. */
    public Duration offlineAfter() {
        return expectedInterval.multipliedBy(OFFLINE_AFTER_INTERVALS);
    }

    /** True if {@code tempC} is inside the safe range (bounds included). */
    public boolean safe(double tempC) {
        return (safeMin == null || tempC >= safeMin) && (safeMax == null || tempC <= safeMax);
    }

    /** A builder pre-filled with this profile's values. */
    public Builder toBuilder() {
        return new Builder().id(id).site(site).name(name).kind(kind).holds(holds)
                .safeMin(safeMin).safeMax(safeMax).alarmLow(alarmLow).alarmHigh(alarmHigh)
                .hardLow(hardLow).hardHigh(hardHigh).hysteresis(hysteresis)
                .excursionDelay(excursionDelay).recoveryConfirmation(recoveryConfirmation)
                .expectedInterval(expectedInterval).doorOpenLimit(doorOpenLimit)
                .agitationRequired(agitationRequired).agitationStopLimit(agitationStopLimit);
    }

    @SuppressWarnings("java:S107")
    private static List<String> problems(String id, String site, String name, DeviceKind kind,
                                         Double safeMin, Double safeMax, Double alarmLow, Double alarmHigh,
                                         Double hardLow, Double hardHigh, double hysteresis,
                                         Duration excursionDelay, Duration recoveryConfirmation,
                                         Duration expectedInterval, Duration doorOpenLimit,
                                         boolean agitationRequired, Duration agitationStopLimit) {
        List<String> p = new ArrayList<>();
        blank(p, "id", id);
        blank(p, "site", site);
        blank(p, "name", name);
        if (kind == null) {
            p.add("kind is required");
        }
        finite(p, "safeMin", safeMin);
        finite(p, "safeMax", safeMax);
        finite(p, "alarmLow", alarmLow);
        finite(p, "alarmHigh", alarmHigh);
        finite(p, "hardLow", hardLow);
        finite(p, "hardHigh", hardHigh);
        if (!p.isEmpty()) {
            return p;
        }
        if (safeMin == null && safeMax == null) {
            p.add("safeMin/safeMax: at least one safe limit is required");
        }
        if (safeMin != null && safeMax != null && safeMin >= safeMax) {
            p.add("safeMin " + safeMin + " must be below safeMax " + safeMax);
        }
        String range = "[" + (safeMin == null ? "-inf" : safeMin) + ", " + (safeMax == null ? "+inf" : safeMax) + "]";
        insideSafe(p, "alarmLow", alarmLow, safeMin, safeMax, range, safeMin == null);
        insideSafe(p, "alarmHigh", alarmHigh, safeMin, safeMax, range, safeMax == null);
        if (alarmLow != null && alarmHigh != null && alarmLow >= alarmHigh) {
            p.add("alarmLow " + alarmLow + " must be below alarmHigh " + alarmHigh);
        }
        if (hardLow != null && (safeMin == null || hardLow >= safeMin)) {
            p.add("hardLow " + hardLow + " must be below safeMin " + safeMin);
        }
        if (hardHigh != null && (safeMax == null || hardHigh <= safeMax)) {
            p.add("hardHigh " + hardHigh + " must be above safeMax " + safeMax);
        }
        if (!Double.isFinite(hysteresis) || hysteresis < 0) {
            p.add("hysteresis " + hysteresis + " must be a finite value >= 0");
        } else if (alarmLow != null && alarmHigh != null && 2 * hysteresis >= alarmHigh - alarmLow) {
            p.add("hysteresis " + hysteresis + " must be less than half the alarm band [" + alarmLow + ", " + alarmHigh + "]");
        } else if (safeMin != null && safeMax != null && 2 * hysteresis >= safeMax - safeMin) {
            p.add("hysteresis " + hysteresis + " must be less than half the safe range " + range);
        }
        notNegative(p, "excursionDelay", excursionDelay, true);
        notNegative(p, "recoveryConfirmation", recoveryConfirmation, true);
        positive(p, "expectedInterval", expectedInterval, true);
        positive(p, "doorOpenLimit", doorOpenLimit, false);
        positive(p, "agitationStopLimit", agitationStopLimit, agitationRequired);
        return p;
    }

    private static void insideSafe(List<String> p, String field, Double v, Double safeMin, Double safeMax,
                                   String range, boolean missingSide) {
        if (v == null) {
            return;
        }
        if (missingSide) {
            p.add(field + " " + v + " needs the safe limit on its side (" + (field.endsWith("Low") ? "safeMin" : "safeMax") + ")");
        } else if ((safeMin != null && v <= safeMin) || (safeMax != null && v >= safeMax)) {
            p.add(field + " " + v + " must be inside the safe range " + range);
        }
    }

    private static void blank(List<String> p, String field, String v) {
        if (v == null || v.isBlank()) {
            p.add(field + " is required");
        }
    }

    private static void finite(List<String> p, String field, Double v) {
        if (v != null && !Double.isFinite(v)) {
            p.add(field + " must be a finite number");
        }
    }

    private static void notNegative(List<String> p, String field, Duration d, boolean required) {
        if (d == null) {
            if (required) {
                p.add(field + " is required");
            }
        } else if (d.isNegative()) {
            p.add(field + " " + d + " must not be negative");
        }
    }

    private static void positive(List<String> p, String field, Duration d, boolean required) {
        if (d == null) {
            if (required) {
                p.add(field + " is required");
            }
        } else if (d.isNegative() || d.isZero()) {
            p.add(field + " " + d + " must be positive");
        }
    }

    /** Fluent builder; {@link #build()} validates. */
    public static final class Builder {
        private String id;
        private String site;
        private String name;
        private DeviceKind kind;
        private Set<ComponentClass> holds = Set.of();
        private Double safeMin;
        private Double safeMax;
        private Double alarmLow;
        private Double alarmHigh;
        private Double hardLow;
        private Double hardHigh;
        private double hysteresis;
        private Duration excursionDelay = Duration.ZERO;
        private Duration recoveryConfirmation = Duration.ZERO;
        private Duration expectedInterval;
        private Duration doorOpenLimit;
        private boolean agitationRequired;
        private Duration agitationStopLimit;

        public Builder id(String v) { id = v; return this; }
        public Builder site(String v) { site = v; return this; }
        public Builder name(String v) { name = v; return this; }
        public Builder kind(DeviceKind v) { kind = v; return this; }
        public Builder holds(Set<ComponentClass> v) { holds = v; return this; }
        public Builder safeMin(Double v) { safeMin = v; return this; }
        public Builder safeMax(Double v) { safeMax = v; return this; }
        /** Sets both safe limits. */
        public Builder safe(Double min, Double max) { safeMin = min; safeMax = max; return this; }
        public Builder alarmLow(Double v) { alarmLow = v; return this; }
        public Builder alarmHigh(Double v) { alarmHigh = v; return this; }
        /** Sets both alarm set points. */
        public Builder alarm(Double low, Double high) { alarmLow = low; alarmHigh = high; return this; }
        public Builder hardLow(Double v) { hardLow = v; return this; }
        public Builder hardHigh(Double v) { hardHigh = v; return this; }
        /** Sets both hard limits. */
        public Builder hard(Double low, Double high) { hardLow = low; hardHigh = high; return this; }
        public Builder hysteresis(double v) { hysteresis = v; return this; }
        public Builder excursionDelay(Duration v) { excursionDelay = v; return this; }
        public Builder recoveryConfirmation(Duration v) { recoveryConfirmation = v; return this; }
        public Builder expectedInterval(Duration v) { expectedInterval = v; return this; }
        public Builder doorOpenLimit(Duration v) { doorOpenLimit = v; return this; }
        public Builder agitationRequired(boolean v) { agitationRequired = v; return this; }
        public Builder agitationStopLimit(Duration v) { agitationStopLimit = v; return this; }

        /** Builds and validates the profile. */
        public DeviceProfile build() {
            return new DeviceProfile(id, site, name, kind, holds, safeMin, safeMax, alarmLow, alarmHigh, hardLow, hardHigh,
                    hysteresis, excursionDelay, recoveryConfirmation, expectedInterval, doorOpenLimit,
                    agitationRequired, agitationStopLimit);
        }
    }
}
