package org.hemowatch.ingest.serial;

import java.util.Objects;

/**
 * One complete line as received, without its terminator. For controller lines this starts with
 * {@code $} and ends with the two checksum digits.
 */
public record Frame(String text) implements FrameEvent {
    public Frame {
        Objects.requireNonNull(text, "text");
    }
}
