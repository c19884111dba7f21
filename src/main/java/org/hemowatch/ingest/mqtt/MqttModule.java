package org.hemowatch.ingest.mqtt;

import org.hemowatch.publish.MqttPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import org.hemowatch.auth.ApiKeys;
import org.hemowatch.ingest.ReadingIngest;
import org.hemowatch.ingest.ScanIngest;

import java.time.Clock;
import java.util.function.Predicate;

/**
 * MQTT, wired: the embedded endpoint or the external-broker bridge (by {@link MqttConfig#mode()}),
 * both behind the one {@link MqttIngress}. {@link #publisher()} is the outbound path for other
 * features (alerts): it publishes to the endpoint's subscribers or to the broker.
 */
public final class MqttModule {

    private final MqttConfig config;
    private final MqttIngress ingress;
    private final EmbeddedMqttEndpoint embedded;
    private final ExternalBrokerBridge external;

    private MqttModule(MqttConfig config, MqttIngress ingress, EmbeddedMqttEndpoint embedded, ExternalBrokerBridge external) {
        this.config = config;
        this.ingress = ingress;
        this.embedded = embedded;
        this.external = external;
        ingress.errorsTo(publisher());
    }

    public static MqttModule create(Vertx vertx, MqttConfig config, ReadingIngest readings, ScanIngest scans, ApiKeys keys,
                                    Predicate<String> knowsSite, Clock clock, MeterRegistry registry) {
        MqttMetrics metrics = new MqttMetrics(registry);
        MqttIngress ingress = new MqttIngress(vertx, readings, scans, knowsSite, clock, metrics, config.maxMessageBytes());
        if (config.mode() instanceof MqttMode.ExternalBroker broker) {
            return new MqttModule(config, ingress, null, new ExternalBrokerBridge(vertx, broker, ingress));
        }
        MqttMode.Embedded endpoint = (MqttMode.Embedded) config.mode();
        return new MqttModule(config, ingress, new EmbeddedMqttEndpoint(vertx, endpoint, ingress, keys, metrics, clock), null);
    }

    /**
     * Binds the endpoint, or starts the broker session. In external mode the future completes at once:
     * the bridge keeps retrying with backoff, so a broker that is down at start does not stop the service.
     */
    public Future<Void> start() {
        if (embedded != null) {
            return embedded.start();
        }
        external.start();
        return Future.succeededFuture();
    }

    /** The outbound path for alerts and errors in the active mode. */
    public MqttPublisher publisher() {
        return embedded != null ? embedded : external;
    }

    public MqttIngress ingress() {
        return ingress;
    }

    /** The embedded endpoint's bound port, or -1 in external mode. */
    public int port() {
        return embedded != null ? embedded.port() : -1;
    }

    /** The embedded endpoint's bound TLS port (the real one when {@code mqtt.tlsPort} is 0), or -1 without TLS or in external mode. */
    public int tlsPort() {
        return embedded != null ? embedded.tlsPort() : -1;
    }

    /** True in external mode while subscribed at the broker; in embedded mode always true once started. */
    public boolean ready() {
        return embedded != null || external.connected();
    }

    public MqttConfig config() {
        return config;
    }

    public Future<Void> close() {
        return embedded != null ? embedded.close() : external.close();
    }
}
