package org.hemowatch.ingest.mqtt;

import org.hemowatch.publish.Topics;
import org.hemowatch.units.IngestError;

/**
 * Why an inbound MQTT message was refused; published as {@code {"seq", "error": {"rule", "message"}}}
 * to the sender's errors topic and counted with {@code reason=rule}.
 *
 * @param seq the message's (or offending batch element's) seq when it could be read, else null
 */
public record MqttRejection(String rule, String message, Long seq) {

    public static MqttRejection of(IngestError error, Long seq) {
        return new MqttRejection(error.rule(), error.message(), seq);
    }

    public MqttRejection withSeq(Long s) {
        return new MqttRejection(rule, message, s);
    }

    /** The error topic payload, as JSON text (see {@link Topics#errorPayload}). */
    public String toJson() {
        return Topics.errorPayload(seq, null, rule, message).toString();
    }
}
