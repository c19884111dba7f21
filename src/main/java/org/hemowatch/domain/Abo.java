package org.hemowatch.domain;

import java.util.Locale;
import java.util.Optional;

/** ABO blood group. */
public enum Abo {
    O, A, B, AB;

    public static Optional<Abo> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(text.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
