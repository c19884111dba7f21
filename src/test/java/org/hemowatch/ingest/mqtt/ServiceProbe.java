package org.hemowatch.ingest.mqtt;

import io.vertx.core.json.JsonObject;
import org.hemowatch.domain.TemperatureReading;
import org.hemowatch.store.ReadingRecords;
import org.hemowatch.testing.Http;
import org.hemowatch.testing.RunningService;
import org.hemowatch.testing.ServiceState;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the MQTT end-to-end tests look at in a running service: stored readings, metrics, API keys. */
final class ServiceProbe {

    private final RunningService service;
    private final Http http;
    private final String admin;

    ServiceProbe(RunningService service) throws Exception {
        this.service = service;
        this.http = new Http(service.httpPort());
        this.admin = service.adminKey();
    }

    /** Creates an API key and returns its secret. */
    String key(String role, String site, String name) throws Exception {
        Http.Response r = http.post("/api/v1/keys", admin, new JsonObject().put("role", role).put("site", site).put("name", name).put("devices", "device".equals(role) ? new io.vertx.core.json.JsonArray().add("*") : null).encode());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().getString("key");
    }

    /** The readings of a device of site {@code main}, oldest first. */
    List<TemperatureReading> stored(String device) {
        return service.service().database().read(c -> ReadingRecords.range(c, "main", device, Instant.EPOCH,
                Instant.parse("2100-01-01T00:00:00Z"), 100_000, 0));
    }

    /** The value of one exposition line (name with labels, exactly as scraped), or 0 when absent. */
    double metric(String line) throws Exception {
        return ServiceState.metric(http, admin, line);
    }

    /** True if GET /health answers 200. */
    boolean healthy() throws Exception {
        return http.get("/health/ready", null).status() == 200;
    }
}
