package org.hemowatch.domain.rule;

/** Rule names (see the catalogue). */
public final class Rules {

    // label decoding (ISBT 128)
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
    public static final String INTENDED_USE_MISMATCH = "intended-use-mismatch";
    // serial framing and controller lines
    public static final String MISSING_TERMINATOR = "missing-terminator";
    public static final String LINE_TOO_LONG = "line-too-long";
    public static final String BAD_FORMAT = "bad-format";
    public static final String MISSING_CHECKSUM = "missing-checksum";
    public static final String BAD_CHECKSUM = "bad-checksum";
    public static final String UNKNOWN_SENTENCE = "unknown-sentence";
    public static final String BAD_FIELD_COUNT = "bad-field-count";
    public static final String BAD_ADDRESS = "bad-address";
    public static final String BAD_SEQUENCE = "bad-sequence";
    public static final String BAD_PROBE = "bad-probe";
    public static final String BAD_TEMPERATURE = "bad-temperature";
    public static final String BAD_DOOR = "bad-door";
    public static final String BAD_AGITATOR = "bad-agitator";
    public static final String BAD_STATUS_CODE = "bad-status-code";
    public static final String UNKNOWN_ADDRESS = "unknown-address";

    private Rules() {
    }
}
