package org.hemowatch.domain.rule;

/**
 * Carries a {@link Rejection} through a failed future or out of a parser. No stack trace: a refusal is an
 * expected outcome. The message is {@code "rule: message"}.
 */
public final class RejectedException extends RuntimeException {

    private final transient Rejection rejection;

    public RejectedException(Rejection rejection) {
        super(rejection.rule() + ": " + rejection.message(), null, false, false);
        this.rejection = rejection;
    }

    /** An {@link Rejection.Kind#INVALID} refusal, to throw. */
    public static RejectedException invalid(String rule, String message) {
        return new RejectedException(Rejection.invalid(rule, message));
    }

    public Rejection rejection() {
        return rejection;
    }
}
