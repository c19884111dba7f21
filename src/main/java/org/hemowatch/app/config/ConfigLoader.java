package org.hemowatch.app.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.hemowatch.json.JsonMappers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Loads {@link HemowatchConfig}: a YAML or JSON file (optional), then {@code HEMOWATCH_*}
 * environment variables on top, then validation. Every error names the key.
 */
public final class ConfigLoader {

    /** Environment variable → config key (dot path). Documented in README and hemowatch.example.yaml. */
    public static final Map<String, String> ENV_KEYS = envKeys();

    private static Map<String, String> envKeys() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("HEMOWATCH_SITE", "site");
        m.put("HEMOWATCH_ZONE", "zone");
        m.put("HEMOWATCH_DATA_DIR", "dataDir");
        m.put("HEMOWATCH_HTTP_HOST", "http.host");
        m.put("HEMOWATCH_HTTP_PORT", "http.port");
        m.put("HEMOWATCH_HTTP_REQUEST_HEAD_TIMEOUT_SECONDS", "http.requestHeadTimeoutSeconds");
        m.put("HEMOWATCH_MAX_CLOCK_SKEW", "security.maxClockSkew");
        m.put("HEMOWATCH_MAX_READING_AGE", "security.maxReadingAge");
        m.put("HEMOWATCH_DB_URL", "db.url");
        m.put("HEMOWATCH_DB_USER", "db.user");
        m.put("HEMOWATCH_DB_PASSWORD", "db.password");
        m.put("HEMOWATCH_DB_MAXBATCH", "db.maxBatch");
        m.put("HEMOWATCH_UNKNOWN_DEVICES", "coldChain.unknownDevices");
        // every MQTT setting, named after its key: mqtt.clientId = HEMOWATCH_MQTT_CLIENT_ID, mqtt.sharedGroup = HEMOWATCH_MQTT_SHARED_GROUP, ...
        for (java.lang.reflect.RecordComponent c : org.hemowatch.ingest.mqtt.MqttConfig.class.getRecordComponents()) {
            m.put("HEMOWATCH_MQTT_" + upperSnake(c.getName()), "mqtt." + c.getName());
        }
        return Map.copyOf(m);
    }

    /** {@code maxReconnectSeconds} → {@code MAX_RECONNECT_SECONDS}. */
    static String upperSnake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT);
    }

    private final ObjectMapper yaml = JsonMappers.CONFIG;

    /**
     * @param file explicit file (must exist), or null to use {@code ./hemowatch.yaml} if present
     * @param env  environment variables (pass {@code System.getenv()})
     */
    /**
     * For a command of the CLI: the configuration from {@code file} and the process environment, or
     * empty after one line on standard error saying what is invalid (the command then exits with 2).
     */
    public static Optional<HemowatchConfig> loadForCommand(Path file) {
        try {
            return Optional.of(new ConfigLoader().load(file, System.getenv()));
        } catch (ConfigException e) {
            System.err.println("hemowatch: invalid configuration: " + e.getMessage());
            return Optional.empty();
        }
    }

    public HemowatchConfig load(Path file, Map<String, String> env) {
        ObjectNode tree = readTree(file);
        applyEnv(tree, env);
        HemowatchConfig config = bind(tree);
        ConfigValidator.validate(config);
        return config;
    }

    private ObjectNode readTree(Path file) {
        Path path = file;
        if (path == null) {
            Path fallback = Path.of("hemowatch.yaml");
            if (!Files.exists(fallback)) {
                return yaml.createObjectNode();
            }
            path = fallback;
        }
        if (!Files.isRegularFile(path)) {
            throw new ConfigException("config file " + path.toAbsolutePath() + " does not exist");
        }
        try {
            JsonNode node = yaml.readTree(path.toFile()); // YAML is a superset of JSON, so one parser reads both
            if (node == null || node.isMissingNode() || node.isNull()) {
                return yaml.createObjectNode();
            }
            if (!node.isObject()) {
                throw new ConfigException("config file " + path + " must hold a mapping of keys at its top level");
            }
            return (ObjectNode) node;
        } catch (JsonProcessingException e) {
            throw new ConfigException("config file " + path + " is not valid YAML/JSON: " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " (line " + e.getLocation().getLineNr() + ")" : ""), e);
        } catch (IOException e) {
            throw new ConfigException("config file " + path + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static void applyEnv(ObjectNode tree, Map<String, String> env) {
        ENV_KEYS.forEach((var, key) -> {
            String value = env.get(var);
            if (value == null || value.isEmpty()) {
                return;
            }
            String[] parts = key.split("\\.");
            ObjectNode node = tree;
            for (int i = 0; i < parts.length - 1; i++) {
                JsonNode child = node.get(parts[i]);
                if (!(child instanceof ObjectNode)) {
                    child = node.putObject(parts[i]);
                }
                node = (ObjectNode) child;
            }
            node.put(parts[parts.length - 1], value);
        });
    }

    private HemowatchConfig bind(ObjectNode tree) {
        try {
            return yaml.treeToValue(tree, HemowatchConfig.class);
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException("unknown config key '" + path(e) + "'; known keys here: "
                    + e.getKnownPropertyIds().stream().map(Object::toString).sorted().collect(Collectors.joining(", ")), e);
        } catch (ValueInstantiationException e) {
            // feature config records validate themselves in their constructors and name their keys
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new ConfigException("config key '" + path(e) + "': " + cause.getMessage(), e);
        } catch (MismatchedInputException e) {
            throw new ConfigException("config key '" + path(e) + "' has a value of the wrong type: " + e.getOriginalMessage(), e);
        } catch (JsonProcessingException e) {
            throw new ConfigException("config is invalid: " + e.getOriginalMessage(), e);
        }
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }
}
