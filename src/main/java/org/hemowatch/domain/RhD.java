package org.hemowatch.domain;

import java.util.Locale;
import java.util.Optional;

/** RhD type. */
public enum RhD {
    POS, NEG;

    /** Accepts {@code POS}/{@code NEG} and the signs {@code +}/{@code -}. */
    public static Optional<RhD> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        return switch (text.trim().toUpperCase(Locale.ROOT)) {
            case "POS", "+", "POSITIVE" -> Optional.of(POS);
            case "NEG", "-", "NEGATIVE" -> Optional.of(NEG);
            default -> Optional.empty();
        };
    }
}
