package org.hemowatch.units;

/** Carries an {@link IngestError} through a failed future. No stack trace: it is an expected outcome. */
public final class IngestException extends RuntimeException {
    private final IngestError error;

    public IngestException(IngestError error) {
        super(error.rule() + ": " + error.message(), null, false, false);
        this.error = error;
    }

    public IngestError error() {
        return error;
    }
}
