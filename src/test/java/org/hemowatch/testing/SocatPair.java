package org.hemowatch.testing;

import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real pseudo-terminal pair made by socat: bytes written to {@link #a()} come out of {@link #b()}.
 * Killing socat hangs up both ends, like unplugging a USB serial adapter.
 */
public final class SocatPair implements AutoCloseable {
    private final Path a;
    private final Path b;
    private final Process process;

    private SocatPair(Path a, Path b, Process process) {
        this.a = a;
        this.b = b;
        this.process = process;
    }

    /** Skips the test with an install hint when socat is missing (fails it under .ci/test, which installs it). */
    public static void requireSocat() {
        ExternalTools.require("socat", "socat");
    }

    /** Starts socat with links {@code a} and {@code b} and waits until both exist. */
    public static SocatPair start(Path a, Path b) throws IOException {
        requireSocat();
        Process p = new ProcessBuilder("socat", "-d", "-d",
                "pty,raw,echo=0,link=" + a, "pty,raw,echo=0,link=" + b)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> Files.exists(a) && Files.exists(b) || !p.isAlive());
        if (!p.isAlive()) {
            fail("socat exited with " + p.exitValue() + " before creating " + a + " and " + b);
        }
        return new SocatPair(a, b, p);
    }

    public Path a() {
        return a;
    }

    public Path b() {
        return b;
    }

    /** Writes to end {@code a} (opened per call, like a device that sends now and then). */
    public void writeToA(String text) throws IOException {
        try (OutputStream out = new FileOutputStream(a.toFile())) {
            out.write(text.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
    }

    /** Kills socat and waits until it is gone and its links are removed. */
    public void kill() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> !Files.exists(a) && !Files.exists(b));
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
