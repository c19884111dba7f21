package org.hemowatch.domain.alert;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What an alert is about. {@link #topic()} is its stable lower-case-hyphen name (MQTT topics, API, metrics). */
public enum AlertKind {
    /** Subject: stock line, e.g. {@code RBC/O-}. */
    SHORTAGE("shortage"),
    /** Subject: component code, e.g. {@code PLT}; one alert per site and component. */
    NEAR_EXPIRY("near-expiry"),
    /** Subject: {@code stock}; one alert per site. */
    EXPIRED_IN_STOCK("expired-in-stock"),
    /** Subject: device id. */
    EXCURSION("excursion"),
    /** Temperature past a warning set point, still inside the range. Subject: device id. */
    WARNING("warning"),
    SENSOR_OFFLINE("sensor-offline"),
    DOOR_OPEN("door-open"),
    AGITATOR_STOPPED("agitator-stopped"),
    /** A device-side alarm code such as {@code PWR_FAIL}. Subject: device id. */
    DEVICE_STATUS("device-status"),
    /** A unit in stock was out of controlled storage longer than its limit and was quarantined. Subject: unit key. */
    OUT_OF_STORAGE("out-of-storage"),
    /** A notifier could not deliver alerts. Subject: notifier name. */
    DELIVERY_FAILURE("delivery-failure");

    private final String topic;

    AlertKind(String topic) {
        this.topic = topic;
    }

    public String topic() {
        return topic;
    }

    /** Accepts the topic name ({@code near-expiry}) or the enum name ({@code NEAR_EXPIRY}), any case. */
    public static Optional<AlertKind> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(k -> k.topic.equals(t) || k.name().toLowerCase(Locale.ROOT).equals(t)).findFirst();
    }
}
