package org.hemowatch.cluster;

import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.mqtt.MqttClient;
import io.vertx.mqtt.MqttClientOptions;
import io.vertx.core.json.JsonArray;
import org.hemowatch.testing.HemowatchExtension;
import org.hemowatch.testing.Receipts;
import org.hemowatch.testing.ServiceBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One owner per site for the cold chain (issue 15), with real parts: two Hemowatch processes on one
 * embedded PostgreSQL and one Mosquitto, on the shared subscription {@code $share/hw/...}, so each
 * fridge's readings are split between them. Fridges with short configured limits (excursion after
 * 3 s outside 2–6 °C, offline after 6 s of silence, tick every second) keep the test in seconds.
 * <ol>
 *   <li>the readings of fridge-1 reach both instances, yet its excursion is started once, by the
 *       owner: one excursion record, one alert, each unit in it quarantined once; the other instance
 *       never starts an excursion, but its view follows the owner's, so a unit stored through it into
 *       the fridge is quarantined on arrival;</li>
 *   <li>the owner is killed with SIGKILL during that excursion while fridge-2 falls silent at the
 *       same moment: the survivor takes the site over, rebuilds it from the database and continues the
 *       excursion (no second record, alert or quarantine), and raises fridge-2 offline exactly once.</li>
 * </ol>
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ColdChainOwnerIT {

    private static final String CONFIG = """
            coldChain:
              tick: PT1S
              devices:
                - {id: fridge-1, kind: refrigerator, excursionDelay: PT3S, recoveryConfirmation: PT2S, expectedInterval: PT2S}
                - {id: fridge-2, kind: refrigerator, excursionDelay: PT3S, recoveryConfirmation: PT2S, expectedInterval: PT2S}
            """;
    private static final Pattern STARTED = Pattern.compile("temperature excursion main/fridge-1@\\S+: ");

    /** Two child processes on one PostgreSQL and one Mosquitto, each with the fridges above. */
    @RegisterExtension
    static final HemowatchExtension cluster = ServiceBuilder.service().config(CONFIG).extension().instances(2).onPostgres().asProcesses();
    private Vertx vertx;
    private MqttClient device;
    /** What each fridge reports every 200 ms; absent = silent. */
    private final Map<String, Double> temps = new ConcurrentHashMap<>();
    private final AtomicLong seq = new AtomicLong();

    @BeforeAll
    void start() throws Exception {
        vertx = Vertx.vertx();
        device = MqttClient.create(vertx, new MqttClientOptions().setClientId("site-gateway"));
        device.connect(cluster.broker().port(), "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        vertx.setPeriodic(200, t -> temps.forEach((fridge, tempC) -> device.publish("hemowatch/v1/main/devices/" + fridge + "/readings",
                Buffer.buffer("{\"seq\":" + seq.incrementAndGet() + ",\"tempC\":" + tempC + "}"), MqttQoS.AT_LEAST_ONCE, false, false)));
    }

    @AfterAll
    void stop() throws Exception {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    private boolean owns(int i) throws Exception {
        return cluster.http(i).get("/health/ready", null).json().getJsonArray("ownedSites", new JsonArray()).contains("main");
    }

    private long count(String sql, String... args) throws Exception {
        return cluster.count(sql, args);
    }

    /** Stored alerts of a kind for a device: {all, unresolved}. */
    private long[] alerts(String kind, String fridge) throws Exception {
        String where = "FROM documents WHERE collection = 'alerts' AND json LIKE ? AND json LIKE ?";
        String k = "%\"kind\":\"" + kind + "\"%";
        String s = "%\"subject\":\"" + fridge + "\"%";
        return new long[] {count("SELECT count(*) " + where, k, s), count("SELECT count(live_key) " + where, k, s)};
    }

    private long excursionRecords(String fridge) throws Exception {
        return count("SELECT count(*) FROM documents WHERE collection = 'excursions' AND id LIKE ?", "main/" + fridge + "@%");
    }

    private long quarantines(String din) throws Exception {
        return count("SELECT count(*) FROM unit_events WHERE din = ? AND action = 'QUARANTINE'", din);
    }

    private long accepted(int i) throws Exception {
        Matcher m = Pattern.compile("(?m)^hemowatch_readings_accepted_total\\{[^}]*site=\"main\"[^}]*} ([0-9.E]+)")
                .matcher(cluster.http(i).get("/metrics", cluster.adminKey()).body());
        double sum = 0;
        while (m.find()) {
            sum += Double.parseDouble(m.group(1));
        }
        return (long) sum;
    }

    private long startedIn(int i) throws Exception {
        return STARTED.matcher(cluster.log(i)).results().count();
    }

    @Test
    void splitReadingsRaiseOneExcursionOnTheOwnerAndTheSurvivorOfASigkillContinuesItAndFindsTheSilentFridgeOnce() throws Exception {
        await().atMost(Duration.ofSeconds(15)).until(() -> owns(0) ^ owns(1));
        int owner = owns(0) ? 0 : 1;
        int other = 1 - owner;
        String[] dins = {"A999927100001", "A999927100002"};
        for (String din : dins) {
            Receipts.receiveAndStore(cluster.http(other), cluster.adminKey(), din, Clock.systemUTC(), 30); // into fridge-1, through the instance that is not the owner
        }

        // 1. fridge-1 in range, then outside the safe range for good; fridge-2 in range
        temps.put("fridge-1", 4.0);
        temps.put("fridge-2", 4.0);
        await().atMost(Duration.ofSeconds(10)).until(() -> accepted(0) > 5 && accepted(1) > 5);
        temps.put("fridge-1", 7.5);
        await().atMost(Duration.ofSeconds(30)).until(() -> alerts("excursion", "fridge-1")[0] == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> quarantines(dins[0]) == 1 && quarantines(dins[1]) == 1);
        long before0 = accepted(0);
        long before1 = accepted(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> accepted(0) > before0 && accepted(1) > before1);
        assertThat(excursionRecords("fridge-1")).as("one excursion record").isEqualTo(1);
        assertThat(startedIn(owner)).as("started by the owner, once").isEqualTo(1);
        assertThat(startedIn(other)).as("never by the other instance, though it received half the readings").isZero();

        // the other instance's view follows the owner's excursion, so a unit stored there into fridge-1 is quarantined on arrival
        await().atMost(Duration.ofSeconds(10)).until(() -> "EXCURSION".equals(
                cluster.http(other).get("/api/v1/devices/fridge-1", cluster.adminKey()).json().getString("state")));
        Receipts.receiveAndStore(cluster.http(other), cluster.adminKey(), "A999927100003", Clock.systemUTC(), 30);
        assertThat(count("SELECT count(*) FROM units WHERE din = ? AND status = 'QUARANTINED'", "A999927100003")).isEqualTo(1);

        // 2. SIGKILL of the owner during the excursion; fridge-2 falls silent at the same moment. (Both fridges went
        //    offline once before their first reading, and back online with it: those alerts are resolved.)
        long[] offline1 = alerts("sensor-offline", "fridge-1");
        long offline2 = alerts("sensor-offline", "fridge-2")[0];
        assertThat(offline1[1]).as("fridge-1 reports").isZero();
        temps.remove("fridge-2");
        cluster.process(owner).kill9();
        long killed = System.nanoTime();
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> owns(other));
        long takeoverMs = Duration.ofNanos(System.nanoTime() - killed).toMillis();
        await().atMost(Duration.ofSeconds(30)).until(() -> alerts("sensor-offline", "fridge-2")[1] == 1);
        long offlineMs = Duration.ofNanos(System.nanoTime() - killed).toMillis();
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(10)).until(() ->
                alerts("sensor-offline", "fridge-2")[0] == offline2 + 1 && alerts("excursion", "fridge-1")[0] == 1);

        assertThat(alerts("sensor-offline", "fridge-2")).as("the silent fridge: one more alert, unresolved").containsExactly(offline2 + 1, 1L);
        assertThat(alerts("excursion", "fridge-1")).as("one excursion alert, still unresolved").containsExactly(1L, 1L);
        assertThat(excursionRecords("fridge-1")).as("the excursion continued, not started again").isEqualTo(1);
        assertThat(startedIn(other)).as("the survivor continued the excursion").isZero();
        assertThat(quarantines(dins[0])).isEqualTo(1);
        assertThat(quarantines(dins[1])).isEqualTo(1);
        assertThat(alerts("sensor-offline", "fridge-1")).as("fridge-1 kept reporting through the takeover").containsExactly(offline1);
        assertThat(cluster.log(other)).contains("cold chain of site main rebuilt");
        System.out.printf("cold-chain takeover after SIGKILL of the owner: lease in %d ms, silent fridge offline after %d ms%n",
                takeoverMs, offlineMs);
    }
}
