package org.hemowatch.api;

import org.hemowatch.domain.rule.Rejection;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import io.vertx.core.buffer.Buffer;
import org.hemowatch.json.JsonMappers;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.HttpException;
import org.hemowatch.domain.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * The single place where failures become HTTP responses: {@code application/problem+json} with
 * {@code type}, {@code title}, {@code status}, {@code detail} and {@code rule}.
 * Unexpected exceptions are logged and answered with 500 without internals.
 */
public final class ProblemHandler implements Handler<RoutingContext> {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemHandler.class);

    @Override
    public void handle(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        ApiProblem problem = toProblem(ctx.statusCode(), failure);
        if (problem.status() >= 500) {
            LOG.error("{} {} failed", ctx.request().method(), LogSafe.escape(ctx.request().path()), failure);
        }
        send(ctx.response(), problem);
    }

    static ApiProblem toProblem(int statusCode, Throwable failure) {
        if (failure instanceof ApiProblem p) {
            return p;
        }
        Rejection ingest = failure == null ? null : Rejection.of(failure).orElse(null);
        if (ingest != null) {
            return new ApiProblem(ingest.kind().httpStatus(), ingest.rule(), ingest.message());
        }
        if (failure instanceof DecodeException) {
            return ApiProblem.badRequest("malformed-json", "the request body is not valid JSON");
        }
        if (failure instanceof HttpException h) {
            return fromStatus(h.getStatusCode(), h.getPayload());
        }
        if (failure == null && statusCode > 0) {
            return fromStatus(statusCode, null);
        }
        return new ApiProblem(500, "internal-error", "the request failed unexpectedly; see the service log");
    }

    static ApiProblem fromStatus(int status, String payload) {
        return switch (status) {
            case 400 -> ApiProblem.badRequest("bad-request", payload != null ? payload : "the request is malformed");
            case 401 -> new ApiProblem(401, "unauthorized", "send an API key as 'Authorization: Bearer <key>'");
            case 403 -> ApiProblem.forbidden("forbidden", "this API key may not do that");
            case 404 -> ApiProblem.notFound("not-found", "no such resource");
            case 405 -> new ApiProblem(405, "method-not-allowed", "this resource does not support that method");
            case 413 -> new ApiProblem(413, "payload-too-large", "the request body is larger than the configured limit");
            case 414 -> new ApiProblem(414, "uri-too-long", "the request line is longer than the server accepts");
            case 415 -> new ApiProblem(415, "unsupported-media-type", "send application/json");
            case 431 -> new ApiProblem(431, "headers-too-large", "the request headers are larger than the server accepts");
            default -> new ApiProblem(status, "http-" + status, payload != null ? payload : "request failed");
        };
    }

    static void send(HttpServerResponse response, ApiProblem p) {
        if (response.ended() || response.headWritten()) {
            return;
        }
        Problem body = new Problem("urn:hemowatch:problem:" + p.rule(), title(p.status()), p.status(), p.getMessage(), p.rule(),
                p.extensions());
        if (p.status() == 401) {
            response.putHeader("WWW-Authenticate", "Bearer realm=\"hemowatch\"");
        }
        response.setStatusCode(p.status())
                .putHeader("Content-Type", "application/problem+json")
                .end(Buffer.buffer(JsonMappers.writeWire(body)));
    }

    /** The problem+json body (RFC 9457 §3), with {@code rule}, and the problem's extension members (§3.2) after them. */
    record Problem(String type, String title, int status, String detail, String rule, @JsonIgnore Map<String, Object> extensions) {
        @JsonAnyGetter
        Map<String, Object> members() {
            return extensions;
        }
    }

    private static String title(int status) {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 409 -> "Conflict";
            case 413 -> "Payload Too Large";
            case 414 -> "URI Too Long";
            case 415 -> "Unsupported Media Type";
            case 429 -> "Too Many Requests";
            case 431 -> "Request Header Fields Too Large";
            case 503 -> "Service Unavailable";
            default -> status >= 500 ? "Internal Server Error" : "Error";
        };
    }
}
