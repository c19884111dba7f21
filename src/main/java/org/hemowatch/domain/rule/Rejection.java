package org.hemowatch.domain.rule;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionException;

/**
 * Why something a sender asked for was refused; nothing changed. The one refusal value of the service:
 * the label decoder, the unit rules, the alert book, the ingest paths and the edges all speak it, and each
 * edge maps it once — HTTP to a problem+json body with {@code rule} and the {@link Kind}'s status, MQTT and
 * serial scans to the sender's errors topic, serial lines to a counted, logged drop. Every rule name is listed,
 * with its meaning and wires, in {@link Rules}.
 *
 * @param kind    what sort of refusal it is; fixes the HTTP status
 * @param rule    stable kebab-case rule name (a {@link Rules} entry; also the metric {@code reason} label)
 * @param message one sentence for the person or firmware developer who sent it, naming what was wrong
 */
public record Rejection(Kind kind, String rule, String message) {

    /** What sort of refusal; each has one HTTP status. */
    public enum Kind {
        /** Malformed or incomplete input. */
        INVALID(400),
        /** The sender may not do this. */
        FORBIDDEN(403),
        /** The unit, device or record is not known. */
        UNKNOWN(404),
        /** The input is well formed but the current state refuses it. */
        CONFLICT(409),
        /** The store could not commit; nothing was stored and the sender should retry. */
        UNAVAILABLE(503);

        private final int httpStatus;

        Kind(int httpStatus) {
            this.httpStatus = httpStatus;
        }

        public int httpStatus() {
            return httpStatus;
        }
    }

    public Rejection {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(message, "message");
    }

    public static Rejection invalid(String rule, String message) {
        return new Rejection(Kind.INVALID, rule, message);
    }

    public static Rejection forbidden(String rule, String message) {
        return new Rejection(Kind.FORBIDDEN, rule, message);
    }

    public static Rejection unknown(String rule, String message) {
        return new Rejection(Kind.UNKNOWN, rule, message);
    }

    public static Rejection conflict(String rule, String message) {
        return new Rejection(Kind.CONFLICT, rule, message);
    }

    public static Rejection unavailable(String rule, String message) {
        return new Rejection(Kind.UNAVAILABLE, rule, message);
    }

    /** The same refusal with another message (e.g. the offending read appended). */
    public Rejection withMessage(String other) {
        return new Rejection(kind, rule, other);
    }

    /** This refusal as an exception, to fail a future or unwind a parser with. */
    public RejectedException exception() {
        return new RejectedException(this);
    }

    /** The rejection behind a failure (a {@link RejectedException}, also inside a CompletionException), if that is what it is. */
    public static Optional<Rejection> of(Throwable failure) {
        Throwable c = failure;
        while (c instanceof CompletionException && c.getCause() != null) {
            c = c.getCause();
        }
        return c instanceof RejectedException r ? Optional.of(r.rejection()) : Optional.empty();
    }
}
