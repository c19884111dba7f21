package org.hemowatch.ingest.mqtt;

/**
 * The two exclusive ways the service speaks MQTT, each with only the settings that mode reads
 * ({@link MqttConfig#mode()} picks one: {@code mqtt.broker} set means an external broker).
 */
public sealed interface MqttMode {

    /** Largest accepted PUBLISH payload, in either mode. */
    int maxMessageBytes();

    /**
     * The service is the broker devices connect to.
     *
     * @param tlsPort  used only when {@code certPath} and {@code keyPath} are set ({@link #tls()})
     */
    record Embedded(String host, int port, int tlsPort, String certPath, String keyPath, boolean allowAnonymous,
                    int maxMessageBytes, int maxConnections, int maxQueuedPerSession, int connectFreeFailures) implements MqttMode {

        public boolean tls() {
            return certPath != null;
        }
    }

    /** The service subscribes at a broker the devices publish to. */
    record ExternalBroker(MqttConfig.BrokerAddress address, String url, String clientId, String username, String password,
                          String sharedGroup, int maxReconnectSeconds, int maxMessageBytes) implements MqttMode {
    }
}
