package org.hemowatch.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import org.hemowatch.json.JsonMappers;

/**
 * Sends a response body that is a record (or a list or map of them), written by {@link JsonMappers#WIRE}: the JSON
 * members are the record's components, in their order. Routes build their bodies as records and answer through here.
 */
public final class Replies {

    private Replies() {
    }

    /** 200 with {@code body} as JSON. */
    public static void ok(RoutingContext ctx, Object body) {
        json(ctx, 200, body);
    }

    /** {@code status} with {@code body} as JSON. */
    public static void json(RoutingContext ctx, int status, Object body) {
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(Buffer.buffer(JsonMappers.writeWire(body)));
    }
}
