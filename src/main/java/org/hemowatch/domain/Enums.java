package org.hemowatch.domain;

import java.util.Locale;
import java.util.Optional;

/** Parsing of enum constants from user input (API parameters, config, payloads). */
public final class Enums {

    private Enums() {
    }

    /** The constant whose name equals the trimmed text, ignoring case; empty for null or an unknown name. */
    public static <E extends Enum<E>> Optional<E> parse(Class<E> type, String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Enum.valueOf(type, text.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
