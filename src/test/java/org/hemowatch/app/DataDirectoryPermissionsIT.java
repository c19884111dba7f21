package org.hemowatch.app;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.hemowatch.store.PrivateFiles;
import org.hemowatch.testing.HemowatchExtension;
import org.hemowatch.testing.ServiceBuilder;
import org.hemowatch.testing.TestClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 11: a data directory left readable by other users (by a build before the permissions change, or by
 * hand) is tightened when the service starts, the directory to 0700 and its database and key files to 0600,
 * each change logged; the service then runs on as before.
 */
class DataDirectoryPermissionsIT {

    @RegisterExtension
    final HemowatchExtension service = ServiceBuilder.service().clock(new TestClock(Instant.parse("2026-11-23T10:00:00Z"))).extension();

    private static String perms(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void anOlderDataDirectoryReadableByOthersIsTightenedAtStartUpWithALogLine() throws Exception {
        Path data = service.dataDir();
        String adminKey = service.adminKey();
        Logger log = (Logger) LoggerFactory.getLogger(PrivateFiles.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        try {
            service.restart(() -> {
                // as an older build left it
                Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
                for (String f : new String[] {"hemowatch.db", "admin.key"}) {
                    Files.setPosixFilePermissions(data.resolve(f), PosixFilePermissions.fromString("rw-r--r--"));
                }
                log.addAppender(lines);
            });
            assertThat(perms(data)).isEqualTo("rwx------");
            assertThat(perms(data.resolve("hemowatch.db"))).isEqualTo("rw-------");
            assertThat(perms(data.resolve("admin.key"))).isEqualTo("rw-------");
            assertThat(service.adminKey()).isEqualTo(adminKey);
            assertThat(service.http().get("/api/v1/keys", adminKey).status()).isEqualTo(200);
        } finally {
            log.detachAppender(lines);
        }
        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage)
                .anyMatch(m -> m.contains(data.toAbsolutePath().toString()) && m.contains("rwxr-xr-x") && m.contains("rwx------"))
                .anyMatch(m -> m.contains("admin.key") && m.contains("rw-r--r--") && m.contains("rw-------"))
                .anyMatch(m -> m.contains("hemowatch.db") && m.contains("rw-------"));
    }
}
