package org.hemowatch.app.config;

import org.hemowatch.domain.ComponentClass;

import java.time.DateTimeException;
import java.time.ZoneId;
import org.hemowatch.domain.Ids;
import org.hemowatch.ingest.mqtt.MqttConfig;

import java.util.regex.Pattern;

/** Checks a bound {@link HemowatchConfig}; the first problem found is thrown as a {@link ConfigException} naming its key. */
final class ConfigValidator {

    /** Site, device and scanner ids appear in MQTT topics and metric labels: keep them plain. */
    static final Pattern ID = Ids.PATTERN;

    private ConfigValidator() {
    }

    static void validate(HemowatchConfig c) {
        id("site", c.site());
        zone("zone", c.zone());
        nonBlank("dataDir", c.dataDir());
        nonBlank("http.host", c.http().host());
        port("http.port", c.http().port());
        range("http.bodyLimitBytes", c.http().bodyLimitBytes(), 1024, 64 * 1024 * 1024);
        range("http.idleTimeoutSeconds", c.http().idleTimeoutSeconds(), 1, 86_400);
        range("http.requestHeadTimeoutSeconds", c.http().requestHeadTimeoutSeconds(), 1, 3_600);
        range("db.maxBatch", c.db().maxBatch(), 1, 100_000);
        range("db.readPoolSize", c.db().readPoolSize(), 1, 64);
        String url = c.jdbcUrl();
        if (!url.startsWith("jdbc:sqlite:") && !url.startsWith("jdbc:postgresql:")) {
            throw new ConfigException("config key 'db.url' must start with jdbc:sqlite: or jdbc:postgresql:, got '" + url + "'");
        }
        mqtt(c.mqtt());
        c.sites().forEach((id, s) -> {
            id("sites key", id);
            if (s != null && s.zone() != null) {
                zone("sites." + id + ".zone", s.zone());
            }
        });
        try {
            c.serial().portConfigs(c.site());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("config key " + e.getMessage());
        }
        try {
            c.maxShelfLife();
        } catch (IllegalArgumentException e) {
            throw new ConfigException("config key " + e.getMessage());
        }
        c.products().forEach((code, cls) -> {
            if (!code.matches("[A-Z][0-9]{4}")) {
                throw new ConfigException("config key 'products." + code + "': a product code is a letter and 4 digits, like E0398");
            }
            if (ComponentClass.parse(cls).isEmpty()) {
                throw new ConfigException("config key 'products." + code + "': unknown component class '" + cls
                        + "' (use one of RBC, PLT, FFP, CRYO, WB, GRAN)");
            }
        });
    }

    /** Every {@code mqtt.*} key, whichever mode is in use (a key of the other mode is still checked). */
    static void mqtt(MqttConfig m) {
        port("mqtt.port", m.port());
        port("mqtt.tlsPort", m.tlsPort());
        if ((m.certPath() == null) != (m.keyPath() == null)) {
            throw new ConfigException("config keys 'mqtt.certPath' and 'mqtt.keyPath' must be set together");
        }
        range("mqtt.maxMessageBytes", m.maxMessageBytes(), 256, 16 * 1024 * 1024);
        range("mqtt.maxConnections", m.maxConnections(), 1, Integer.MAX_VALUE);
        range("mqtt.maxQueuedPerSession", m.maxQueuedPerSession(), 0, Integer.MAX_VALUE);
        range("mqtt.maxReconnectSeconds", m.maxReconnectSeconds(), 1, Integer.MAX_VALUE);
        range("mqtt.connectFreeFailures", m.connectFreeFailures(), 1, 1_000_000);
        if (m.broker() != null) {
            try {
                MqttConfig.BrokerAddress.parse(m.broker());
            } catch (IllegalArgumentException e) {
                throw new ConfigException("config key " + e.getMessage());
            }
        }
        if (m.clientId().isBlank() || m.clientId().length() > 64) {
            throw new ConfigException("config key 'mqtt.clientId' must be 1-64 characters");
        }
        if (m.sharedGroup() != null && !m.sharedGroup().matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new ConfigException("config key 'mqtt.sharedGroup' must be 1-64 letters, digits, '.', '_' or '-'");
        }
    }

    static void id(String key, String value) {
        if (value == null || !ID.matcher(value).matches()) {
            throw new ConfigException("config key '" + key + "' must be an id: " + Ids.DESCRIPTION + ", got '" + value + "'");
        }
    }

    static void zone(String key, String value) {
        try {
            ZoneId.of(value);
        } catch (DateTimeException | NullPointerException e) {
            throw new ConfigException("config key '" + key + "' is not a time zone id like Europe/London: '" + value + "'");
        }
    }

    static void port(String key, int port) {
        range(key, port, 0, 65535);
    }

    static void range(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new ConfigException("config key '" + key + "' must be between " + min + " and " + max + ", got " + value);
        }
    }

    static void nonBlank(String key, String value) {
        if (value == null || value.isBlank()) {
            throw new ConfigException("config key '" + key + "' must not be empty");
        }
    }
}
