package org.hemowatch.ingest.serial;

import org.hemowatch.domain.rule.Rejection;

import java.util.Objects;

/**
 * What a line framer emits: either a complete {@link Frame} or a {@link Dropped} for bytes
 * it had to drop. Framers never throw on bad input; every byte ends up in a frame, in an error,
 * or in the skipped-noise counter.
 */
public sealed interface FrameEvent permits Frame, FrameEvent.Dropped {

    /**
     * Bytes a framer dropped: the rule ({@code missing-terminator}, {@code line-too-long}, {@code bad-character})
     * shares its namespace with the line decoders' rules; the message has a printable excerpt of the bytes.
     */
    record Dropped(Rejection rejection) implements FrameEvent {
        public Dropped {
            Objects.requireNonNull(rejection, "rejection");
        }
    }

    static Dropped dropped(String rule, String message) {
        return new Dropped(Rejection.invalid(rule, message));
    }
}
