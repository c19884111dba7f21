package org.hemowatch.ingest.mqtt;

import io.netty.channel.ChannelPipeline;
import io.netty.handler.flush.FlushConsolidationHandler;
import io.vertx.core.internal.net.NetSocketInternal;
import io.vertx.mqtt.MqttEndpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.reflect.Field;

/**
 * Puts Netty's {@link FlushConsolidationHandler} in front of an embedded-endpoint connection, so the
 * PUBACKs that one commit releases (often hundreds on one connection, written in one pass on the event
 * loop) leave in one socket write instead of one {@code write(2)} each: Vert.x flushes every write made
 * outside a read. The flush is only deferred to the end of the current event-loop task (at most
 * {@value #MAX_DEFERRED} writes), never past it, so no acknowledgement waits for more traffic.
 *
 * <p>vertx-mqtt 5.0.8 has no public access to a connection's pipeline; this reads the endpoint's
 * connection field. When that is not possible (another vertx-mqtt), the connection works as before,
 * one flush per write, and this says so once at debug level.
 */
final class FlushConsolidation {

    private static final Logger LOG = LoggerFactory.getLogger(FlushConsolidation.class);
    static final int MAX_DEFERRED = 256;
    private static final String NAME = "hemowatch-flush-consolidation";
    private static final Field CONNECTION = connectionField();

    private FlushConsolidation() {
    }

    /** Installs the handler on {@code ep}'s channel; returns whether it is in place. Call on the connection's event loop. */
    static boolean install(MqttEndpoint ep) {
        if (CONNECTION == null || !CONNECTION.getDeclaringClass().isInstance(ep)) {
            return false;
        }
        try {
            ChannelPipeline p = ((NetSocketInternal) CONNECTION.get(ep)).channelHandlerContext().pipeline();
            if (p.get(NAME) == null) {
                p.addFirst(NAME, new FlushConsolidationHandler(MAX_DEFERRED, true));
            }
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("MQTT: flushes are not consolidated on this connection", e);
            return false;
        }
    }

    private static Field connectionField() {
        try {
            Field f = Class.forName("io.vertx.mqtt.impl.MqttEndpointImpl").getDeclaredField("conn");
            if (!NetSocketInternal.class.isAssignableFrom(f.getType())) {
                return null;
            }
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("MQTT: this vertx-mqtt gives no access to its connections; flushes are not consolidated", e);
            return null;
        }
    }
}
