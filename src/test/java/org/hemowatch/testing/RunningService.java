package org.hemowatch.testing;

import org.hemowatch.app.Hemowatch;
import org.hemowatch.app.ServiceInternals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A whole Hemowatch running in this JVM, started by {@link ServiceBuilder#start()} (or by {@link HemowatchExtension}). */
public final class RunningService implements AutoCloseable {

    private final Hemowatch service;
    private final Path dataDir;
    private Http http;

    RunningService(Hemowatch service, Path dataDir) {
        this.service = service;
        this.dataDir = dataDir;
    }

    public int httpPort() {
        return service.httpPort();
    }

    /** An HTTP client of the service's API (one per service). */
    public synchronized Http http() {
        if (http == null) {
            http = new Http(httpPort());
        }
        return http;
    }

    /** The service's test access point. */
    public ServiceInternals service() {
        return service.internals();
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The first admin key the service wrote at its first start. */
    public String adminKey() throws Exception {
        return Files.readString(dataDir.resolve("admin.key")).trim();
    }

    @Override
    public void close() throws Exception {
        service.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
}
