package org.hemowatch.ingest.mqtt;

/**
 * MQTT configuration ({@code mqtt.*}). Without {@code broker} the service runs its embedded
 * endpoint; with {@code broker} (e.g. {@code tcp://host:1883}) it subscribes to that broker instead.
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

    public MqttConfig {
        enabled = enabled == null || enabled;
        host = host == null ? "0.0.0.0" : host;
        port = port == null ? 1883 : port;
        tlsPort = tlsPort == null ? 8883 : tlsPort;
        allowAnonymous = allowAnonymous != null && allowAnonymous;
        maxMessageBytes = maxMessageBytes == null ? 64 * 1024 : maxMessageBytes;
        maxConnections = maxConnections == null ? 10_000 : maxConnections;
        maxQueuedPerSession = maxQueuedPerSession == null ? 1000 : maxQueuedPerSession;
        clientId = clientId == null ? "hemowatch" : clientId;
        maxReconnectSeconds = maxReconnectSeconds == null ? 60 : maxReconnectSeconds;
        connectFreeFailures = connectFreeFailures == null ? 10 : connectFreeFailures;
        broker = broker == null || broker.isBlank() ? null : broker.trim();
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("mqtt.port must be 0-65535, got " + port);
        }
        if (tlsPort < 0 || tlsPort > 65535) {
            throw new IllegalArgumentException("mqtt.tlsPort must be 0-65535, got " + tlsPort);
        }
        if ((certPath == null) != (keyPath == null)) {
            throw new IllegalArgumentException("mqtt.certPath and mqtt.keyPath must be set together");
        }
        if (maxMessageBytes < 256 || maxMessageBytes > 16 * 1024 * 1024) {
            throw new IllegalArgumentException("mqtt.maxMessageBytes must be 256 to 16777216, got " + maxMessageBytes);
        }
        if (maxConnections < 1) {
            throw new IllegalArgumentException("mqtt.maxConnections must be at least 1, got " + maxConnections);
        }
        if (maxQueuedPerSession < 0) {
            throw new IllegalArgumentException("mqtt.maxQueuedPerSession must not be negative, got " + maxQueuedPerSession);
        }
        if (maxReconnectSeconds < 1) {
            throw new IllegalArgumentException("mqtt.maxReconnectSeconds must be at least 1, got " + maxReconnectSeconds);
        }
        if (connectFreeFailures < 1 || connectFreeFailures > 1_000_000) {
            throw new IllegalArgumentException("mqtt.connectFreeFailures must be 1 to 1000000, got " + connectFreeFailures);
        }
        if (broker != null) {
            BrokerAddress.parse(broker); // throws naming mqtt.broker
        }
        if (clientId.isBlank() || clientId.length() > 64) {
            throw new IllegalArgumentException("mqtt.clientId must be 1-64 characters");
        }
        if (sharedGroup != null && !sharedGroup.matches("[A-Za-z0-9_.-]{1,64}")) {
            throw new IllegalArgumentException("mqtt.sharedGroup must be 1-64 letters, digits, '.', '_' or '-'");
        }
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
