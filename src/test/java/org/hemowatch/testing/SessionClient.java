package org.hemowatch.testing;

import io.vertx.core.json.JsonObject;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/** A console user over HTTP without a browser: logs in, keeps the session cookie and the CSRF token. */
public final class SessionClient {

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private volatile ApiContract contract;
    private String cookie;
    private String csrf;

    public SessionClient(int port) {
        this.base = "http://127.0.0.1:" + port;
    }

    public record Response(int status, String body, List<String> setCookies, String retryAfter) {
        public JsonObject json() {
            return new JsonObject(body);
        }

        public String rule() {
            return json().getString("rule");
        }
    }

    /** A new account of {@code role} created with the admin key, logged in. */
    public static SessionClient person(int port, String adminKey, String username, String role, String password) throws Exception {
        Http.Response created = new Http(port).post("/api/v1/users", adminKey, new JsonObject().put("username", username).put("role", role)
                .put("password", password).encode());
        if (created.status() != 201) {
            throw new AssertionError("creating user " + username + ": " + created.body());
        }
        SessionClient c = new SessionClient(port);
        if (c.login(username, password).status() != 200) {
            throw new AssertionError(username + " could not log in");
        }
        return c;
    }

    /** The body of a signed decision: the comment and the signature (password, meaning). */
    public static String decision(String comment, String password, String meaning) {
        return new JsonObject().put("comment", comment)
                .put("signature", new JsonObject().put("password", password).put("meaning", meaning)).encode();
    }

    /** Logs in; on 200 keeps the cookie and the token. */
    public Response login(String username, String password) throws Exception {
        Response r = send(json("/auth/login", "POST", new JsonObject().put("username", username).put("password", password).encode(), false));
        if (r.status() == 200) {
            cookie = r.setCookies().stream().filter(c -> c.startsWith("hemowatch_session=")).findFirst().orElseThrow().split(";", 2)[0];
            csrf = r.json().getString("csrfToken");
        }
        return r;
    }

    public Response get(String path) throws Exception {
        return send(base(path).GET().build());
    }

    /** A POST with the cookie and the CSRF token. */
    public Response post(String path, String body) throws Exception {
        return send(json(path, "POST", body, true));
    }

    /** A POST with the cookie but without the CSRF token (what a forged cross-site form would send). */
    public Response postWithoutCsrf(String path, String body) throws Exception {
        return send(json(path, "POST", body, false));
    }

    public Response put(String path, String body) throws Exception {
        return send(json(path, "PUT", body, true));
    }

    public String cookie() {
        return cookie;
    }

    public String csrfToken() {
        return csrf;
    }

    /** Uses a cookie (and token) obtained elsewhere, e.g. before a restart. */
    public void use(String cookie, String csrf) {
        this.cookie = cookie;
        this.csrf = csrf;
    }

    /** Checks every response from now on against the OpenAPI document (a failure is an AssertionError). */
    public SessionClient checkedBy(ApiContract c) {
        this.contract = c;
        return this;
    }

    private HttpRequest.Builder base(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return b;
    }

    private HttpRequest json(String path, String method, String body, boolean withCsrf) {
        HttpRequest.Builder b = base(path).header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        if (withCsrf && csrf != null) {
            b.header("X-CSRF-Token", csrf);
        }
        return b.build();
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
        return new Response(r.statusCode(), r.body(), r.headers().allValues("Set-Cookie"), r.headers().firstValue("Retry-After").orElse(null));
    }
}
