package org.hemowatch.ingest.mqtt;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import org.hemowatch.auth.DeviceScope;
import org.hemowatch.auth.KeyPrincipal;
import org.hemowatch.domain.TimePlausibility;
import org.hemowatch.auth.Principal;
import org.hemowatch.auth.Role;
import org.hemowatch.domain.ComponentClass;
import org.hemowatch.domain.Inventory;
import org.hemowatch.domain.ProductCatalog;
import org.hemowatch.domain.TemperatureReading;
import org.hemowatch.ingest.ReadingIngest;
import org.hemowatch.ingest.ScanIngest;
import org.hemowatch.units.UnitWrites;
import org.hemowatch.metrics.MetricNames;
import org.hemowatch.metrics.ScanMetrics;
import org.hemowatch.store.ChangeLog;
import org.hemowatch.store.Database;
import org.hemowatch.store.DatabaseConfig;
import org.hemowatch.store.GroupCommitWriter;
import org.hemowatch.store.ReadingRecords;
import org.hemowatch.store.WriterListener;
import org.hemowatch.testing.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * MqttIngress with its per-message context and the shared acknowledgement policy, on a real SQLite
 * store and without a broker: what is acknowledged, when, and what a refusal or a store failure leaves behind.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MqttIngressTest {

    private static final Principal DEVICE = new KeyPrincipal("k1", "fridges", Role.DEVICE, "main", DeviceScope.LEGACY);
    private static final Principal STATION = new KeyPrincipal("k2", "desk", Role.STATION, "main", null);

    @TempDir
    Path dir;
    private final TestClock clock = new TestClock(Instant.parse("2026-11-23T10:00:00Z"));
    private Vertx vertx;
    private Context context;
    private Database db;
    private GroupCommitWriter writer;
    private MqttIngress ingress;
    private SimpleMeterRegistry registry;
    private final List<String> errors = new CopyOnWriteArrayList<>();
    private final List<Integer> acked = new CopyOnWriteArrayList<>();
    private final AtomicInteger drops = new AtomicInteger();
    private OrderedAcks acks;
    private Handover handover;

    @BeforeEach
    void open() {
        vertx = Vertx.vertx();
        context = vertx.getOrCreateContext();
        handover = new Handover(context);
        db = Database.open(DatabaseConfig.sqlite(dir.resolve("h.db")));
        writer = new GroupCommitWriter(db, 64, WriterListener.NONE);
        registry = new SimpleMeterRegistry();
        ScanIngest scans = new ScanIngest(new UnitWrites(writer, new Inventory(), new ChangeLog("test")), new ProductCatalog(Map.of("E0398", ComponentClass.RED_CELLS)),
                site -> ZoneOffset.UTC, "main"::equals, clock, new ScanMetrics(registry), TimePlausibility.DEFAULT);
        ingress = new MqttIngress(vertx, new ReadingIngest(writer, clock, TimePlausibility.DEFAULT), scans, "main"::equals, clock, new MqttMetrics(registry), 1024);
        ingress.errorsTo((topic, payload, qos, retain) -> {
            errors.add(topic + " " + payload);
            return Future.succeededFuture();
        });
        acks = new OrderedAcks(drops::incrementAndGet);
    }

    @AfterEach
    void close() {
        writer.close();
        db.close();
        vertx.close();
    }

    /** Hands one QoS 1 message with packet id {@code id} to the ingress on the "connection's" context, as the endpoint does. */
    private void publish(Principal p, int id, String topic, String payload) {
        context.runOnContext(v -> ingress.handle(new InboundMessage(p, "fridge-1", topic, MqttQoS.AT_LEAST_ONCE,
                Buffer.buffer(payload), acks.add(() -> acked.add(id)), handover)));
    }

    private List<TemperatureReading> stored(String device) {
        return db.read(c -> ReadingRecords.range(c, "main", device, Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"), 1000, 0));
    }

    private double rejected(String reason) {
        var c = registry.find(MetricNames.MQTT_MESSAGES_REJECTED).tag("reason", reason).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void acknowledgesAReadingOnlyAfterItsCommitAndInArrivalOrder() {
        writer.pause();
        publish(DEVICE, 1, "hemowatch/v1/main/devices/fridge-1/readings", "{\"seq\":1,\"tempC\":4.0}");
        publish(DEVICE, 2, "hemowatch/v1/main/devices/fridge-1/readings", "{\"seq\":2,\"tempC\":4.1}");
        await().pollDelay(java.time.Duration.ofMillis(300)).until(() -> true);
        assertThat(acked).as("nothing acknowledged before the commit").isEmpty();
        assertThat(stored("fridge-1")).isEmpty();

        writer.resume();

        await().atMost(java.time.Duration.ofSeconds(10)).until(() -> acked.size() == 2);
        assertThat(acked).containsExactly(1, 2);
        assertThat(stored("fridge-1")).extracting(TemperatureReading::seq).containsExactly(1L, 2L);
    }

    @Test
    void acknowledgesARefusedMessageAfterPublishingItsRuleAndStoresNothing() {
        publish(DEVICE, 1, "hemowatch/v1/main/devices/fridge-1/readings", "{\"seq\": 9, tempC: 4}");
        publish(STATION, 2, "hemowatch/v1/main/devices/fridge-1/readings", "{\"seq\":3,\"tempC\":4.0}");
        publish(DEVICE, 3, "hemowatch/v1/north/devices/fridge-1/readings", "{\"seq\":3,\"tempC\":4.0}");
        publish(DEVICE, 4, "hemowatch/v1/main/devices/fridge-1/readings", "{\"seq\":3,\"tempC\":4.0,\"pad\":\"" + "x".repeat(1100) + "\"}");

        await().atMost(java.time.Duration.ofSeconds(10)).until(() -> acked.size() == 4);
        assertThat(acked).containsExactly(1, 2, 3, 4);
        assertThat(errors).hasSize(4).allSatisfy(e -> assertThat(e).contains("/devices/fridge-1/errors"));
        assertThat(String.join("\n", errors)).contains("\"rule\":\"bad-json\"").contains("\"rule\":\"role-forbidden\"")
                .contains("\"rule\":\"site-forbidden\"").contains("\"rule\":\"too-large\"");
        assertThat(rejected("bad-json")).isEqualTo(1);
        assertThat(stored("fridge-1")).isEmpty();
        assertThat(drops).hasValue(0);
    }

    @Test
    void aStoreFailureIsNeverAcknowledgedAndDropsTheConnectionAfterTheEarlierAcks() throws Exception {
        writer.submit(tx -> {
            try (Statement st = tx.connection().createStatement()) {
                st.execute("CREATE TRIGGER poison BEFORE INSERT ON readings WHEN NEW.device = 'poison' BEGIN SELECT RAISE(ABORT, 'poisoned'); END");
            }
            return null;
        }).get(10, TimeUnit.SECONDS);

        publish(DEVICE, 1, "hemowatch/v1/main/devices/fridge-1/readings", "{\"seq\":1,\"tempC\":4.0}");
        publish(DEVICE, 2, "hemowatch/v1/main/devices/poison/readings", "{\"seq\":1,\"tempC\":4.0}");
        publish(DEVICE, 3, "hemowatch/v1/main/devices/fridge-1/readings", "{\"seq\":2,\"tempC\":4.0}");

        await().atMost(java.time.Duration.ofSeconds(10)).until(() -> drops.get() == 1);
        await().pollDelay(java.time.Duration.ofMillis(300)).until(() -> true);
        assertThat(acked).containsExactly(1);
        assertThat(errors).as("a store failure is ours, not the sender's: no rejection").isEmpty();
        assertThat(stored("poison")).isEmpty();
    }

    @Test
    void aRedeliveredScanIsAnsweredWithoutBeingAppliedTwice() {
        String scan = "{\"seq\": 7, \"ts\": \"2026-11-23T09:15:00Z\", \"action\": \"RECEIVE\", "
                + "\"data\": \"=A99992600000168=%9500=<E0398V00&>0263301200\", \"location\": \"receiving\", \"operator\": \"tech-04\"}";
        publish(DEVICE, 1, "hemowatch/v1/main/scanners/scan-1/scans", scan);
        publish(DEVICE, 2, "hemowatch/v1/main/scanners/scan-1/scans", scan);

        await().atMost(java.time.Duration.ofSeconds(10)).until(() -> acked.size() == 2);
        assertThat(errors).isEmpty();
        long events = db.read(c -> {
            try (Statement st = c.createStatement(); var rs = st.executeQuery("SELECT count(*) FROM unit_events")) {
                rs.next();
                return rs.getLong(1);
            }
        });
        assertThat(events).isEqualTo(1);
    }
}
