package org.hemowatch.ingest.serial;

/**
 * What a line framer emits: either a complete {@link Frame} or a {@link FramingError} for bytes
 * it had to drop. Framers never throw on bad input; every byte ends up in a frame, in an error,
 * or in the skipped-noise counter.
 */
public sealed interface FrameEvent permits Frame, FramingError {
}
