package org.hemowatch.domain.coldchain;

import java.util.Locale;
import java.util.Optional;

/**
 * Whose storage rules the default device profiles follow (config {@code region}, default {@link #EU_UK}).
 * The two tables, with their sources, are in {@code docs/cold-chain.md}.
 */
public enum Region {
    /**
     * UK (JPAC Red Book), EU (Council of Europe EDQM Guide) and Australia: red cells 2–6 °C,
     * plasma and cryoprecipitate at −25 °C or colder, red-cell transport 2–10 °C.
     */
    EU_UK,
    /** United States (21 CFR 640.11, 640.34, 640.54; AABB): red cells 1–6 °C, plasma −18 °C or colder, transport 1–10 °C. */
    US;

    /** {@code EU_UK}, {@code eu-uk}, {@code US} (case-insensitive, '-' for '_'); empty when unknown. */
    public static Optional<Region> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim().replace('-', '_').toUpperCase(Locale.ROOT);
        for (Region r : values()) {
            if (r.name().equals(t)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
