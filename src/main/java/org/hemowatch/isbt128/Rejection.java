package org.hemowatch.isbt128;

/** Internal signal that a read broke a rule; turned into {@link DecodeResult.Failed} by the decoder. */
final class Rejection extends RuntimeException {

    private final transient DecodeError error;

    Rejection(String rule, String message) {
        super(rule + ": " + message, null, false, false);
        this.error = new DecodeError(rule, message);
    }

    DecodeError error() {
        return error;
    }
}
