package org.hemowatch.ingest.mqtt;

/**
 * MQTT configuration as bound from {@code mqtt.*} (file keys and {@code HEMOWATCH_MQTT_*} variables), with its
 * defaults as named constants. Without {@code broker} the service runs its embedded endpoint; with {@code broker}
 * (e.g. {@code tcp://host:1883}) it subscribes to that broker instead: {@link #mode()} gives the one record of
 * the mode in use ({@link MqttMode.Embedded} or {@link MqttMode.ExternalBroker}). Validation is in the
 * config validator ({@code app/config/ConfigValidator}), with every other key.
 *
 * @param enabled          false turns MQTT off entirely
 * @param host             embedded endpoint bind address
 * @param port             embedded endpoint port (0 = ephemeral, for tests)
 * @param tlsPort          embedded TLS port, used only when {@code certPath} and {@code keyPath} are set
 * @param certPath         PEM certificate chain for the TLS listener
 * @param keyPath          PEM private key for the TLS listener
 * @param allowAnonymous   accept connections without credentials (closed networks only)
 * @param maxMessageBytes  largest accepted PUBLISH payload
 * @param maxConnections   most simultaneous client connections on the embedded endpoint
 * @param maxQueuedPerSession most QoS 1 messages queued for an offline persistent subscriber (oldest dropped first)
 * @param broker           external broker URL ({@code tcp://host:port} or {@code ssl://host:port}); null = embedded
 * @param clientId         fixed client id at the external broker (its persistent session)
 * @param username         external broker user name
 * @param password         external broker password (set {@code HEMOWATCH_MQTT_PASSWORD}-style secrets via env, never in git)
 * @param sharedGroup      subscribe via {@code $share/<group>/...} so several instances split the load
 * @param maxReconnectSeconds ceiling of the exponential reconnect backoff
 * @param connectFreeFailures failed CONNECTs in a row from one source address, or for one key, before further
 *                         attempts are throttled (default 10; devices behind one NAT share an address)
 */
public record MqttConfig(
        Boolean enabled,
        String host,
        Integer port,
        Integer tlsPort,
        String certPath,
        String keyPath,
        Boolean allowAnonymous,
        Integer maxMessageBytes,
        Integer maxConnections,
        Integer maxQueuedPerSession,
        String broker,
        String clientId,
        String username,
        String password,
        String sharedGroup,
        Integer maxReconnectSeconds,
        Integer connectFreeFailures) {

    public static final String DEFAULT_HOST = "0.0.0.0";
    public static final int DEFAULT_PORT = 1883;
    public static final int DEFAULT_TLS_PORT = 8883;
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 64 * 1024;
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
    public static final int DEFAULT_MAX_QUEUED_PER_SESSION = 1000;
    public static final String DEFAULT_CLIENT_ID = "hemowatch";
    public static final int DEFAULT_MAX_RECONNECT_SECONDS = 60;
    public static final int DEFAULT_CONNECT_FREE_FAILURES = 10;

    /** Fills the defaults; the values are checked, each naming its key, by the config validator. */
    public MqttConfig {
        enabled = enabled == null || enabled;
        host = host == null ? DEFAULT_HOST : host;
        port = port == null ? DEFAULT_PORT : port;
        tlsPort = tlsPort == null ? DEFAULT_TLS_PORT : tlsPort;
        allowAnonymous = allowAnonymous != null && allowAnonymous;
        maxMessageBytes = maxMessageBytes == null ? DEFAULT_MAX_MESSAGE_BYTES : maxMessageBytes;
        maxConnections = maxConnections == null ? DEFAULT_MAX_CONNECTIONS : maxConnections;
        maxQueuedPerSession = maxQueuedPerSession == null ? DEFAULT_MAX_QUEUED_PER_SESSION : maxQueuedPerSession;
        clientId = clientId == null ? DEFAULT_CLIENT_ID : clientId;
        maxReconnectSeconds = maxReconnectSeconds == null ? DEFAULT_MAX_RECONNECT_SECONDS : maxReconnectSeconds;
        connectFreeFailures = connectFreeFailures == null ? DEFAULT_CONNECT_FREE_FAILURES : connectFreeFailures;
        broker = broker == null || broker.isBlank() ? null : broker.trim();
    }

    /** The mode this configuration selects, with the settings of that mode only. */
    public MqttMode mode() {
        if (broker != null) {
            return new MqttMode.ExternalBroker(BrokerAddress.parse(broker), broker, clientId, username, password, sharedGroup,
                    maxReconnectSeconds, maxMessageBytes);
        }
        return new MqttMode.Embedded(host, port, tlsPort, certPath, keyPath, allowAnonymous, maxMessageBytes, maxConnections,
                maxQueuedPerSession, connectFreeFailures);
    }

    /** Defaults: embedded endpoint on 1883. */
    public static MqttConfig defaults() {
        return new MqttConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    public boolean external() {
        return broker != null;
    }

    public boolean tls() {
        return certPath != null;
    }

    /** An external broker URL split up. */
    public record BrokerAddress(String host, int port, boolean ssl) {
        public static BrokerAddress parse(String url) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(tcp|ssl|mqtt|mqtts)://([^:/]+)(?::(\\d{1,5}))?/?").matcher(url);
            if (!m.matches()) {
                throw new IllegalArgumentException("mqtt.broker must look like tcp://host:1883 or ssl://host:8883, got '" + url + "'");
            }
            boolean ssl = m.group(1).equals("ssl") || m.group(1).equals("mqtts");
            int port = m.group(3) != null ? Integer.parseInt(m.group(3)) : (ssl ? 8883 : 1883);
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("mqtt.broker port must be 1-65535, got " + port);
            }
            return new BrokerAddress(m.group(2), port, ssl);
        }
    }
}
