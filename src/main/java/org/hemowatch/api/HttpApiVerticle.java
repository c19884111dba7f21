package org.hemowatch.api;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * The HTTP API: {@code /api/v1/*} behind API-key or session auth, {@code /auth/*} (console login),
 * {@code /health/*} and {@code /metrics} open. {@link #start()} completes when the port is bound.
 */
public final class HttpApiVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(HttpApiVerticle.class);

    private final ApiServices services;
    private final String host;
    private final int port;
    private final long bodyLimit;
    private final List<ApiRoutes> extraApiRoutes;
    private HttpServer server;

    /**
     * @param extraApiRoutes features that add routes under {@code /api/v1} (they run after authentication)
     */
    public HttpApiVerticle(ApiServices services, String host, int port, long bodyLimit, List<ApiRoutes> extraApiRoutes) {
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
        AuthHandler auth = new AuthHandler(services.keys(), services.accounts(), services.metrics().registry(), services.clock());
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

        root.route().failureHandler(problems);
        root.errorHandler(404, ctx -> ProblemHandler.send(ctx.response(), ApiProblem.notFound("not-found",
                "no route for " + ctx.request().method() + " " + ctx.request().path())));
        root.errorHandler(405, ctx -> ProblemHandler.send(ctx.response(), ProblemHandler.fromStatus(405, null)));

        return vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port))
                .requestHandler(root)
                .listen()
                .onSuccess(s -> {
                    server = s;
                    LOG.info("HTTP API listening on {}:{}", host, s.actualPort());
                });
    }

    /** The bound port (useful when configured with port 0). */
    public int actualPort() {
        return server == null ? -1 : server.actualPort();
    }
}
