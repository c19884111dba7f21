package org.hemowatch.ingest.serial;

import java.util.Objects;

/**
 * A line that was dropped, and why.
 *
 * @param rule    stable rule name (metric tag, error topic field), e.g. {@code bad-checksum}
 * @param message human-readable explanation naming the offending field or value
 */
public record LineError(String rule, String message) implements ControllerLine {
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

    public LineError {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
    }

    /** Framing errors share the rule namespace with decoding errors. */
    public static LineError of(FramingError error) {
        return new LineError(error.rule(), error.detail());
    }
}
