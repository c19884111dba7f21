package org.hemowatch.coldchain;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.hemowatch.domain.coldchain.DeviceState;
import org.hemowatch.store.ChangeLog;
import org.hemowatch.testing.Http;
import org.hemowatch.testing.ServiceState;
import org.hemowatch.testing.SessionClient;
import org.hemowatch.testing.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.hemowatch.testing.HemowatchExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code PUT /api/v1/devices/{id}} and {@code coldChain.unknownDevices: register} through the
 * running service: who may register, validation, changing the limits of a monitor that is
 * running, the audit trail, and stored devices winning over the config after a restart.
 */
@Timeout(120)
class DeviceRegistrationEndToEndIT {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private final TestClock clock = new TestClock(T0);
    @RegisterExtension
    final HemowatchExtension service = ColdChainHarness.extension(clock);
    private ColdChainHarness h;

    @Test
    void adminRegistersADeviceOthersAndInvalidProfilesAreRefused() throws Exception {
        h = ColdChainHarness.start(service, "");
        String tech = h.createKey("technician", "tech anna");
        String body = new JsonObject().put("kind", "freezer").put("name", "Plasma freezer").put("holds", new JsonArray().add("FFP"))
                .put("expectedInterval", "PT2M").encode();

        Http.Response byTech = h.http().put("/api/v1/devices/freezer-1", tech, body);
        assertThat(byTech.status()).as(byTech.body()).isEqualTo(403);
        assertThat(h.get("/api/v1/devices/freezer-1").status()).isEqualTo(404);

        Http.Response invalid = h.http().put("/api/v1/devices/freezer-2", h.admin(),
                new JsonObject().put("kind", "refrigerator").put("safeMin", 7.0).put("safeMax", 6.0).encode());
        assertThat(invalid.status()).as(invalid.body()).isEqualTo(400);
        assertThat(invalid.json().getString("rule")).isEqualTo("invalid-device");
        assertThat(invalid.json().getString("detail")).contains("safeMin 7.0 must be below safeMax 6.0");
        Http.Response badDuration = h.http().put("/api/v1/devices/freezer-2", h.admin(),
                new JsonObject().put("kind", "freezer").put("excursionDelay", "half an hour").encode());
        assertThat(badDuration.status()).as(badDuration.body()).isEqualTo(400);
        assertThat(badDuration.json().getString("rule")).isEqualTo("invalid-device");
        assertThat(badDuration.json().getString("detail")).contains("excursionDelay");
        Http.Response badKind = h.http().put("/api/v1/devices/freezer-2", h.admin(), new JsonObject().put("kind", "oven").encode());
        assertThat(badKind.status()).as(badKind.body()).isEqualTo(400);
        assertThat(badKind.json().getString("detail")).contains("kind");
        assertThat(h.get("/api/v1/devices/freezer-2").status()).isEqualTo(404);

        SessionClient.Response created = person().put("/api/v1/devices/freezer-1", signed("freezer-1", body));
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        JsonObject profile = created.json().getJsonObject("profile");
        assertThat(profile.getString("kind")).isEqualTo("freezer");
        assertThat(profile.getDouble("safeMax")).isEqualTo(-25.0); // the kind's default in the default region (EU_UK)
        assertThat(profile.getString("expectedInterval")).isEqualTo("PT2M");
        JsonObject listed = h.listedDevice("freezer-1");
        assertThat(listed).isNotNull();
        assertThat(listed.getString("name")).isEqualTo("Plasma freezer");
        assertThat(listed.getString("state")).isEqualTo("NO_DATA");

        // it is monitored at once: a reading is judged against the freezer's limits
        h.reading("freezer-1", T0.plusSeconds(60), -14.0); // beyond the hard limit -15
        assertThat(h.state("freezer-1").state()).isEqualTo(DeviceState.EXCURSION);

        List<JsonObject> audit = deviceAudit();
        assertThat(audit).extracting(a -> a.getString("action")).containsExactlyInAnyOrder("device.register", "device.signed");
        JsonObject register = audit.stream().filter(a -> a.getString("action").equals("device.register")).findFirst().orElseThrow();
        assertThat(register.getString("subject")).isEqualTo("main/freezer-1");
        assertThat(register.getString("actor")).isEqualTo("ada");
        assertThat(register.getJsonObject("detail").getString("kind")).isEqualTo("freezer");

        h.restart();
        JsonObject afterRestart = h.json("/api/v1/devices/freezer-1");
        assertThat(afterRestart.getJsonObject("profile").getString("expectedInterval")).isEqualTo("PT2M");
        assertThat(afterRestart.getString("state")).isEqualTo("EXCURSION");
    }

    @Test
    void changedLimitsApplyToTheRunningMonitorFromTheNextReadingAndWinOverTheConfigAfterARestart() throws Exception {
        h = ColdChainHarness.start(service, "");
        h.reading("fridge-1", T0, 4.0);
        h.reading("fridge-1", T0.plus(Duration.ofMinutes(1)), 7.0); // above the configured safe max 6
        assertThat(h.state("fridge-1").state()).isEqualTo(DeviceState.PENDING);
        Instant pendingSince = h.state("fridge-1").pendingSince();

        SessionClient.Response changed = person().put("/api/v1/devices/fridge-1", signed("fridge-1", new JsonObject().put("kind", "refrigerator")
                .put("name", "Blood bank fridge 1").put("holds", new JsonArray().add("RBC")).put("expectedInterval", "PT1M")
                .put("safeMax", 8.0).put("alarmHigh", 7.5).put("hardHigh", 10.0).encode()));
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        // the state is kept: still pending since the same reading
        JsonObject device = h.json("/api/v1/devices/fridge-1");
        assertThat(device.getString("state")).isEqualTo("PENDING");
        assertThat(device.getJsonObject("lastReading").getDouble("tempC")).isEqualTo(7.0);
        assertThat(h.state("fridge-1").pendingSince()).isEqualTo(pendingSince);
        assertThat(device.getJsonObject("profile").getDouble("safeMax")).isEqualTo(8.0);

        // the next reading is judged against the new limits: 7.0 is inside 1-8 and below the set point 7.5
        h.reading("fridge-1", T0.plus(Duration.ofMinutes(2)), 7.0);
        assertThat(h.json("/api/v1/devices/fridge-1").getString("state")).isEqualTo("IN_RANGE");
        // and 7.8 is only past the new set point
        h.reading("fridge-1", T0.plus(Duration.ofMinutes(3)), 7.8);
        assertThat(h.state("fridge-1").state()).isEqualTo(DeviceState.WARNING);
        assertThat(h.get("/metrics").body())
                .contains("hemowatch_device_limit_celsius{bound=\"safe_max\",device=\"fridge-1\",site=\"main\"} 8.0");

        assertThat(deviceAudit()).extracting(a -> a.getString("action")).containsExactlyInAnyOrder("device.update", "device.signed");
        assertThat(deviceAudit().stream().filter(a -> a.getString("action").equals("device.update")).findFirst().orElseThrow()
                .getJsonObject("detail").getDouble("safeMax")).isEqualTo(8.0);

        // the stored device wins over coldChain.devices (safe max 6) at the next start
        h.restart();
        JsonObject restarted = h.json("/api/v1/devices/fridge-1");
        assertThat(restarted.getJsonObject("profile").getDouble("safeMax")).isEqualTo(8.0);
        assertThat(restarted.getString("state")).isEqualTo("WARNING");
        h.reading("fridge-1", T0.plus(Duration.ofMinutes(4)), 7.0);
        assertThat(h.state("fridge-1").state()).isEqualTo(DeviceState.IN_RANGE);
    }

    @Test
    void unknownDeviceIsRegisteredWithRefrigeratorDefaultsOnItsFirstReading() throws Exception {
        h = ColdChainHarness.start(service, "  unknownDevices: register\n");
        assertThat(h.listedDevice("fridge-new")).isNull();

        h.reading("fridge-new", T0, 4.0);
        JsonObject listed = h.listedDevice("fridge-new");
        assertThat(listed).isNotNull();
        assertThat(listed.getString("kind")).isEqualTo("refrigerator");
        assertThat(listed.getJsonObject("profile").getDouble("safeMin")).isEqualTo(2.0); // EU_UK
        assertThat(listed.getJsonObject("profile").getDouble("safeMax")).isEqualTo(6.0);
        assertThat(listed.getString("state")).isEqualTo("IN_RANGE");
        assertThat(h.json("/api/v1/devices/fridge-new/readings?from=2026-11-23T09:00:00Z&to=2026-11-23T11:00:00Z")
                .getJsonArray("items")).hasSize(1);

        // judged against the refrigerator limits: past the 5.5 set point, then beyond the 8 °C hard limit
        h.reading("fridge-new", T0.plus(Duration.ofMinutes(1)), 5.8);
        assertThat(h.state("fridge-new").state()).isEqualTo(DeviceState.WARNING);
        h.reading("fridge-new", T0.plus(Duration.ofMinutes(2)), 8.5);
        assertThat(h.state("fridge-new").state()).isEqualTo(DeviceState.EXCURSION);

        // the registration was stored: the device is still known after a restart
        h.restart();
        JsonObject restarted = h.json("/api/v1/devices/fridge-new");
        assertThat(restarted.getString("kind")).isEqualTo("refrigerator");
        assertThat(restarted.getString("state")).isEqualTo("EXCURSION");
    }

    @Test
    void aKeyRegistersADeviceWithItsKindsLimitsButCannotChangeLimitsAndItsRefusalChangesNothing() throws Exception {
        h = ColdChainHarness.start(service, "");
        JsonObject freezer = new JsonObject().put("kind", "freezer").put("name", "Plasma freezer").put("holds", new JsonArray().add("FFP"));

        Http.Response otherLimits = h.http().put("/api/v1/devices/freezer-1", h.admin(), freezer.copy().put("expectedInterval", "PT2M").encode());
        assertThat(otherLimits.status()).as(otherLimits.body()).isEqualTo(403);
        assertThat(otherLimits.json().getString("rule")).isEqualTo("signature-requires-user");
        assertThat(h.get("/api/v1/devices/freezer-1").status()).isEqualTo(404);

        Http.Response provisioned = h.http().put("/api/v1/devices/freezer-1", h.admin(), freezer.encode());
        assertThat(provisioned.status()).as(provisioned.body()).isEqualTo(200);
        Http.Response renamed = h.http().put("/api/v1/devices/freezer-1", h.admin(), freezer.copy().put("name", "Plasma freezer A").encode());
        assertThat(renamed.status()).as("a new name is no new limit").isEqualTo(200);
        assertThat(deviceAudit()).extracting(a -> a.getString("action")).containsExactlyInAnyOrder("device.register", "device.update");

        String device = h.get("/api/v1/devices/freezer-1").json().getJsonObject("profile").encode();
        String stored = ServiceState.stored(h.service());
        long changes = h.service().service().database().read(ChangeLog::maxId);
        for (JsonObject change : List.of(freezer.copy().put("safeMax", -30.0).put("alarmHigh", -32.0).put("hardHigh", -27.0),
                freezer.copy().put("excursionDelay", "PT2H"), freezer.copy().put("kind", "refrigerator"))) {
            Http.Response r = h.http().put("/api/v1/devices/freezer-1", h.admin(), change.encode());
            assertThat(r.status()).as(r.body()).isEqualTo(403);
            assertThat(r.json().getString("rule")).isEqualTo("signature-requires-user");
        }
        assertThat(h.get("/api/v1/devices/freezer-1").json().getJsonObject("profile").encode()).isEqualTo(device);
        assertThat(ServiceState.stored(h.service())).as("audit, documents, units").isEqualTo(stored);
        assertThat(h.service().service().database().read(ChangeLog::maxId)).as("no change recorded").isEqualTo(changes);
        assertThat(h.json("/api/v1/audit").encode()).doesNotContain("unsigned");
    }

    private static final String PASSWORD = "correct horse battery";
    private SessionClient person;

    /** A person with the admin role (a key cannot sign). */
    private SessionClient person() throws Exception {
        if (person == null) {
            person = SessionClient.person(h.service().httpPort(), h.admin(), "ada", "admin", PASSWORD);
        }
        return person;
    }

    private static String signed(String device, String body) {
        return new JsonObject(body).put("comment", "limits checked against the validation report")
                .put("signature", new JsonObject().put("password", PASSWORD)
                        .put("meaning", org.hemowatch.api.Signatures.deviceLimitsMeaning(ColdChainHarness.SITE, device))).encode();
    }

    private List<JsonObject> deviceAudit() throws Exception {
        return h.json("/api/v1/audit").getJsonArray("items").stream().map(o -> (JsonObject) o)
                .filter(a -> a.getString("action").startsWith("device.")).toList();
    }
}
