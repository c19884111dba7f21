package org.hemowatch.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import io.micrometer.core.instrument.Counter;
import io.vertx.core.VertxOptions;
import io.vertx.core.datagram.DatagramSocketOptions;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.metrics.MetricsOptions;
import io.vertx.core.net.NetClientOptions;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.core.spi.metrics.ClientMetrics;
import io.vertx.core.spi.metrics.DatagramSocketMetrics;
import io.vertx.core.spi.metrics.EventBusMetrics;
import io.vertx.core.spi.metrics.HttpClientMetrics;
import io.vertx.core.spi.metrics.HttpServerMetrics;
import io.vertx.core.spi.metrics.PoolMetrics;
import io.vertx.core.spi.metrics.TCPMetrics;
import io.vertx.core.spi.metrics.VertxMetrics;
import io.vertx.core.json.JsonObject;
import org.hemowatch.domain.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Bytes the MQTT decoder cannot read at all (an HTTP request, a first byte with illegal header bits).
 *
 * <p>Contract:
 * <ul>
 *   <li>vertx-mqtt 5.0.8 hands such a decoder failure to the Netty pipeline ({@code fireExceptionCaught});
 *       before CONNECT the Vert.x socket has no exception handler, so Vert.x's {@code ConnectionBase} would log
 *       the failure at ERROR and nothing of ours would see it. The only public hook that sees it is the metrics
 *       SPI: {@link TCPMetrics#exceptionOccurred} on the server's socket metrics, called just before that log line
 *       on the same event-loop thread.</li>
 *   <li>This factory wraps the real one (Micrometer): every call is delegated unchanged, so the Vert.x metrics stay
 *       as they were. Only TCP (non-HTTP) server socket metrics are wrapped, and only a failure raised inside the
 *       Netty MQTT codec counts: one increment of {@code hemowatch_mqtt_protocol_errors_total}, one line at debug
 *       with the remote address escaped.</li>
 *   <li>The matching Vert.x ERROR line (same thread, same message, logger {@code ConnectionBase}) is dropped, once;
 *       every other ERROR line of that logger passes.</li>
 * </ul>
 */
final class UndecodableMqttBytes implements VertxMetricsFactory {

    private static final Logger LOG = LoggerFactory.getLogger(UndecodableMqttBytes.class);
    private static final String VERTX_CONNECTION_LOGGER = "io.vertx.core.net.impl.ConnectionBase";
    private static final String MQTT_CODEC = "io.netty.handler.codec.mqtt.";
    /** The message of the failure just counted on this thread, whose Vert.x ERROR line is to be dropped. */
    private static final ThreadLocal<String> COUNTED = new ThreadLocal<>();
    private static final TurboFilter ALREADY_COUNTED = new TurboFilter() {
        @Override
        public FilterReply decide(Marker marker, ch.qos.logback.classic.Logger logger, Level level, String format,
                                  Object[] params, Throwable t) {
            String counted = COUNTED.get();
            if (counted == null || level != Level.ERROR || !VERTX_CONNECTION_LOGGER.equals(logger.getName())
                    || !counted.equals(format)) {
                return FilterReply.NEUTRAL;
            }
            COUNTED.remove();
            return FilterReply.DENY;
        }
    };

    static {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
            context.addTurboFilter(ALREADY_COUNTED);
        }
    }

    private final VertxMetricsFactory delegate;
    private final Counter counter;

    UndecodableMqttBytes(VertxMetricsFactory delegate, Counter counter) {
        this.delegate = delegate;
        this.counter = counter;
    }

    /** Whether {@code t} was raised by the Netty MQTT codec (the decoder could not read the bytes). */
    static boolean fromMqttCodec(Throwable t) {
        for (StackTraceElement at : t.getStackTrace()) {
            if (at.getClassName().startsWith(MQTT_CODEC)) {
                return true;
            }
        }
        return false;
    }

    private void undecodable(SocketAddress remote, Throwable t) {
        counter.increment();
        String message = String.valueOf(t.getMessage());
        COUNTED.set(message);
        LOG.debug("undecodable MQTT bytes from {}: {}", LogSafe.escape(String.valueOf(remote)), LogSafe.escape(message));
    }

    @Override
    public VertxMetrics metrics(VertxOptions options) {
        VertxMetrics inner = delegate.metrics(options);
        return new VertxMetrics() {
            @Override public EventBusMetrics createEventBusMetrics() { return inner.createEventBusMetrics(); }
            @Override public HttpServerMetrics<?, ?, ?> createHttpServerMetrics(HttpServerOptions o, SocketAddress a) { return inner.createHttpServerMetrics(o, a); }
            @Override public ClientMetrics<?, ?, ?> createClientMetrics(SocketAddress a, String type, String namespace) { return inner.createClientMetrics(a, type, namespace); }
            @Override public HttpClientMetrics<?, ?, ?> createHttpClientMetrics(HttpClientOptions o) { return inner.createHttpClientMetrics(o); }
            @Override public TCPMetrics<?> createNetClientMetrics(NetClientOptions o) { return inner.createNetClientMetrics(o); }
            @Override public DatagramSocketMetrics createDatagramSocketMetrics(DatagramSocketOptions o) { return inner.createDatagramSocketMetrics(o); }
            @Override public PoolMetrics<?, ?> createPoolMetrics(String type, String name, int maxSize) { return inner.createPoolMetrics(type, name, maxSize); }
            @Override public void vertxCreated(io.vertx.core.Vertx vertx) { inner.vertxCreated(vertx); }
            @Override public boolean isMetricsEnabled() { return inner.isMetricsEnabled(); }
            @Override public void close() { inner.close(); }

            @Override
            public TCPMetrics<?> createNetServerMetrics(NetServerOptions o, SocketAddress a) {
                return counting(inner.createNetServerMetrics(o, a));
            }
        };
    }

    @SuppressWarnings("unchecked")
    private <S> TCPMetrics<S> counting(TCPMetrics<S> inner) {
        TCPMetrics<S> real = inner == null ? new TCPMetrics<>() { } : inner;
        return new TCPMetrics<>() {
            @Override public S connected(SocketAddress remote, String remoteName) { return real.connected(remote, remoteName); }
            @Override public void disconnected(S socket, SocketAddress remote) { real.disconnected(socket, remote); }
            @Override public void bytesRead(S socket, SocketAddress remote, long n) { real.bytesRead(socket, remote, n); }
            @Override public void bytesWritten(S socket, SocketAddress remote, long n) { real.bytesWritten(socket, remote, n); }
            @Override public void close() { real.close(); }

            @Override
            public void exceptionOccurred(S socket, SocketAddress remote, Throwable t) {
                real.exceptionOccurred(socket, remote, t);
                if (fromMqttCodec(t)) {
                    undecodable(remote, t);
                }
            }
        };
    }

    @Override public MetricsOptions newOptions() { return delegate.newOptions(); }
    @Override public MetricsOptions newOptions(MetricsOptions options) { return delegate.newOptions(options); }
    @Override public MetricsOptions newOptions(JsonObject json) { return delegate.newOptions(json); }
}
