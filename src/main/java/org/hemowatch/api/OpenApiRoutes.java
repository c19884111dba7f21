package org.hemowatch.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import org.hemowatch.json.JsonMappers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /api/v1/openapi.json}: the API's OpenAPI 3.1 document, written as {@code api/openapi.yaml}
 * in the jar and converted to JSON once at start. Mounted before authentication: the contract is
 * public (it names no data), so clients and tools can read it without a key.
 */
final class OpenApiRoutes {

    static final String RESOURCE = "/api/openapi.yaml";

    void mount(Router api) {
        Buffer body = Buffer.buffer(document().toString());
        api.get("/openapi.json").handler(ctx -> ctx.response().putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-cache").end(body));
    }

    /** The document as read from the jar. */
    static JsonNode document() {
        try (InputStream in = OpenApiRoutes.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the jar");
            }
            return JsonMappers.CONFIG.readTree(in); // a YAML file shipped in the jar, like the product table
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
