package org.hemowatch.domain.coldchain;

import java.util.Locale;
import java.util.Optional;

/** The kind of a storage device, which decides its default limits (see {@link DeviceProfiles}). */
public enum DeviceKind {
    REFRIGERATOR,
    FREEZER,
    PLATELET_AGITATOR,
    /** Granulocytes: 20–24 °C, not agitated. */
    GRANULOCYTE_STORE,
    ROOM,
    TRANSPORT_BOX;

    /** The lower-case config/API spelling, e.g. {@code platelet_agitator}. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses {@code platelet_agitator}, {@code PLATELET_AGITATOR} or {@code platelet-agitator}
     * (case-insensitive, surrounding blanks ignored); empty for null or unknown text.
     */
    public static Optional<DeviceKind> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim().replace('-', '_').toUpperCase(Locale.ROOT);
        for (DeviceKind k : values()) {
            if (k.name().equals(t)) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }
}
