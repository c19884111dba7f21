package org.hemowatch.ingest.serial;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import org.hemowatch.api.ApiRoutes;
import org.hemowatch.api.AuthHandler;
import org.hemowatch.auth.Access.Permission;
import org.hemowatch.auth.Role;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.function.Supplier;

/** {@code GET /api/v1/serial}: the state of every configured serial port. */
public final class SerialRoutes implements ApiRoutes {

    private final Supplier<Collection<PortStatus>> ports;

    /** @param ports the current state of every configured port (empty without serial ports) */
    public SerialRoutes(Supplier<Collection<PortStatus>> ports) {
        this.ports = ports;
    }

    @Override
    public void mount(Router api, AuthHandler auth) {
        api.get("/serial").handler(auth.require(Permission.SERIAL_READ)).handler(ctx -> {
            JsonArray json = new JsonArray();
            ports.get().stream().sorted(Comparator.comparing(PortStatus::path)).forEach(s -> json.add(json(s)));
            ctx.json(new JsonObject().put("ports", json));
        });
    }

    private static JsonObject json(PortStatus s) {
        return new JsonObject()
                .put("path", s.path())
                .put("kind", s.kind() == null ? null : s.kind().name().toLowerCase())
                .put("state", s.state().name())
                .put("since", iso(s.since()))
                .put("lastError", s.lastError())
                .put("opens", s.opens())
                .put("failures", s.failures())
                .put("bytesRead", s.bytesRead())
                .put("lastDataAt", iso(s.lastDataAt()))
                .put("nextAttemptAt", iso(s.nextAttemptAt()))
                .put("warnings", new JsonArray(s.warnings()));
    }

    private static String iso(Instant i) {
        return i == null ? null : i.toString();
    }
}
