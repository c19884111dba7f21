package org.hemowatch.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Conditional GETs (RFC 9110 §13.1.2, §8.8.3): a response built from a version of the inventory
 * carries that version as a weak {@code ETag}; a request whose {@code If-None-Match} names it gets
 * {@code 304 Not Modified} without a body, so a polling dashboard costs one header comparison.
 * Responses are {@code Cache-Control: private, no-cache}: they depend on the caller's key, and a
 * cache must ask again each time (cheaply, with the tag).
 */
public final class Conditional {

    private Conditional() {
    }

    /** A weak entity tag of {@code parts} joined. */
    public static String etag(String... parts) {
        return "W/\"" + String.join("-", parts) + "\"";
    }

    /** Ends the request with 304 and returns true when its {@code If-None-Match} matches {@code etag}. */
    public static boolean notModified(RoutingContext ctx, String etag) {
        String header = ctx.request().getHeader(HttpHeaders.IF_NONE_MATCH);
        if (header == null || !matches(header, etag)) {
            return false;
        }
        ctx.response().setStatusCode(304).putHeader(HttpHeaders.ETAG, etag)
                .putHeader(HttpHeaders.CACHE_CONTROL, "private, no-cache").end();
        return true;
    }

    /** Sends a JSON body with its tag. */
    public static void json(RoutingContext ctx, String etag, Buffer body) {
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").putHeader(HttpHeaders.ETAG, etag)
                .putHeader(HttpHeaders.CACHE_CONTROL, "private, no-cache").end(body);
    }

    /** Weak comparison against a list of tags or {@code *}. */
    static boolean matches(String ifNoneMatch, String etag) {
        String wanted = opaque(etag);
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.trim();
            if (c.equals("*") || opaque(c).equals(wanted)) {
                return true;
            }
        }
        return false;
    }

    private static String opaque(String tag) {
        return tag.startsWith("W/") ? tag.substring(2) : tag;
    }
}
