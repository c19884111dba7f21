package org.hemowatch.isbt128;

import java.util.Objects;

/**
 * Structure 001, the Donation Identification Number.
 *
 * @param din            the 13-character DIN: facility (5), year (2), sequence (6)
 * @param flags          the two flag characters that follow it in the barcode ({@code "00"} when typed by hand)
 * @param checkCharacter the ISO 7064 Mod 37-2 keyboard check character computed from {@code din}
 */
public record Din(String din, String flags, char checkCharacter) implements Isbt128Structure {

    public Din {
        Objects.requireNonNull(din, "din");
        Objects.requireNonNull(flags, "flags");
        if (din.length() != 13) {
            throw new IllegalArgumentException("a DIN has 13 characters: " + din);
        }
        if (flags.length() != 2) {
            throw new IllegalArgumentException("DIN flags have 2 characters: " + flags);
        }
    }

    @Override
    public String structure() {
        return "001";
    }

    @Override
    public String kind() {
        return KIND_DIN;
    }

    /** The facility identification number (FIN), the first five characters of the DIN. */
    public String facility() {
        return din.substring(0, 5);
    }
}
