package org.hemowatch.cluster;

import io.vertx.core.json.JsonObject;
import org.hemowatch.testing.Http;
import org.hemowatch.testing.Receipts;
import org.hemowatch.testing.HemowatchExtension;
import org.hemowatch.testing.ServiceBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Alert writes of two instances on one PostgreSQL race (issue 15): the stored version decides. A
 * person's acknowledgement over a version the owner changed meanwhile is a 409 {@code concurrent-change}
 * with nothing applied; the owner's reminder over an acknowledgement it has not followed yet is dropped,
 * never stored over it. A stale view is made by pausing an instance's change follower.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class AlertRacesIT {

    /** Two instances on one PostgreSQL and one Mosquitto; reminders of near-expiry alerts every second, the periodic tick (which sends them) only when a test calls it. */
    @RegisterExtension
    static final HemowatchExtension cluster = ServiceBuilder.service()
            .config("alerts:\n  evaluateEverySeconds: 3600\n  policies:\n    near-expiry: {reminderInterval: PT1S}\n")
            .extension().instances(2).onPostgres();
    private Http[] http;
    private String admin;
    private final Clock clock = Clock.systemUTC();

    @BeforeAll
    void start() throws Exception {
        http = new Http[] {cluster.http(0), cluster.http(1)};
        admin = cluster.adminKey();
    }

    private record Stored(String id, long version, JsonObject json) {
    }

    private List<Stored> stored() throws Exception {
        List<Stored> out = new ArrayList<>();
        try (Connection c = cluster.sql(); PreparedStatement ps = c.prepareStatement(
                "SELECT id, version, json FROM documents WHERE collection = 'alerts' ORDER BY id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new Stored(rs.getString(1), rs.getLong(2), new JsonObject(rs.getString(3))));
            }
        }
        return out;
    }

    private Stored only() throws Exception {
        List<Stored> all = stored();
        assertThat(all).as("one alert stored").hasSize(1);
        return all.get(0);
    }

    private int owner() throws Exception {
        return http[0].get("/health/ready", null).json().getJsonArray("ownedSites").contains("main") ? 0 : 1;
    }

    private JsonObject alertOn(int i, String id) throws Exception {
        Http.Response r = http[i].get("/api/v1/alerts/" + id, admin);
        return r.status() == 200 ? r.json() : null;
    }

    private void tick(int i) throws Exception {
        cluster.instance(i).service().alerts().service().tick().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void staleAckIsRefusedWithNothingAppliedAndAStaleReminderNeverOverwritesAnAck() throws Exception {
        await().atMost(Duration.ofSeconds(8)).until(() -> http[0].get("/health/ready", null).json().getJsonArray("ownedSites").size()
                + http[1].get("/health/ready", null).json().getJsonArray("ownedSites").size() == 1);
        int owner = owner();
        int other = 1 - owner;
        Receipts.receiveAndStore(http[other], admin, "A999926200001", clock, 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> stored().size() == 1);
        String id = only().id();
        await().atMost(Duration.ofSeconds(2)).until(() -> alertOn(other, id) != null);

        // 1. the other instance is stale (follower paused) while the owner sends a reminder
        cluster.instance(other).service().follower().pause();
        Thread.sleep(1100); // the 1 s reminder is due
        tick(owner);
        Stored reminded = only();
        assertThat(reminded.json().getInteger("remindersSent")).isGreaterThanOrEqualTo(1);
        Http.Response stale = http[other].post("/api/v1/alerts/" + id + "/ack", admin, new JsonObject().put("comment", "seen").encode());
        assertThat(stale.status()).as(stale.body()).isEqualTo(409);
        assertThat(stale.json().getString("rule")).isEqualTo("concurrent-change");
        Stored afterRefusal = only();
        assertThat(afterRefusal.version()).as("nothing applied").isEqualTo(reminded.version());
        assertThat(afterRefusal.json().getString("state")).isEqualTo("OPEN");
        assertThat(afterRefusal.json().getString("ackBy")).isNull();
        // the refused instance took the stored version (although its follower is still paused): a retry is applied
        await().atMost(Duration.ofSeconds(2)).until(() -> alertOn(other, id).getLong("version") == reminded.version());
        cluster.instance(other).service().follower().resume();

        // 2. the owner is stale while the other acknowledges; the owner's next reminder must not overwrite the ack
        cluster.instance(owner).service().follower().pause();
        Http.Response ack = http[other].post("/api/v1/alerts/" + id + "/ack", admin, new JsonObject().put("comment", "moved to the front").encode());
        assertThat(ack.status()).as(ack.body()).isBetween(200, 201);
        Stored acked = only();
        assertThat(acked.json().getString("state")).isEqualTo("ACKNOWLEDGED");
        Thread.sleep(1100); // in the owner's stale view the alert is OPEN with a reminder due
        tick(owner);
        Stored afterTick = only();
        assertThat(afterTick.version()).as("the reminder was not stored").isEqualTo(acked.version());
        assertThat(afterTick.json().getString("state")).isEqualTo("ACKNOWLEDGED");
        assertThat(afterTick.json().getString("ackBy")).isEqualTo(acked.json().getString("ackBy"));
        await().atMost(Duration.ofSeconds(2)).until(() -> "ACKNOWLEDGED".equals(alertOn(owner, id).getString("state")));
        cluster.instance(owner).service().follower().resume();
        tick(owner);
        assertThat(only().json().getString("state")).isEqualTo("ACKNOWLEDGED");
    }
}
