package org.hemowatch.ingest.mqtt;

import org.hemowatch.domain.rule.Rejection;
import org.hemowatch.publish.Topics;

import java.util.Objects;

/**
 * An inbound MQTT message that was refused: the {@link Rejection}, and the message's (or offending batch
 * element's) seq when it could be read, else null. Published as {@code {"seq", "error": {"rule", "message"}}}
 * to the sender's errors topic and counted with {@code reason=rule}.
 */
public record RejectedMessage(Rejection rejection, Long seq) {

    public RejectedMessage {
        Objects.requireNonNull(rejection, "rejection");
    }

    /** A message refused as {@link Rejection.Kind#INVALID}. */
    static RejectedMessage invalid(String rule, String message, Long seq) {
        return new RejectedMessage(Rejection.invalid(rule, message), seq);
    }

    public String rule() {
        return rejection.rule();
    }

    public String message() {
        return rejection.message();
    }

    /** The error topic payload, as JSON text (see {@link Topics#errorPayload}). */
    public String toJson() {
        return Topics.errorPayload(seq, null, rejection.rule(), rejection.message()).toString();
    }
}
