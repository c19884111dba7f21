package org.hemowatch.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Hemowatch as a separate JVM process (java -cp … org.hemowatch.app.Main), for kill -9 and restart tests; started by {@link ServiceBuilder}. */
public final class ServiceProcess implements AutoCloseable {

    private final Process process;
    private final int httpPort;

    private ServiceProcess(Process process, int httpPort) {
        this.process = process;
        this.httpPort = httpPort;
    }

    /** Started by {@link ServiceBuilder#startProcess}: {@code env} is the whole environment on top of this JVM's. */
    static ServiceProcess start(Path log, Map<String, String> env, int port, List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.hemowatch.app.Main", "serve"));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        ServiceProcess sp = new ServiceProcess(pb.start(), port);
        sp.awaitPort(Duration.ofSeconds(60));
        return sp;
    }

    /**
     * How a service process that was expected to stop on its own ended.
     *
     * @param took     from starting the JVM to its exit
     * @param exitedAt when the exit was seen
     */
    public record Exit(int status, Duration took, Instant exitedAt, String output) {
    }

    /**
     * Run by {@link ServiceBuilder#runUntilExit}: {@code hemowatch serve args...} with {@code env}, waiting for it to
     * exit by itself; the real jar ({@code target/hemowatch.jar}) when it was built, else the test class path.
     * Destroys it and fails if it still runs after {@code limit}.
     */
    static Exit runUntilExit(Path log, Map<String, String> env, Duration limit, List<String> args)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        Path jar = Path.of("target", "hemowatch.jar");
        if (Files.isRegularFile(jar)) {
            cmd.addAll(List.of("-jar", jar.toString(), "serve"));
        } else {
            cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.hemowatch.app.Main", "serve"));
        }
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        long t0 = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("hemowatch still ran after " + limit + ":\n" + Files.readString(log));
        }
        return new Exit(p.exitValue(), Duration.ofNanos(System.nanoTime() - t0), Instant.now(), Files.readString(log));
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private void awaitPort(Duration timeout) throws InterruptedException, IOException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IOException("hemowatch exited with status " + process.exitValue() + " before listening");
            }
            try (Socket ignored = new Socket("127.0.0.1", httpPort)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new IOException("hemowatch did not listen on " + httpPort + " within " + timeout);
    }

    public int httpPort() {
        return httpPort;
    }

    /** The service's operating-system process id (for CPU figures from /proc). */
    public long pid() {
        return process.pid();
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed by the service. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
