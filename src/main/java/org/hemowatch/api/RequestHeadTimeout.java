package org.hemowatch.api;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.LastHttpContent;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.net.impl.ConnectionBase;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The request-head timeout (against slowloris: a client that keeps a connection by sending its header
 * lines a byte at a time, each byte well inside the idle timeout). A client has {@code timeout} from the
 * first byte of a request to the end of its head; otherwise the connection is closed and counted.
 * Waiting between requests on a kept-alive connection is the idle timeout's business, not this one's; a
 * connection upgraded away from HTTP/1.x (h2c, WebSocket) drops the handlers at its next read.
 *
 * <pre>
 *   IDLE  --bytes arrive--------------&gt; HEAD   (deadline = now + timeout)
 *   HEAD  --request head decoded------&gt; BODY   (deadline cancelled)
 *   HEAD  --deadline passes-----------&gt; closed (onTimeout)
 *   BODY  --last content decoded------&gt; IDLE
 * </pre>
 * Two small Netty handlers around the connection's HTTP decoder see the bytes (before it) and the decoded
 * request heads (after it); vertx-core has no public hook for either, so the connection's channel is
 * reached through {@link ConnectionBase} (Vert.x 5.0.8, the one version this project builds with).
 */
final class RequestHeadTimeout {

    /** The Vert.x HTTP/1.x server pipeline's decoder (HttpServerConnectionInitializer). */
    static final String DECODER = "httpDecoder";
    private static final String BYTES = "hemowatch-head-bytes";
    private static final String DECODED = "hemowatch-head-decoded";

    private enum State { IDLE, HEAD, BODY }

    private final long timeoutNanos;
    private final Runnable onTimeout;
    private State state = State.IDLE;
    private ScheduledFuture<?> deadline;

    private RequestHeadTimeout(Duration timeout, Runnable onTimeout) {
        this.timeoutNanos = timeout.toNanos();
        this.onTimeout = onTimeout;
    }

    /** Installs the timeout on an HTTP/1.x connection (other connections are left alone). */
    static void install(HttpConnection connection, Duration timeout, Runnable onTimeout) {
        if (connection instanceof ConnectionBase c) {
            install(c.channel().pipeline(), timeout, onTimeout);
        }
    }

    /** Installs the timeout around the pipeline's {@link #DECODER}, if it has one. */
    static void install(ChannelPipeline pipeline, Duration timeout, Runnable onTimeout) {
        if (pipeline.get(DECODER) == null) {
            return;
        }
        RequestHeadTimeout t = new RequestHeadTimeout(timeout, onTimeout);
        pipeline.addBefore(DECODER, BYTES, t.new Bytes());
        pipeline.addAfter(DECODER, DECODED, t.new Decoded());
    }

    /** Before the decoder: the first bytes of a request start the clock. */
    private final class Bytes extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (ctx.pipeline().get(DECODER) == null) {
                // upgraded (h2c, WebSocket): no HTTP/1.x heads any more on this connection
                cancel();
                ctx.pipeline().remove(DECODED);
                ctx.pipeline().remove(this);
            } else if (state == State.IDLE && msg instanceof ByteBuf b && b.isReadable()) {
                state = State.HEAD;
                deadline = ctx.executor().schedule(() -> {
                    if (state == State.HEAD && ctx.channel().isActive()) {
                        onTimeout.run();
                        ctx.channel().close();
                    }
                }, timeoutNanos, TimeUnit.NANOSECONDS);
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            cancel();
            ctx.fireChannelInactive();
        }
    }

    /** After the decoder: a decoded head stops the clock; the end of its body waits for the next request. */
    private final class Decoded extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpRequest) {
                cancel();
                state = State.BODY;
            }
            if (msg instanceof LastHttpContent) {
                state = State.IDLE;
            }
            ctx.fireChannelRead(msg);
        }
    }

    private void cancel() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }
}
