package org.hemowatch.testing;

import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A small blocking JDK HTTP client for end-to-end tests over a real socket. */
public final class Http {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private volatile ApiContract contract;

    public Http(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public record Response(int status, String contentType, String body, java.net.http.HttpHeaders headers) {
        public JsonObject json() {
            return new JsonObject(body);
        }

        /** The value of a response header, or null. */
        public String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    public Response get(String path, String key) throws Exception {
        return send(builder(path, key).GET().build());
    }

    /** A GET with extra request headers, name and value in turn (e.g. {@code "If-None-Match", tag}). */
    public Response get(String path, String key, String... headers) throws Exception {
        HttpRequest.Builder b = builder(path, key).GET();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return send(b.build());
    }

    public Response post(String path, String key, String json) throws Exception {
        return send(builder(path, key).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    /** {@code POST /api/v1/scans} of one read; {@code location} and {@code destination} may be null. */
    public Response scan(String key, String action, String data, String location, String destination) throws Exception {
        JsonObject body = new JsonObject().put("action", action).put("data", data);
        if (location != null) {
            body.put("location", location);
        }
        if (destination != null) {
            body.put("destination", destination);
        }
        return post("/api/v1/scans", key, body.encode());
    }

    public Response put(String path, String key, String json) throws Exception {
        return send(builder(path, key).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public Response delete(String path, String key) throws Exception {
        return send(builder(path, key).DELETE().build());
    }

    /** A client whose every response is checked against the OpenAPI document the service serves. */
    public static Http checkedByOpenApi(int port) throws Exception {
        FhirValidation.warmUp(); // its FHIR answers are validated too
        Http http = new Http(port);
        Response doc = http.get("/api/v1/openapi.json", null);
        if (doc.status() != 200) {
            throw new AssertionError("GET /api/v1/openapi.json answered " + doc.status());
        }
        return http.checkedBy(ApiContract.of(doc.body()));
    }

    /** Checks every response from now on against the OpenAPI document (a failure is an AssertionError). */
    public Http checkedBy(ApiContract c) {
        this.contract = c;
        return this;
    }

    private HttpRequest.Builder builder(String path, String key) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        return b;
    }

    private Response send(HttpRequest request) throws Exception {
        HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
        String type = r.headers().firstValue("Content-Type").orElse("");
        if (type.startsWith("application/fhir+json")) {
            FhirValidation.assertValid(request.method() + " " + request.uri() + " -> " + r.statusCode(), r.body());
        }
        ApiContract c = contract;
        if (c != null) {
            c.check(request.method(), request.uri().getPath(), r.statusCode(), r.headers().firstValue("Content-Type").orElse(null), r.body());
        }
        return new Response(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body(), r.headers());
    }
}
