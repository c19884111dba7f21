package org.hemowatch.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The longest shelf life a component class can have, to refuse a label whose expiry cannot be
 * real (issue 12, defect 10: any expiry up to 2999 used to be accepted). Pure.
 *
 * <p>Defaults are the longest shelf life either the UK (JPAC Red Book, chapter 7 component
 * specifications) or the US (21 CFR 610.53(c)) allows for the class in its usual form, so that
 * no valid label of either region is refused; the sources of each value are in {@code docs/isbt128.md}.
 * A site with longer-lived forms (frozen red cells, cold-stored platelets) raises them in its
 * configuration ({@code shelfLife}).
 *
 * <p>Contract: {@link #implausibleExpiry} measures the shelf life from the label's collection date
 * (structure 006 or 007) when it was scanned, else from the moment the unit is first seen (which
 * can only be later than the collection, so that fallback is the more lenient one). An expiry is
 * implausible when it lies more than the class's maximum plus {@link #GRACE} after that start, or
 * before the collection; the grace covers a date-only date (23:59 local) and the zone offset.
 * A class without a maximum is never implausible.
 */
public final class ShelfLife {

    /** Rule name of a refused label whose expiry is further away than its class's maximum shelf life. */
    public static final String IMPLAUSIBLE_EXPIRY = "implausible-expiry";
    /** Allowance for a date-only expiry (23:59 of the day) and the site's zone offset. */
    public static final Duration GRACE = Duration.ofDays(1);

    private final Map<ComponentClass, Duration> maximum;

    public ShelfLife(Map<ComponentClass, Duration> maximum) {
        Objects.requireNonNull(maximum, "maximum");
        maximum.forEach((c, d) -> {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("the maximum shelf life of " + c.code() + " must be positive: " + d);
            }
        });
        this.maximum = maximum.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(maximum));
    }

    /** The defaults described in the class comment. */
    public static ShelfLife defaults() {
        Map<ComponentClass, Duration> m = new EnumMap<>(ComponentClass.class);
        m.put(ComponentClass.RED_CELLS, Duration.ofDays(42));     // US: RBC in additive solution; UK: 35 days in SAG-M
        m.put(ComponentClass.WHOLE_BLOOD, Duration.ofDays(35));   // US: CPDA-1; UK: 35 days
        m.put(ComponentClass.PLATELETS, Duration.ofDays(7));      // UK: 7 days with bacterial screening; US: 7 days with testing
        m.put(ComponentClass.PLASMA, Duration.ofDays(3 * 365 + 1)); // UK: 36 months at -25 °C or colder; US: 12 months
        m.put(ComponentClass.CRYO, Duration.ofDays(3 * 365 + 1));   // UK: 36 months; US: 12 months
        m.put(ComponentClass.GRANULOCYTES, Duration.ofHours(24));   // UK and US: 24 hours
        return new ShelfLife(m);
    }

    /** These limits with {@code overrides} replacing the limit of the same class. */
    public ShelfLife with(Map<ComponentClass, Duration> overrides) {
        Map<ComponentClass, Duration> m = new EnumMap<>(ComponentClass.class);
        m.putAll(maximum);
        m.putAll(overrides);
        return new ShelfLife(m);
    }

    /** The maximum shelf life of a class, if one is set. */
    public Optional<Duration> maximum(ComponentClass component) {
        return Optional.ofNullable(maximum.get(component));
    }

    /** {@link #implausibleExpiry(ComponentClass, Instant, Instant, Instant)} without a collection date. */
    public Optional<String> implausibleExpiry(ComponentClass component, Instant expires, Instant seen) {
        return implausibleExpiry(component, expires, null, seen);
    }

    /**
     * Why the expiry cannot be real, as a sentence for the technician; empty when it is plausible
     * or either the class or the expiry is unknown.
     *
     * @param collected when the donation was collected (from the label), or null when not scanned
     * @param seen      when the unit is first seen (the scan's time, from the clock the service uses)
     */
    public Optional<String> implausibleExpiry(ComponentClass component, Instant expires, Instant collected, Instant seen) {
        Objects.requireNonNull(seen, "seen");
        if (component == null || expires == null || !maximum.containsKey(component)) {
            return Optional.empty();
        }
        if (collected != null && expires.isBefore(collected)) {
            return Optional.of("the label's expiry " + expires + " is before its collection " + collected
                    + "; the expiry or collection barcode is misprinted or misread, so check the label before taking the unit in");
        }
        Instant from = collected != null ? collected : seen;
        Duration max = maximum.get(component);
        if (!expires.isAfter(from.plus(max).plus(GRACE))) {
            return Optional.empty();
        }
        return Optional.of("the label's expiry " + expires + " is " + Duration.between(from, expires).toDays()
                + " days after " + (collected != null ? "its collection " + collected : "this first scan")
                + ", but " + component.code() + " keeps at most " + words(max)
                + "; the expiry barcode is misprinted or misread, so check the label before taking the unit in");
    }

    private static String words(Duration d) {
        return d.toHours() < 48 ? d.toHours() + " hours" : d.toDays() + " days";
    }
}
