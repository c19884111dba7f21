package org.hemowatch.app;

import org.hemowatch.testing.HemowatchExtension;
import org.hemowatch.testing.ServiceBuilder;
import io.vertx.core.json.JsonObject;
import org.hemowatch.testing.Labels;
import org.hemowatch.testing.Http;
import org.hemowatch.testing.ServiceProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every scan answered 201 is still there after the service process is killed with SIGKILL and started again. */
@Timeout(180)
class ServiceSurvivesKillIT {

    @RegisterExtension
    final HemowatchExtension service = ServiceBuilder.service().extension().startedByTest();

    @Test
    void keepsEveryAcknowledgedScanAcrossKill9AndRestart() throws Exception {
        Path data = service.dataDir();
        List<String> acknowledged = new ArrayList<>();
        ServiceProcess first = service.startProcess();
        String key = Files.readString(data.resolve("admin.key")).trim();
        Http http = new Http(first.httpPort());
        for (int i = 1; i <= 40; i++) {
            String din = String.format("A999926%06d", 100 + i);
            String read = Labels.dinRead(din) + "=%5100=<E0398V00" + Labels.expiryInDays(Clock.systemUTC(), 30);
            Http.Response r = http.post("/api/v1/scans", key, new JsonObject().put("action", "STORE").put("location", "fridge-1").put("data", read).encode());
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            acknowledged.add(din);
        }
        first.kill9();

        ServiceProcess second = service.startProcess();
        Http again = new Http(second.httpPort());
        for (String din : acknowledged) {
            Http.Response r = again.get("/api/v1/units/" + din, key);
            assertThat(r.status()).as("unit %s after kill -9", din).isEqualTo(200);
            assertThat(r.json().getJsonArray("units").getJsonObject(0).getString("status")).isEqualTo("AVAILABLE");
        }
        assertThat(again.get("/api/v1/units?status=AVAILABLE", key).json().getInteger("total")).isEqualTo(acknowledged.size());
    }
}
