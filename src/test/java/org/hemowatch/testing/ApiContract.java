package org.hemowatch.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The service's OpenAPI document as a test oracle: {@link #check} finds the operation a real
 * request reached (path template, method), the documented response for its status (or
 * {@code default}) and media type, and validates the body against that JSON Schema (2020-12,
 * references resolved within the document). Anything undocumented (operation, status, media type,
 * a body where none is documented) fails as well. Every operation answered with a 2xx is
 * remembered in {@link #exercised()}.
 */
public final class ApiContract {

    private static final String IRI = "https://hemowatch.invalid/api/v1/openapi.json";
    private static final String PREFIX = "/api/v1";

    private final JsonNode doc;
    private final SchemaRegistry registry;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();
    private final Set<String> exercised = ConcurrentHashMap.newKeySet();

    private ApiContract(String json) throws Exception {
        this.doc = new ObjectMapper().readTree(json);
        this.registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12, b -> b.schemas(Map.of(IRI, json)));
    }

    public static ApiContract of(String openApiJson) {
        try {
            return new ApiContract(openApiJson);
        } catch (Exception e) {
            throw new IllegalArgumentException("not an OpenAPI document: " + e.getMessage(), e);
        }
    }

    /** Every documented operation as {@code "METHOD /template"} (templates relative to {@code /api/v1}). */
    public Set<String> operations() {
        Set<String> out = new TreeSet<>();
        doc.path("paths").properties().forEach(p -> p.getValue().properties().forEach(m ->
                out.add(m.getKey().toUpperCase(Locale.ROOT) + " " + p.getKey())));
        return out;
    }

    /** The operations a checked response answered with a 2xx status. */
    public Set<String> exercised() {
        return new TreeSet<>(exercised);
    }

    /**
     * Checks one response of a real request; requests outside {@code /api/v1} are not part of this
     * document and pass.
     *
     * @throws AssertionError saying what the document does not allow
     */
    public void check(String method, String requestPath, int status, String contentType, String body) {
        String path = requestPath.split("\\?", 2)[0];
        if (!path.startsWith(PREFIX + "/")) {
            return;
        }
        path = path.substring(PREFIX.length());
        String template = template(path);
        String what = method + " " + requestPath + " -> " + status;
        String opPointer = template == null ? null : "/paths/" + escape(template) + "/" + method.toLowerCase(Locale.ROOT);
        if (opPointer == null || doc.at(opPointer).isMissingNode()) {
            if (status == 404 || status == 405) {
                // no such route: the router's own problem
                validate(what, "/components/responses/Problem/content/application~1problem+json/schema", body);
                return;
            }
            throw new AssertionError(what + (template == null ? ": no path of the OpenAPI document matches " + path
                    : ": the document has no " + method + " " + template));
        }
        String responsePointer = opPointer + "/responses/" + status;
        if (doc.at(responsePointer).isMissingNode()) {
            responsePointer = opPointer + "/responses/default";
        }
        if (doc.at(responsePointer).isMissingNode()) {
            throw new AssertionError(what + ": status " + status + " is not documented for " + method + " " + template);
        }
        responsePointer = followRef(responsePointer);
        JsonNode content = doc.at(responsePointer + "/content");
        String media = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (content.isMissingNode()) {
            if (body != null && !body.isEmpty()) {
                throw new AssertionError(what + ": the document says no body, the service sent " + excerpt(body));
            }
        } else {
            if (content.get(media) == null) {
                throw new AssertionError(what + ": media type '" + media + "' is not documented (documented: " + names(content) + ")");
            }
            if (media.endsWith("json")) {
                validate(what, responsePointer + "/content/" + escape(media) + "/schema", body);
            }
        }
        if (status >= 200 && status < 300) {
            exercised.add(method + " " + template);
        }
    }

    private void validate(String what, String schemaPointer, String body) {
        Schema schema = schemas.computeIfAbsent(schemaPointer, p -> registry.getSchema(SchemaLocation.of(IRI + "#" + fragment(p))));
        List<Error> errors = schema.validate(body, InputFormat.JSON);
        if (!errors.isEmpty()) {
            throw new AssertionError(what + ": the body does not match " + schemaPointer + ": " + errors + "\nbody: " + excerpt(body));
        }
    }

    /** The template that matches, the one with most literal segments first ({@code /users/me/password} before {@code /users/{username}/password}). */
    private String template(String path) {
        String[] segs = path.split("/", -1);
        String best = null;
        int bestLiterals = -1;
        for (Iterator<String> it = doc.path("paths").fieldNames(); it.hasNext(); ) {
            String t = it.next();
            String[] ts = t.split("/", -1);
            if (ts.length != segs.length) {
                continue;
            }
            int literals = 0;
            boolean match = true;
            for (int i = 0; i < ts.length && match; i++) {
                if (ts[i].startsWith("{") && ts[i].endsWith("}")) {
                    match = !segs[i].isEmpty();
                } else {
                    match = ts[i].equals(segs[i]);
                    literals++;
                }
            }
            if (match && literals > bestLiterals) {
                best = t;
                bestLiterals = literals;
            }
        }
        return best;
    }

    /** Follows an OpenAPI Reference Object ({@code $ref} to {@code #/components/responses/...}). */
    private String followRef(String pointer) {
        JsonNode ref = doc.at(pointer + "/$ref");
        return ref.isTextual() && ref.asText().startsWith("#") ? ref.asText().substring(1) : pointer;
    }

    private static String names(JsonNode o) {
        StringBuilder b = new StringBuilder();
        o.fieldNames().forEachRemaining(n -> b.append(b.isEmpty() ? "" : ", ").append(n));
        return b.toString();
    }

    /** A JSON Pointer reference token (RFC 6901 §4). */
    private static String escape(String token) {
        return token.replace("~", "~0").replace("/", "~1");
    }

    /** A JSON Pointer as a URI fragment (RFC 6901 §6): characters a fragment may not hold are percent-encoded. */
    private static String fragment(String pointer) {
        StringBuilder b = new StringBuilder();
        for (byte c : pointer.getBytes(StandardCharsets.UTF_8)) {
            int ch = c & 0xff;
            if (Character.isLetterOrDigit(ch) && ch < 128 || "/~-._!$&'()*,;=:@".indexOf(ch) >= 0) {
                b.append((char) ch);
            } else {
                b.append('%').append(String.format("%02X", ch));
            }
        }
        return b.toString();
    }

    private static String excerpt(String body) {
        return body.length() > 600 ? body.substring(0, 600) + "…" : body;
    }
}
