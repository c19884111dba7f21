package org.hemowatch.units;

import org.hemowatch.domain.Decision;

/**
 * Why a reading or scan was not applied. Every edge maps {@link Kind} once: HTTP to a status
 * code, MQTT to a reason code and an error topic message, serial to a counted, logged reject.
 *
 * @param rule    stable kebab-case name of the rule that failed (also the metric {@code reason} label)
 * @param message what was wrong, for the person or firmware developer who sent it
 */
public record IngestError(Kind kind, String rule, String message) {

    public enum Kind {
        /** Malformed or incomplete input (HTTP 400). */
        INVALID,
        /** The unit or device is not known (HTTP 404). */
        UNKNOWN,
        /** The input is well formed but the current state refuses it (HTTP 409). */
        CONFLICT,
        /** The sender may not do this (HTTP 403). */
        FORBIDDEN,
        /** The store could not commit; nothing was stored and the sender should retry (HTTP 503). */
        UNAVAILABLE
    }

    /** The edge error of a refused unit command. */
    public static IngestError of(Decision.Refused r) {
        return switch (r.kind()) {
            case INVALID -> invalid(r.rule(), r.message());
            case UNKNOWN_UNIT -> unknown(r.rule(), r.message());
            case ILLEGAL_TRANSITION -> conflict(r.rule(), r.message());
        };
    }

    public static IngestError invalid(String rule, String message) {
        return new IngestError(Kind.INVALID, rule, message);
    }

    public static IngestError conflict(String rule, String message) {
        return new IngestError(Kind.CONFLICT, rule, message);
    }

    public static IngestError unknown(String rule, String message) {
        return new IngestError(Kind.UNKNOWN, rule, message);
    }

    public static IngestError forbidden(String rule, String message) {
        return new IngestError(Kind.FORBIDDEN, rule, message);
    }
}
