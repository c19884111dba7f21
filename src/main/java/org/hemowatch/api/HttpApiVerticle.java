package org.hemowatch.api;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import org.hemowatch.domain.LogSafe;
import org.hemowatch.metrics.MetricNames;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The HTTP API: {@code /api/v1/*} behind API-key or session auth, {@code /auth/*} (console login),
 * {@code /health/*} and {@code /metrics} open. {@link #start()} completes when the port is bound.
 *
 * <p>The listener's own refusals are problem+json too: a request the HTTP decoder rejects (bad
 * header bytes → 400 {@code bad-request}, request line too long → 414 {@code uri-too-long}, headers
 * too large → 431 {@code headers-too-large}) is answered with a body, counted, logged at debug only,
 * and the connection closed. A connection idle for {@link HttpGuards#idleTimeoutSeconds()} (no byte
 * either way, e.g. a half-sent request head) is closed; one whose request head is not complete
 * {@link HttpGuards#requestHeadTimeout()} after its first byte (slowloris: a byte every few seconds) too
 * ({@link RequestHeadTimeout}).
 */
public final class HttpApiVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(HttpApiVerticle.class);

    private final ApiServices services;
    private final String host;
    private final int port;
    private final long bodyLimit;
    private final List<ApiRoutes> extraApiRoutes;
    private final HttpGuards guards;
    private HttpServer server;
    private Router apiRouter;

    /**
     * @param extraApiRoutes features that add routes under {@code /api/v1} (they run after authentication)
     */
    public HttpApiVerticle(ApiServices services, String host, int port, long bodyLimit, List<ApiRoutes> extraApiRoutes, HttpGuards guards) {
        this.guards = guards;
        this.services = services;
        this.host = host;
        this.port = port;
        this.bodyLimit = bodyLimit;
        this.extraApiRoutes = List.copyOf(extraApiRoutes);
    }

    @Override
    public Future<?> start() {
        Router root = Router.router(vertx);
        ProblemHandler problems = new ProblemHandler();
        new OpsRoutes(services).mount(root);
        new ConsoleRoutes().mount(root);
        new LoginRoutes(services.accounts(), services.clock(), services.metrics().registry()).mount(root, bodyLimit);

        Router api = Router.router(vertx);
        new OpenApiRoutes().mount(api);
        AuthHandler auth = new AuthHandler(services.keys(), services.accounts(), services.metrics().registry(), guards.authFailures(), services.clock());
        api.route().handler(BodyHandler.create(false).setBodyLimit(bodyLimit));
        api.route().handler(auth.authenticate());
        new ScanRoutes(services).mount(api, auth);
        new UnitRoutes(services).mount(api, auth);
        new KeyRoutes(services).mount(api, auth);
        new UserRoutes(services).mount(api, auth);
        new AuditRoutes(services).mount(api, auth);
        extraApiRoutes.forEach(r -> r.mount(api, auth));
        api.route().failureHandler(problems);
        root.route("/api/v1/*").subRouter(api);
        apiRouter = api;

        root.route().failureHandler(problems);
        root.errorHandler(404, ctx -> ProblemHandler.send(ctx.response(), ApiProblem.notFound("not-found",
                "no route for " + ctx.request().method() + " " + ctx.request().path())));
        root.errorHandler(405, ctx -> ProblemHandler.send(ctx.response(), ProblemHandler.fromStatus(405, null)));

        MeterRegistry registry = services.metrics().registry();
        Counter headTimeouts = Counter.builder(MetricNames.HTTP_REQUEST_HEAD_TIMEOUTS)
                .description("HTTP connections closed because a request head was not complete in time").register(registry);
        // HTTP/1.1 only: with cleartext HTTP/2 on, the listener holds a connection's first bytes until it knows the
        // protocol, out of reach of the request-head timeout; no client of this API needs h2c
        return vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port).setHttp2ClearTextEnabled(false)
                        .setIdleTimeout(guards.idleTimeoutSeconds()).setIdleTimeoutUnit(TimeUnit.SECONDS))
                .connectionHandler(conn -> RequestHeadTimeout.install(conn, guards.requestHeadTimeout(), () -> {
                    headTimeouts.increment();
                    LOG.debug("closed a connection from {}: no complete request head within {}", conn.remoteAddress(), guards.requestHeadTimeout());
                }))
                .invalidRequestHandler(request -> protocolError(request, registry))
                .requestHandler(root)
                .listen()
                .onSuccess(s -> {
                    server = s;
                    LOG.info("HTTP API listening on {}:{}", host, s.actualPort());
                });
    }

    /** Answers a request the HTTP decoder refused with problem+json, then closes the connection. */
    private static void protocolError(HttpServerRequest request, MeterRegistry registry) {
        Throwable cause = request.decoderResult().cause();
        int status = cause instanceof TooLongHttpLineException ? 414 : cause instanceof TooLongHttpHeaderException ? 431 : 400;
        Counter.builder(MetricNames.HTTP_PROTOCOL_ERRORS).description("HTTP requests refused by the decoder, by status")
                .tags("status", Integer.toString(status)).register(registry).increment();
        LOG.debug("refused a malformed HTTP request ({}): {}", status, cause == null ? "-" : LogSafe.escape(String.valueOf(cause.getMessage())));
        ApiProblem problem = status == 400
                ? ApiProblem.badRequest("bad-request", "the request is not valid HTTP (header names or values with forbidden bytes?)")
                : ProblemHandler.fromStatus(status, null);
        request.response().putHeader("Connection", "close");
        ProblemHandler.send(request.response(), problem);
        request.response().endHandler(v -> request.connection().close());
    }

    /**
     * The {@code /api/v1} routes as {@code "METHOD /path"} with OpenAPI-style parameters
     * ({@code /units/{din}}), in registration order; handlers for every method (authentication,
     * body limits, failure handlers) are left out. Empty before {@link #start()}.
     */
    public List<String> apiRoutes() {
        if (apiRouter == null) {
            return List.of();
        }
        List<String> out = new java.util.ArrayList<>();
        for (io.vertx.ext.web.Route r : apiRouter.getRoutes()) {
            if (r.methods() == null || r.methods().isEmpty() || r.getPath() == null) {
                continue;
            }
            String path = r.getPath().replaceAll(":([A-Za-z0-9_]+)", "{$1}");
            r.methods().forEach(m -> out.add(m.name() + " " + path));
        }
        return out;
    }

    /** The bound port (useful when configured with port 0). */
    public int actualPort() {
        return server == null ? -1 : server.actualPort();
    }
}
