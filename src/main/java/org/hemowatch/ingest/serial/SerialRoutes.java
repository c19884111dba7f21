package org.hemowatch.ingest.serial;

import io.vertx.ext.web.Router;
import org.hemowatch.api.ApiRoutes;
import org.hemowatch.api.AuthHandler;
import org.hemowatch.api.Replies;
import org.hemowatch.auth.Access.Permission;

import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/** {@code GET /api/v1/serial}: the state of every configured serial port, by path. */
public final class SerialRoutes implements ApiRoutes {

    /** The body: every configured port. */
    record Ports(List<Port> ports) {
    }

    /** One port as served; {@code kind} in lower case, instants as ISO-8601 text. */
    record Port(String path, String kind, String state, String since, String lastError, long opens, long failures,
                long bytesRead, String lastDataAt, String nextAttemptAt, List<String> warnings) {
    }

    private final Supplier<Collection<PortStatus>> ports;

    /** @param ports the current state of every configured port (empty without serial ports) */
    public SerialRoutes(Supplier<Collection<PortStatus>> ports) {
        this.ports = ports;
    }

    @Override
    public void mount(Router api, AuthHandler auth) {
        api.get("/serial").handler(auth.require(Permission.SERIAL_READ)).handler(ctx -> Replies.ok(ctx, body(ports.get())));
    }

    static Ports body(Collection<PortStatus> all) {
        return new Ports(all.stream().sorted(Comparator.comparing(PortStatus::path)).map(s -> new Port(s.path(),
                s.kind() == null ? null : s.kind().name().toLowerCase(), s.state().name(), iso(s.since()), s.lastError(),
                s.opens(), s.failures(), s.bytesRead(), iso(s.lastDataAt()), iso(s.nextAttemptAt()), s.warnings())).toList());
    }

    private static String iso(Instant i) {
        return i == null ? null : i.toString();
    }
}
