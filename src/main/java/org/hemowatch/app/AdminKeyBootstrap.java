package org.hemowatch.app;

import org.hemowatch.auth.ApiKeys;
import org.hemowatch.auth.DeviceScope;
import org.hemowatch.auth.Role;
import org.hemowatch.store.PrivateFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * First start: with no active API key, creates an admin key and writes it to
 * {@code <dataDir>/admin.key}, readable by the service's user only (mode 600).
 */
final class AdminKeyBootstrap {

    private static final Logger LOG = LoggerFactory.getLogger(AdminKeyBootstrap.class);

    private AdminKeyBootstrap() {
    }

    static CompletableFuture<Void> ensure(ApiKeys keys, Path dataDir) {
        if (keys.anyActive()) {
            return CompletableFuture.completedFuture(null);
        }
        return keys.create(Role.ADMIN, null, "first admin", DeviceScope.NONE, null).thenAccept(issued -> {
            Path file = dataDir.resolve("admin.key");
            try {
                writePrivate(file, issued.secret() + "\n");
            } catch (IOException e) {
                throw new IllegalStateException("cannot write the first admin key to " + file + ": " + e.getMessage(), e);
            }
            LOG.warn("No API key existed: created an admin key (id {}) and wrote it to {} (mode 600). "
                    + "Use it as 'Authorization: Bearer <key>' to create other keys.", issued.record().id(), file);
        });
    }

    private static void writePrivate(Path file, String content) throws IOException {
        Files.deleteIfExists(file);
        PrivateFiles.file(file);
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
