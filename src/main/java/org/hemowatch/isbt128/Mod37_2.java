package org.hemowatch.isbt128;

/** ISO 7064 Mod 37-2 over the alphabet {@code 0-9 A-Z *} (values 0 to 36), as used for DIN check characters. */
final class Mod37_2 {

    static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*";

    private Mod37_2() {
    }

    /** The check value (0 to 36) of a string of {@code 0-9 A-Z} characters. */
    static int checkValue(String text) {
        int p = 0;
        for (int i = 0; i < text.length(); i++) {
            int v = ALPHABET.indexOf(text.charAt(i));
            if (v < 0 || v == 36) {
                throw new IllegalArgumentException("not an ISO 7064 Mod 37-2 data character: '" + text.charAt(i) + "'");
            }
            // Horner form of sum(v_i * 2^i), i counted from the right starting at 1.
            p = ((p + v) * 2) % 37;
        }
        return (38 - p) % 37;
    }

    static char checkCharacter(int value) {
        return ALPHABET.charAt(value);
    }
}
