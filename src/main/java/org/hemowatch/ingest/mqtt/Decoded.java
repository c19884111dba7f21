package org.hemowatch.ingest.mqtt;

import org.hemowatch.domain.rule.Rejection;

/** A decoder's outcome: a value, or the rejection explaining why there is none. */
public record Decoded<T>(T value, RejectedMessage rejection) {

    public static <T> Decoded<T> ok(T value) {
        return new Decoded<>(value, null);
    }

    public static <T> Decoded<T> rejected(String rule, String message, Long seq) {
        return rejected(Rejection.invalid(rule, message), seq);
    }

    public static <T> Decoded<T> rejected(Rejection why, Long seq) {
        return new Decoded<>(null, new RejectedMessage(why, seq));
    }

    public boolean ok() {
        return rejection == null;
    }
}
