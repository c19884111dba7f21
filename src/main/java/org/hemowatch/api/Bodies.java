package org.hemowatch.api;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import org.hemowatch.domain.FreeText;
import org.hemowatch.domain.Ids;

/** Reading JSON request bodies with errors that say which field is wrong. */
public final class Bodies {

    private Bodies() {
    }

    public static JsonObject object(RoutingContext ctx) {
        String type = ctx.request().getHeader("Content-Type");
        if (type != null && !type.toLowerCase().startsWith("application/json")) {
            throw new ApiProblem(415, "unsupported-media-type", "send the body as application/json, not " + type);
        }
        if (ctx.body() == null || ctx.body().length() == 0) {
            throw ApiProblem.badRequest("body-required", "the request needs a JSON object body");
        }
        try {
            Object value = ctx.body().asJsonObject();
            if (value == null) {
                throw ApiProblem.badRequest("body-required", "the request needs a JSON object body");
            }
            return (JsonObject) value;
        } catch (DecodeException | ClassCastException e) {
            throw ApiProblem.badRequest("malformed-json", "the request body is not a valid JSON object");
        }
    }

    public static String optionalString(JsonObject body, String field) {
        Object v = body.getValue(field);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw ApiProblem.badRequest("field-type", "'" + field + "' must be a string");
        }
        return s.isBlank() ? null : s;
    }

    /** An optional id (site, device, scanner, station): the one id pattern of {@link Ids}, rule {@code bad-id}. */
    public static String optionalId(JsonObject body, String field) {
        String s = optionalString(body, field);
        if (s != null && !Ids.valid(s)) {
            throw ApiProblem.badRequest(Ids.RULE, "'" + field + "' must be an id: " + Ids.DESCRIPTION);
        }
        return s;
    }

    /** Optional free text: at most {@link FreeText#MAX_LENGTH} characters, no control characters; rule {@code bad-text}. */
    public static String optionalText(JsonObject body, String field) {
        String s = optionalString(body, field);
        String problem = FreeText.problem(s);
        if (problem != null) {
            throw ApiProblem.badRequest(FreeText.RULE, "'" + field + "' must be free text of " + problem);
        }
        return s;
    }

    public static String requiredText(JsonObject body, String field) {
        requiredString(body, field);
        return optionalText(body, field);
    }

    public static String requiredString(JsonObject body, String field) {
        String s = optionalString(body, field);
        if (s == null) {
            throw ApiProblem.badRequest("field-required", "'" + field + "' is required");
        }
        return s;
    }
}
