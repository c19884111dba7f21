package org.hemowatch.testing;

import io.vertx.core.json.JsonObject;

import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hemowatch.testing.Labels.O_NEG;
import static org.hemowatch.testing.Labels.RED_CELLS;

/** Units brought into stock over HTTP, as a technician scans them (RECEIVE, then STORE in fridge-1). */
public final class Receipts {

    private Receipts() {
    }

    /** Receives and stores an O- red-cell unit expiring {@code days} from the clock's today; asserts both scans are 201. */
    public static void receiveAndStore(Http on, String key, String din, Clock clock, int days) throws Exception {
        String read = Labels.dinRead(din);
        Http.Response r = on.post("/api/v1/scans", key, new JsonObject().put("action", "RECEIVE")
                .put("data", Labels.label(read, O_NEG, RED_CELLS, Labels.expiryInDays(clock, days))).put("location", "receiving").encode());
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        Http.Response s = on.post("/api/v1/scans", key, new JsonObject().put("action", "STORE")
                .put("data", read + RED_CELLS).put("location", "fridge-1").encode());
        assertThat(s.status()).as(s.body()).isEqualTo(201);
    }
}
