package org.hemowatch.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The component class of a blood product, which decides its storage range, shelf life and
 * how it counts towards supply. The short {@link #code()} is what the API and metrics use.
 */
public enum ComponentClass {
    RED_CELLS("RBC"),
    PLATELETS("PLT"),
    PLASMA("FFP"),
    CRYO("CRYO"),
    WHOLE_BLOOD("WB"),
    GRANULOCYTES("GRAN");

    private final String code;

    ComponentClass(String code) {
        this.code = code;
    }

    /** Short, stable code used in the API, config and metric labels (e.g. {@code RBC}). */
    public String code() {
        return code;
    }

    /** Parses either the short code ({@code RBC}) or the enum name ({@code RED_CELLS}), case-insensitively. */
    public static Optional<ComponentClass> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(c -> c.code.equals(t) || c.name().equals(t)).findFirst();
    }
}
