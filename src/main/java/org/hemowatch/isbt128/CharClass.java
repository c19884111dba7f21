package org.hemowatch.isbt128;

import java.util.function.IntPredicate;

/**
 * A set of characters a position of an ISBT 128 structure may hold (ICCBBA ST-001 §2.4), with the
 * words a message uses for it.
 */
record CharClass(String description, IntPredicate test) {

    static final CharClass DIGIT = new CharClass("a digit", c -> c >= '0' && c <= '9');
    static final CharClass UPPER_ALNUM =
            new CharClass("a digit or a capital letter", c -> (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'));
    static final CharClass LOWER_ALNUM =
            new CharClass("a digit or a small letter", c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'));
    static final CharClass ANY_ALNUM =
            new CharClass("a digit or a letter", c -> UPPER_ALNUM.test.test(c) || LOWER_ALNUM.test.test(c));
    /** §2.4.1: the 2nd and 3rd FIN characters ({@code pppp} positions 1-2) are {A–N; P–Z; 0–9}. */
    static final CharClass FIN_ALNUM = new CharClass("a digit or a capital letter other than O",
            c -> (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z' && c != 'O'));
    /** §2.4.1: flag characters are {0–9}, {A–H; J–N; P; R–Y}. */
    static final CharClass FLAG = new CharClass("a digit or a capital letter A-H, J-N, P or R-Y",
            c -> (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Y' && "IOQ".indexOf(c) < 0));
    static final CharClass CAPITAL = new CharClass("a capital letter", c -> c >= 'A' && c <= 'Z');
    /** The field name in messages about the FIN. */
    static final String FIN_FIELD = "facility number (FIN)";

    /** The first character of a DIN: A-N, P-Z, 1-9 (no letter O, no digit 0). */
    static boolean isDinStart(char c) {
        return (c >= 'A' && c <= 'Z' && c != 'O') || (c >= '1' && c <= '9');
    }
}
