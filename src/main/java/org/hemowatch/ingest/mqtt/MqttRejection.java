package org.hemowatch.ingest.mqtt;

import org.hemowatch.ingest.IngestError;

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

    /** The error topic payload, as JSON text. */
    public String toJson() {
        return "{\"seq\":" + (seq == null ? "null" : seq) + ",\"error\":{\"rule\":" + quote(rule) + ",\"message\":" + quote(message) + "}}";
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
