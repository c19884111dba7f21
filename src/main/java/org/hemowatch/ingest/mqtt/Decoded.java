package org.hemowatch.ingest.mqtt;

/** A decoder's outcome: a value, or the rejection explaining why there is none. */
public record Decoded<T>(T value, MqttRejection rejection) {

    public static <T> Decoded<T> ok(T value) {
        return new Decoded<>(value, null);
    }

    public static <T> Decoded<T> rejected(String rule, String message, Long seq) {
        return new Decoded<>(null, new MqttRejection(rule, message, seq));
    }

    public boolean ok() {
        return rejection == null;
    }
}
