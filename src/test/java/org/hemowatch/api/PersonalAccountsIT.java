package org.hemowatch.api;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.hemowatch.testing.ServiceBuilder;
import org.hemowatch.testing.HemowatchExtension;
import io.vertx.core.json.JsonObject;
import org.hemowatch.testing.Http;
import org.hemowatch.testing.SessionClient;
import org.hemowatch.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hemowatch.testing.Labels.DIN_1_READ;
import static org.hemowatch.testing.Labels.expiryInDays;
import static org.hemowatch.testing.Labels.O_NEG;
import static org.hemowatch.testing.Labels.RED_CELLS;
import static org.hemowatch.testing.Labels.label;

/** Personal accounts and console sessions end to end: a whole service on SQLite, over a real socket. */
@Timeout(120)
class PersonalAccountsIT {

    static final String PASSWORD = "correct horse battery";

    private final TestClock clock = new TestClock(Instant.parse("2026-11-23T10:00:00Z"));
    @RegisterExtension
    final HemowatchExtension service = ServiceBuilder.service().clock(clock).extension();
    private Http http;
    private String admin;

    @BeforeEach
    void start() throws Exception {
        http = new Http(service.httpPort());
        admin = service.adminKey();
    }

    private Http.Response addUser(String name, String role, String password) throws Exception {
        return http.post("/api/v1/users", admin, new JsonObject().put("username", name).put("role", role).put("password", password).encode());
    }

    private SessionClient loggedIn(String name) throws Exception {
        SessionClient c = new SessionClient(service.httpPort());
        assertThat(c.login(name, PASSWORD).status()).isEqualTo(200);
        return c;
    }

    @Test
    void refusesShortCommonAndUsernamePasswordsAndCreatesNobody() throws Exception {
        assertThat(addUser("alice", "technician", "short").json().getString("rule")).isEqualTo("password-too-short");
        assertThat(addUser("alice", "technician", "Password1234").json().getString("rule")).isEqualTo("password-common");
        assertThat(addUser("alice", "technician", "alice-is-my-password").json().getString("rule")).isEqualTo("password-contains-username");
        assertThat(addUser("alice", "device", PASSWORD).json().getString("rule")).isEqualTo("unknown-role");

        assertThat(http.get("/api/v1/users", admin).json().getJsonArray("items")).isEmpty();
    }

    @Test
    void logsInWithAnHttpOnlyStrictCookieAndUsesItOnTheApi() throws Exception {
        assertThat(addUser("alice", "technician", PASSWORD).status()).isEqualTo(201);
        SessionClient alice = new SessionClient(service.httpPort());

        SessionClient.Response r = alice.login("Alice", PASSWORD);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().getString("user")).isEqualTo("alice");
        assertThat(r.json().getString("role")).isEqualTo("technician");
        assertThat(r.json().getString("csrfToken")).hasSizeGreaterThan(30);
        String setCookie = r.setCookies().get(0);
        assertThat(setCookie).startsWith("hemowatch_session=").containsIgnoringCase("HttpOnly").contains("SameSite=Strict").contains("Path=/")
                .doesNotContain("Secure");
        assertThat(alice.get("/api/v1/units").status()).isEqualTo(200);
        assertThat(alice.get("/auth/session").json().getString("csrfToken")).isEqualTo(alice.csrfToken());
        // the password and its hash are never in an answer
        assertThat(http.get("/api/v1/users", admin).body()).doesNotContain(PASSWORD).doesNotContain("argon2");
    }

    @Test
    void refusesAChangeMadeWithTheCookieButWithoutTheCsrfTokenAndChangesNothing() throws Exception {
        addUser("alice", "technician", PASSWORD);
        SessionClient alice = loggedIn("alice");
        String scan = new JsonObject().put("action", "RECEIVE").put("data", label(DIN_1_READ, O_NEG, RED_CELLS, expiryInDays(clock, 3))).encode();

        SessionClient.Response forged = alice.postWithoutCsrf("/api/v1/scans", scan);

        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.rule()).isEqualTo("csrf-token-invalid");
        assertThat(alice.get("/api/v1/units").json().getInteger("total")).isZero();
        assertThat(alice.post("/api/v1/scans", scan).status()).isEqualTo(201);
        assertThat(alice.get("/api/v1/units").json().getInteger("total")).isEqualTo(1);
    }

    @Test
    void throttlesRepeatedFailuresPerUserEvenForTheRightPasswordAndCountsThem() throws Exception {
        addUser("alice", "technician", PASSWORD);
        SessionClient c = new SessionClient(service.httpPort());
        for (int i = 0; i < 5; i++) {
            assertThat(c.login("alice", "wrong password " + i).rule()).isEqualTo("login-failed");
        }

        SessionClient.Response locked = c.login("alice", PASSWORD);

        assertThat(locked.status()).isEqualTo(429);
        assertThat(locked.rule()).isEqualTo("login-throttled");
        assertThat(Integer.parseInt(locked.retryAfter())).isPositive();
        String metrics = http.get("/metrics", null).body();
        assertThat(metrics).contains("hemowatch_auth_login_failures_total{reason=\"bad-credentials\"} 5.0")
                .contains("hemowatch_auth_login_failures_total{reason=\"throttled-user\"} 1.0");
        clock.advance(Duration.ofMinutes(6));
        assertThat(c.login("alice", PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void anUnknownUserAndAWrongPasswordGetTheSameAnswer() throws Exception {
        addUser("alice", "technician", PASSWORD);
        SessionClient c = new SessionClient(service.httpPort());
        SessionClient.Response unknown = c.login("nobody", PASSWORD);
        SessionClient.Response wrong = c.login("alice", "not the password");
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.body()).isEqualTo(wrong.body());
    }

    @Test
    void endsASessionAfterFifteenIdleMinutesButNotWhileItIsUsed() throws Exception {
        addUser("alice", "technician", PASSWORD);
        SessionClient alice = loggedIn("alice");
        for (int i = 0; i < 3; i++) {
            clock.advance(Duration.ofMinutes(10));
            assertThat(alice.get("/api/v1/units").status()).isEqualTo(200);
        }

        clock.advance(Duration.ofMinutes(15));

        assertThat(alice.get("/api/v1/units").rule()).isEqualTo("session-expired");
    }

    @Test
    void endsASessionAtItsAbsoluteLifetimeHoweverBusy() throws Exception {
        addUser("alice", "technician", PASSWORD);
        SessionClient alice = loggedIn("alice");
        for (int i = 0; i < 12 * 6 - 1; i++) {
            clock.advance(Duration.ofMinutes(10));
            assertThat(alice.get("/auth/session").status()).isEqualTo(200);
        }
        clock.advance(Duration.ofMinutes(10));
        assertThat(alice.get("/api/v1/units").status()).isEqualTo(401);
    }

    @Test
    void aSessionSurvivesARestartAndEndsAtLogout() throws Exception {
        addUser("alice", "technician", PASSWORD);
        SessionClient alice = loggedIn("alice");
        service.restart();
        SessionClient again = new SessionClient(service.httpPort());
        again.use(alice.cookie(), alice.csrfToken());

        assertThat(again.get("/api/v1/units").status()).isEqualTo(200);
        assertThat(again.post("/auth/logout", "{}").status()).isEqualTo(204);
        assertThat(again.get("/api/v1/units").status()).isEqualTo(401);
    }

    @Test
    void anAdminResetEndsTheUsersSessionsAndTheUserCanChangeTheirOwnPassword() throws Exception {
        addUser("alice", "technician", PASSWORD);
        SessionClient alice = loggedIn("alice");

        assertThat(http.post("/api/v1/users/alice/password", admin, new JsonObject().put("password", "a new one from the admin").encode())
                .status()).isEqualTo(204);

        assertThat(alice.get("/api/v1/units").status()).isEqualTo(401);
        assertThat(alice.login("alice", PASSWORD).status()).isEqualTo(401);
        assertThat(alice.login("alice", "a new one from the admin").status()).isEqualTo(200);
        assertThat(alice.post("/api/v1/users/me/password", new JsonObject().put("currentPassword", "wrong")
                .put("newPassword", "my very own secret").encode()).rule()).isEqualTo("password-wrong");
        assertThat(alice.post("/api/v1/users/me/password", new JsonObject().put("currentPassword", "a new one from the admin")
                .put("newPassword", "my very own secret").encode()).status()).isEqualTo(204);
        assertThat(new SessionClient(service.httpPort()).login("alice", "my very own secret").status()).isEqualTo(200);
    }

    @Test
    void aHospitalUserMayReadStockButNotScan() throws Exception {
        addUser("hugo", "hospital", PASSWORD);
        SessionClient hugo = loggedIn("hugo");
        assertThat(hugo.get("/api/v1/stock").status()).isEqualTo(200);
        assertThat(hugo.post("/api/v1/scans", "{\"data\":\"x\"}").rule()).isEqualTo("role-forbidden");
    }

    @Test
    void deletingAUserEndsTheirSessions() throws Exception {
        addUser("alice", "technician", PASSWORD);
        SessionClient alice = loggedIn("alice");
        assertThat(http.delete("/api/v1/users/alice", admin).status()).isEqualTo(204);
        assertThat(alice.get("/api/v1/units").status()).isEqualTo(401);
        assertThat(http.get("/api/v1/users", admin).json().getJsonArray("items")).isEmpty();
    }
}
