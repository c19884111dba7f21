package org.hemowatch.domain;

import java.util.Optional;

/** ABO blood group. */
public enum Abo {
    O, A, B, AB;

    public static Optional<Abo> parse(String text) {
        return Enums.parse(Abo.class, text);
    }
}
