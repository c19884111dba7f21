package org.hemowatch.app.config;

import org.hemowatch.ingest.mqtt.MqttConfig;
import org.hemowatch.ingest.mqtt.MqttMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import org.hemowatch.domain.ComponentClass;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    private final ConfigLoader loader = new ConfigLoader();

    @Test
    void runsOnEmbeddedDefaultsWithoutAFile() {
        HemowatchConfig c = loader.load(null, Map.of());

        assertThat(c.http().port()).isEqualTo(8080);
        assertThat(c.site()).isEqualTo("main");
        assertThat(c.jdbcUrl()).startsWith("jdbc:sqlite:").endsWith("/data/hemowatch.db");
        assertThat(c.zoneOf("main")).isEqualTo(ZoneId.of("UTC"));
    }

    @Test
    void environmentOverridesTheFile() throws IOException {
        Path file = write("http:\n  port: 9000\nsite: north\nzone: Europe/London\n");

        HemowatchConfig c = loader.load(file, Map.of("HEMOWATCH_HTTP_PORT", "9100", "HEMOWATCH_DATA_DIR", dir.toString(),
                "HEMOWATCH_DB_URL", "jdbc:postgresql://db:5432/hemowatch"));

        assertThat(c.http().port()).isEqualTo(9100);
        assertThat(c.site()).isEqualTo("north");
        assertThat(c.zoneOf("north")).isEqualTo(ZoneId.of("Europe/London"));
        assertThat(c.dataPath()).isEqualTo(dir.toAbsolutePath());
        assertThat(c.jdbcUrl()).isEqualTo("jdbc:postgresql://db:5432/hemowatch");
    }

    @Test
    void everyMqttSettingHasAnEnvironmentVariableThatOverridesTheFile() throws IOException {
        Path file = write("mqtt:\n  clientId: from-file\n  maxReconnectSeconds: 30\n");

        HemowatchConfig c = loader.load(file, Map.of("HEMOWATCH_MQTT_CLIENT_ID", "hw-2", "HEMOWATCH_MQTT_SHARED_GROUP", "hw",
                "HEMOWATCH_MQTT_MAX_RECONNECT_SECONDS", "120", "HEMOWATCH_MQTT_ALLOW_ANONYMOUS", "true",
                "HEMOWATCH_MQTT_BROKER", "tcp://broker:1883"));

        assertThat(c.mqtt().clientId()).isEqualTo("hw-2");
        assertThat(c.mqtt().sharedGroup()).isEqualTo("hw");
        assertThat(c.mqtt().maxReconnectSeconds()).isEqualTo(120);
        assertThat(c.mqtt().allowAnonymous()).isTrue();
        for (java.lang.reflect.RecordComponent k : org.hemowatch.ingest.mqtt.MqttConfig.class.getRecordComponents()) {
            assertThat(ConfigLoader.ENV_KEYS).containsValue("mqtt." + k.getName());
        }
        assertThat(ConfigLoader.ENV_KEYS).containsEntry("HEMOWATCH_MQTT_PORT", "mqtt.port")
                .containsEntry("HEMOWATCH_MQTT_PASSWORD", "mqtt.password");
    }

    @Test
    void theRequestHeadTimeoutHasADefaultAnEnvironmentOverrideAndARange() throws IOException {
        assertThat(loader.load(null, Map.of()).http().requestHeadTimeoutSeconds()).isEqualTo(10);
        Path file = write("http:\n  requestHeadTimeoutSeconds: 20\n");
        assertThat(loader.load(file, Map.of()).http().requestHeadTimeoutSeconds()).isEqualTo(20);
        assertThat(loader.load(file, Map.of("HEMOWATCH_HTTP_REQUEST_HEAD_TIMEOUT_SECONDS", "5")).http().requestHeadTimeoutSeconds()).isEqualTo(5);
        assertThatThrownBy(() -> loader.load(null, Map.of("HEMOWATCH_HTTP_REQUEST_HEAD_TIMEOUT_SECONDS", "0")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("http.requestHeadTimeoutSeconds");
        assertThat(loader.load(null, Map.of("HEMOWATCH_MQTT_CONNECT_FREE_FAILURES", "50")).mqtt().connectFreeFailures()).isEqualTo(50);
        assertThatThrownBy(() -> loader.load(null, Map.of("HEMOWATCH_MQTT_CONNECT_FREE_FAILURES", "0")))
                .hasMessageContaining("mqtt.connectFreeFailures");
    }

    @Test
    void theBrokerKeySelectsTheModeAndEachModeGetsOnlyItsSettings() {
        MqttMode embedded = loader.load(null, Map.of()).mqtt().mode();
        assertThat(embedded).isEqualTo(new MqttMode.Embedded(MqttConfig.DEFAULT_HOST, MqttConfig.DEFAULT_PORT, MqttConfig.DEFAULT_TLS_PORT,
                null, null, false, MqttConfig.DEFAULT_MAX_MESSAGE_BYTES, MqttConfig.DEFAULT_MAX_CONNECTIONS,
                MqttConfig.DEFAULT_MAX_QUEUED_PER_SESSION, MqttConfig.DEFAULT_CONNECT_FREE_FAILURES));

        MqttMode external = loader.load(null, Map.of("HEMOWATCH_MQTT_BROKER", "ssl://broker.example:8884",
                "HEMOWATCH_MQTT_SHARED_GROUP", "hw")).mqtt().mode();
        assertThat(external).isInstanceOfSatisfying(MqttMode.ExternalBroker.class, b -> {
            assertThat(b.address()).isEqualTo(new MqttConfig.BrokerAddress("broker.example", 8884, true));
            assertThat(b.clientId()).isEqualTo(MqttConfig.DEFAULT_CLIENT_ID);
            assertThat(b.sharedGroup()).isEqualTo("hw");
            assertThat(b.maxReconnectSeconds()).isEqualTo(MqttConfig.DEFAULT_MAX_RECONNECT_SECONDS);
        });
    }

    @Test
    void theValidatorNamesEachBadMqttKey() {
        Map<String, String> bad = Map.of("HEMOWATCH_MQTT_PORT", "70000", "HEMOWATCH_MQTT_BROKER", "http://x",
                "HEMOWATCH_MQTT_CERT_PATH", "/c.pem", "HEMOWATCH_MQTT_MAX_MESSAGE_BYTES", "100",
                "HEMOWATCH_MQTT_SHARED_GROUP", "a/b", "HEMOWATCH_MQTT_CLIENT_ID", " ");
        bad.forEach((env, value) -> assertThatThrownBy(() -> loader.load(null, Map.of(env, value)))
                .as(env).isInstanceOf(ConfigException.class).hasMessageContaining(ConfigLoader.ENV_KEYS.get(env)));
    }

    @Test
    void readsJsonFilesToo() throws IOException {
        Path file = dir.resolve("c.json");
        Files.writeString(file, "{\"site\": \"south\", \"sites\": {\"east\": {\"zone\": \"Asia/Tehran\"}}, \"products\": {\"E9999\": \"PLT\"}}");

        HemowatchConfig c = loader.load(file, Map.of());

        assertThat(c.knowsSite("east")).isTrue();
        assertThat(c.zoneOf("east")).isEqualTo(ZoneId.of("Asia/Tehran"));
        assertThat(c.products()).containsEntry("E9999", "PLT");
    }

    @Test
    void rejectsAnUnknownKeyNamingIt() throws IOException {
        Path file = write("http:\n  prot: 9000\n");

        assertThatThrownBy(() -> loader.load(file, Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'http.prot'").hasMessageContaining("port");
    }

    @Test
    void rejectsANonNumericPortFromTheEnvironmentNamingTheKey() {
        assertThatThrownBy(() -> loader.load(null, Map.of("HEMOWATCH_HTTP_PORT", "eighty")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'http.port'");
    }

    @Test
    void rejectsAPortOutOfRange() {
        assertThatThrownBy(() -> loader.load(null, Map.of("HEMOWATCH_HTTP_PORT", "70000")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'http.port'").hasMessageContaining("70000");
    }

    @Test
    void rejectsAnInvalidZone() {
        assertThatThrownBy(() -> loader.load(null, Map.of("HEMOWATCH_ZONE", "Mars/Olympus")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'zone'");
    }

    @Test
    void rejectsAnUnsupportedDatabaseUrl() {
        assertThatThrownBy(() -> loader.load(null, Map.of("HEMOWATCH_DB_URL", "jdbc:mysql://x/y")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'db.url'");
    }

    @Test
    void rejectsAProductMappedToAnUnknownComponentClass() throws IOException {
        Path file = write("products:\n  E0398: BLOOD\n");

        assertThatThrownBy(() -> loader.load(file, Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'products.E0398'");
    }

    @Test
    void readsTheMaximumShelfLifePerComponentClassOverTheDefaults() throws IOException {
        Path file = write("shelfLife:\n  RBC: P3650D\n  PLT: P14D\n");

        var shelfLife = loader.load(file, Map.of()).maxShelfLife();

        assertThat(shelfLife.maximum(ComponentClass.RED_CELLS)).contains(Duration.ofDays(3650));
        assertThat(shelfLife.maximum(ComponentClass.PLATELETS)).contains(Duration.ofDays(14));
        assertThat(shelfLife.maximum(ComponentClass.GRANULOCYTES)).contains(Duration.ofHours(24));
    }

    @Test
    void rejectsAShelfLifeThatIsNotADurationOrForAnUnknownClass() throws IOException {
        assertThatThrownBy(() -> loader.load(write("shelfLife:\n  RBC: 42 days\n"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'shelfLife.RBC'").hasMessageContaining("P42D");
        assertThatThrownBy(() -> loader.load(write("shelfLife:\n  BLOOD: P1D\n"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'shelfLife.BLOOD'");
        assertThatThrownBy(() -> loader.load(write("shelfLife:\n  PLT: PT0S\n"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("positive");
    }

    @Test
    void rejectsASiteIdThatCannotBeATopicLevel() {
        assertThatThrownBy(() -> loader.load(null, Map.of("HEMOWATCH_SITE", "north/east")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("'site'");
    }

    @Test
    void failsClearlyOnAMissingFile() {
        assertThatThrownBy(() -> loader.load(dir.resolve("nope.yaml"), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("does not exist");
    }

    @Test
    void failsClearlyOnBrokenYaml() throws IOException {
        Path file = write("http: [port: 1\n");

        assertThatThrownBy(() -> loader.load(file, Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("not valid YAML");
    }

    private Path write(String yaml) throws IOException {
        Path file = dir.resolve("hemowatch.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
