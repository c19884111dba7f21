package org.hemowatch.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The technician console, served from the jar: {@code /} is the page (it shows the login form when
 * {@code GET /auth/session} says there is no session), {@code /console/*} its modules, styles and
 * message bundles, {@code /webjars/*} third-party assets (uPlot) from WebJars.
 *
 * <p>Every response carries a Content-Security-Policy without {@code unsafe-inline} or
 * {@code unsafe-eval}: scripts, styles and connections only from this origin, no framing.
 * Cache: the page is revalidated every time ({@code no-cache}), console assets for five minutes
 * with an ETag, versioned WebJar paths for a year.
 */
final class ConsoleRoutes {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    void mount(Router root) {
        Buffer page = page();
        root.get("/").handler(ctx -> secure(ctx.response()).putHeader("Cache-Control", "no-cache")
                .putHeader("Content-Type", "text/html; charset=utf-8").end(page));
        root.route("/console/*").handler(ctx -> {
            secure(ctx.response());
            ctx.next();
        }).handler(StaticHandler.create("console").setCachingEnabled(true).setMaxAgeSeconds(300)
                .setDefaultContentEncoding("UTF-8").setIncludeHidden(false).setDirectoryListing(false));
        root.route("/webjars/*").handler(ctx -> {
            secure(ctx.response());
            ctx.next();
        }).handler(StaticHandler.create("META-INF/resources/webjars").setCachingEnabled(true)
                .setMaxAgeSeconds(365L * 24 * 3600).setDirectoryListing(false));
    }

    private static Buffer page() {
        try (InputStream in = ConsoleRoutes.class.getResourceAsStream("/console/index.html")) {
            if (in == null) {
                throw new IllegalStateException("console/index.html is missing from the jar");
            }
            return Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpServerResponse secure(HttpServerResponse r) {
        return r.putHeader("Content-Security-Policy", CSP)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("X-Frame-Options", "DENY");
    }
}
