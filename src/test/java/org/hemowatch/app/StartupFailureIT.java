package org.hemowatch.app;

import org.hemowatch.testing.HemowatchExtension;
import org.hemowatch.testing.ServiceBuilder;
import org.hemowatch.testing.ServiceProcess;
import org.hemowatch.testing.TestCertificates;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Start-up fails fast and says why: the real jar as a child process, with one thing in its way
 * each time, exits non-zero within 15 s with one line naming what failed and the setting to
 * change, and without a stack trace.
 */
@Timeout(120)
class StartupFailureIT {

    /** From the service's first log line ("Hemowatch starting") to its exit. */
    private static final Duration FAST = Duration.ofSeconds(15);
    /** From starting the JVM to its exit: JVM boot and class loading alone take many seconds on a loaded 2-core machine. */
    private static final Duration NO_HANG = Duration.ofSeconds(60);
    private static final Pattern STARTING = Pattern.compile("^(\\S+) INFO .*Hemowatch starting", Pattern.MULTILINE);

    @RegisterExtension
    final HemowatchExtension service = ServiceBuilder.service().extension().startedByTest();
    private Path dir;

    @BeforeEach
    void dir() throws Exception {
        dir = service.dir();
    }

    @Test
    void aTakenMqttPortNamesThePortAndTheSettings() throws Exception {
        try (ServerSocket taken = holdPort("0.0.0.0")) {
            ServiceProcess.Exit exit = run(Map.of("HEMOWATCH_MQTT_PORT", Integer.toString(taken.getLocalPort())));
            assertFailedWith(exit, "MQTT port " + taken.getLocalPort()
                    + " is in use: set HEMOWATCH_MQTT_PORT or mqtt.port, or mqtt.enabled: false");
        }
    }

    @Test
    void aTakenHttpPortNamesThePortAndTheSetting() throws Exception {
        try (ServerSocket taken = holdPort("127.0.0.1")) {
            ServiceProcess.Exit exit = run(Map.of("HEMOWATCH_HTTP_PORT", Integer.toString(taken.getLocalPort())));
            assertFailedWith(exit, "HTTP port " + taken.getLocalPort() + " is in use: set HEMOWATCH_HTTP_PORT or http.port");
        }
    }

    @Test
    void aTakenMqttTlsPortNamesTheTlsListener() throws Exception {
        TestCertificates certs = TestCertificates.create(dir.resolve("certs"));
        try (ServerSocket taken = holdPort("0.0.0.0")) {
            Path config = writeConfig("mqtt:\n  tlsPort: " + taken.getLocalPort() + "\n  certPath: " + certs.serverCert().toAbsolutePath()
                    + "\n  keyPath: " + certs.serverKey().toAbsolutePath() + "\n");
            ServiceProcess.Exit exit = run(Map.of(), "--config", config.toString());
            assertFailedWith(exit, "MQTT TLS port " + taken.getLocalPort() + " is in use: set mqtt.tlsPort");
        }
    }

    @Test
    void anUnreadableTlsKeyNamesTheFileAndTheSetting() throws Exception {
        TestCertificates certs = TestCertificates.create(dir.resolve("certs"));
        Path missing = dir.resolve("certs/no-such.key");
        Path config = writeConfig("mqtt:\n  tlsPort: 0\n  certPath: " + certs.serverCert().toAbsolutePath()
                + "\n  keyPath: " + missing.toAbsolutePath() + "\n");
        ServiceProcess.Exit exit = run(Map.of(), "--config", config.toString());
        assertFailedWith(exit, "MQTT TLS key " + missing.toAbsolutePath() + " cannot be read (no such file): set mqtt.keyPath");
    }

    @Test
    void aDataDirectoryThatCannotBeWrittenNamesTheDirectoryAndTheSetting() throws Exception {
        // a regular file where a parent directory should be: not writable even for root, which CI runs as
        Path file = Files.writeString(dir.resolve("not-a-directory"), "x");
        Path data = file.resolve("data");
        ServiceProcess.Exit exit = run(Map.of("HEMOWATCH_DATA_DIR", data.toString()));
        assertFailedWith(exit, "data directory " + data.toAbsolutePath() + " cannot be written");
        assertThat(exit.output()).contains("set HEMOWATCH_DATA_DIR or dataDir to a writable directory");
    }

    @Test
    void aPostgresqlThatRefusesConnectionsIsRetriedThenNamedByHostAndPort() throws Exception {
        int closed = ServiceProcess.freePort(); // nothing listens there
        ServiceProcess.Exit exit = run(Map.of("HEMOWATCH_DB_URL", "jdbc:postgresql://127.0.0.1:" + closed + "/hemowatch",
                "HEMOWATCH_DB_USER", "hemowatch", "HEMOWATCH_DB_PASSWORD", "secret"));
        assertFailedWith(exit, "cannot connect to PostgreSQL at 127.0.0.1:" + closed);
        assertThat(exit.output()).containsPattern("after [2-9] attempts: start the database there, or set HEMOWATCH_DB_URL or db.url")
                .contains("(Connection refused); retrying in 500 ms") // it did retry, with backoff, before giving up
                .doesNotContain("secret");
    }

    private ServiceProcess.Exit run(Map<String, String> env, String... args) throws Exception {
        return service.runUntilExit(b -> b.env(env), Duration.ofSeconds(60), args);
    }

    private Path writeConfig(String yaml) throws Exception {
        return Files.writeString(dir.resolve("hemowatch.yaml"), yaml);
    }

    private static ServerSocket holdPort(String host) throws Exception {
        ServerSocket s = new ServerSocket();
        s.bind(new InetSocketAddress(host, 0));
        return s;
    }

    private static void assertFailedWith(ServiceProcess.Exit exit, String line) {
        assertThat(exit.status()).as(exit.output()).isEqualTo(1);
        assertThat(exit.took()).as("time from the JVM's start to its exit").isLessThan(NO_HANG);
        Matcher starting = STARTING.matcher(exit.output());
        if (starting.find()) { // the jar's log format; absent only when run from an IDE without the jar
            Instant began = OffsetDateTime.parse(starting.group(1)).toInstant();
            assertThat(Duration.between(began, exit.exitedAt())).as("time from the start-up's beginning to the exit").isLessThan(FAST);
        }
        assertThat(exit.output()).contains("hemowatch: " + line);
        assertThat(exit.output()).as("no stack trace for an expected condition").doesNotContain("\tat ").doesNotContain("Exception");
    }
}
