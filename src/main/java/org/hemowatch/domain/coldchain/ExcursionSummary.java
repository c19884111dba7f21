package org.hemowatch.domain.coldchain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import org.hemowatch.domain.TemperatureReading;

/**
 * Cold-chain figures of one device over a period {@code [from, to)}, computed by {@link #of}.
 *
 * <p>Time is weighted by readings: each reading's value holds from its time until the next reading,
 * but at most {@link DeviceProfile#offlineAfter()}; time not covered that way is {@code noData}.
 * {@code inRange + outOfRange + noData} is the whole period; {@code inWarningBand} is the part of
 * {@code inRange} beyond an alarm set point.
 *
 * @param warnings          breaches: runs of readings beyond an alarm set point (or briefly outside the safe
 *                          range) starting in the period, with the profile's hysteresis, that did not overlap an excursion
 * @param excursions        excursions of the device overlapping the period
 * @param minC              lowest reading in the period (null without readings)
 * @param maxC              highest reading in the period (null without readings)
 * @param longestExcursion  the longest of those excursions (open ones measured up to {@code to}); null if none
 * @param longestDuration   its length (open: up to {@code to}); null if none
 */
public record ExcursionSummary(
        String site,
        String device,
        Instant from,
        Instant to,
        Duration inRange,
        Duration inWarningBand,
        Duration outOfRange,
        Duration noData,
        int warnings,
        int excursions,
        Double minC,
        Double maxC,
        Excursion longestExcursion,
        Duration longestDuration) {

    /** Percent of the time with data spent inside the safe range; NaN without data. */
    public double percentInRange() {
        long covered = inRange.toMillis() + outOfRange.toMillis();
        return covered == 0 ? Double.NaN : 100.0 * inRange.toMillis() / covered;
    }

    /** Percent of the whole period known to be inside the safe range (time without data does not count as safe). */
    public double percentOfPeriodInRange() {
        return 100.0 * inRange.toMillis() / Duration.between(from, to).toMillis();
    }

    /**
     * Computes the summary. Readings of other devices and excursions of other devices are ignored;
     * readings may be unsorted and may include ones before {@code from} (the last one carries into the period).
     *
     * @throws IllegalArgumentException if {@code from} is not before {@code to}
     */
    public static ExcursionSummary of(DeviceProfile profile, Collection<TemperatureReading> readings,
                                      Collection<Excursion> excursions, Instant from, Instant to) {
        Objects.requireNonNull(profile, "profile");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("summary period [" + from + ", " + to + ") is empty");
        }
        List<TemperatureReading> rs = readings.stream()
                .filter(r -> r.device().equals(profile.id()) && r.site().equals(profile.site()) && r.at().isBefore(to))
                .sorted(Comparator.comparing(TemperatureReading::at))
                .toList();
        List<Excursion> exs = excursions.stream()
                .filter(e -> e.device().equals(profile.id()) && Objects.equals(e.site(), profile.site()))
                .filter(e -> e.start().isBefore(to) && (e.end() == null || e.end().isAfter(from)))
                .toList();

        long inRange = 0;
        long warnBand = 0;
        long out = 0;
        Double min = null;
        Double max = null;
        Duration hold = profile.offlineAfter();
        for (int i = 0; i < rs.size(); i++) {
            TemperatureReading r = rs.get(i);
            Instant until = r.at().plus(hold);
            if (i + 1 < rs.size() && rs.get(i + 1).at().isBefore(until)) {
                until = rs.get(i + 1).at();
            }
            long ms = overlapMillis(r.at(), until, from, to);
            if (profile.safe(r.tempC())) {
                inRange += ms;
                if (Band.of(profile, r.tempC(), 0) == Band.ALARM) {
                    warnBand += ms;
                }
            } else {
                out += ms;
            }
            if (!r.at().isBefore(from)) {
                min = min == null ? r.tempC() : Math.min(min, r.tempC());
                max = max == null ? r.tempC() : Math.max(max, r.tempC());
            }
        }
        long noData = Duration.between(from, to).toMillis() - inRange - out;

        Excursion longest = exs.stream().max(Comparator.comparing(e -> e.durationUntil(to))).orElse(null);
        return new ExcursionSummary(profile.site(), profile.id(), from, to, Duration.ofMillis(inRange),
                Duration.ofMillis(warnBand), Duration.ofMillis(out), Duration.ofMillis(noData),
                countWarnings(profile, rs, exs, from, to), exs.size(), min, max, longest,
                longest == null ? null : longest.durationUntil(to));
    }

    /** Breach episodes with the monitor's hysteresis: start beyond an alarm set point, end back inside it by the hysteresis. */
    private static int countWarnings(DeviceProfile p, List<TemperatureReading> rs, List<Excursion> exs,
                                     Instant from, Instant to) {
        List<Instant[]> episodes = new ArrayList<>();
        Band level = Band.NORMAL;
        Instant start = null;
        for (TemperatureReading r : rs) {
            Band b = Band.stepped(p, r.tempC(), level);
            boolean breach = b != Band.NORMAL;
            if (breach && start == null) {
                start = r.at();
            } else if (!breach && start != null) {
                episodes.add(new Instant[] {start, r.at()});
                start = null;
            }
            level = breach ? (b.atLeast(Band.OUT) ? Band.OUT : b) : Band.NORMAL;
        }
        if (start != null) {
            episodes.add(new Instant[] {start, to});
        }
        int n = 0;
        for (Instant[] ep : episodes) {
            boolean inPeriod = !ep[0].isBefore(from) && ep[0].isBefore(to);
            boolean excursion = exs.stream().anyMatch(e -> overlaps(ep[0], ep[1], e.start(), e.end() == null ? to : e.end()));
            if (inPeriod && !excursion) {
                n++;
            }
        }
        return n;
    }

    private static boolean overlaps(Instant aStart, Instant aEnd, Instant bStart, Instant bEnd) {
        // closed intervals: an excursion ending exactly when the episode's last in-range reading arrives still overlaps
        return !aStart.isAfter(bEnd) && !bStart.isAfter(aEnd);
    }

    private static long overlapMillis(Instant s, Instant e, Instant from, Instant to) {
        Instant a = s.isBefore(from) ? from : s;
        Instant b = e.isAfter(to) ? to : e;
        return b.isAfter(a) ? Duration.between(a, b).toMillis() : 0;
    }
}
