package org.hemowatch.ingest.serial;

import java.util.Objects;

/**
 * Bytes a framer dropped, with the rule that dropped them.
 *
 * @param rule   stable, machine-readable rule name ({@code missing-terminator}, {@code line-too-long},
 *               {@code bad-character}); used as a metric tag and in error topics
 * @param detail human-readable explanation with a printable excerpt of the dropped bytes
 */
public record FramingError(String rule, String detail) implements FrameEvent {
    public static final String MISSING_TERMINATOR = "missing-terminator";
    public static final String LINE_TOO_LONG = "line-too-long";
    public static final String BAD_CHARACTER = "bad-character";

    public FramingError {
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(detail, "detail");
    }
}
