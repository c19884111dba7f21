package org.hemowatch.isbt128;

import java.util.Objects;

/**
 * Why a read was rejected.
 *
 * @param rule    stable kebab-case rule name (one of the constants below); safe for metrics labels
 * @param message one sentence for a technician saying what was wrong
 */
public record DecodeError(String rule, String message) {

    public static final String EMPTY_READ = "empty-read";
    public static final String CODABAR_LABEL = "codabar-label";
    public static final String UNKNOWN_IDENTIFIER = "unknown-identifier";
    public static final String UNSUPPORTED_STRUCTURE = "unsupported-structure";
    public static final String BAD_LENGTH = "bad-length";
    public static final String BAD_CHARACTER = "bad-character";
    public static final String DIN_CHECK_VALUE = "din-check-value";
    public static final String RESERVED_FLAG = "reserved-flag";
    /** The 4th character of a blood group ({@code e}, ST-001 §2.4.2) is reserved for future use and must be 0. */
    public static final String RESERVED_CHARACTER = "reserved-character";
    public static final String KEYBOARD_CHECK_CHARACTER = "keyboard-check-character";
    public static final String UNKNOWN_BLOOD_GROUP = "unknown-blood-group";
    public static final String IMPOSSIBLE_DATE = "impossible-date";
    public static final String UNSAFE_CONCATENATION = "unsafe-concatenation";
    public static final String UNKNOWN_COLLECTION_TYPE = "unknown-collection-type";
    /** The blood group code and the product code's type of collection state different intended uses. */
    public static final String INTENDED_USE_MISMATCH = "intended-use-mismatch";

    public DecodeError {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
    }
}
