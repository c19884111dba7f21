package org.hemowatch.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Mosquitto broker for tests (on a free port, persistence in a temp dir) and the
 * mosquitto_pub / mosquitto_sub command-line clients as third-party peers.
 */
public final class Mosquitto implements AutoCloseable {

    private final Path dir;
    private final int port;
    private Process process;

    private Mosquitto(Path dir, int port) {
        this.dir = dir;
        this.port = port;
    }

    public static Mosquitto start(Path dir) throws Exception {
        ExternalTools.require("mosquitto", "mosquitto");
        Mosquitto m = new Mosquitto(dir, freePort());
        Files.writeString(dir.resolve("mosquitto.conf"), String.join("\n",
                "listener " + m.port + " 127.0.0.1",
                "allow_anonymous true",
                "persistence true",
                "persistence_location " + dir.toAbsolutePath() + "/",
                "max_inflight_messages 0",
                "max_queued_messages 0",
                // run as root, mosquitto would switch to user 'mosquitto', which cannot write to the test's directory
                "user " + System.getProperty("user.name"),
                "log_dest file " + dir.toAbsolutePath().resolve("mosquitto.log"),
                "log_type all",
                ""));
        m.startProcess();
        return m;
    }

    /** What the broker logged so far (all log types, for failure messages). */
    public String log() throws IOException {
        Path out = dir.resolve("mosquitto.log");
        return Files.exists(out) ? Files.readString(out) : "";
    }

    private void startProcess() throws Exception {
        process = new ProcessBuilder("mosquitto", "-c", dir.resolve("mosquitto.conf").toString())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mosquitto.out").toFile())).start();
        awaitPort(port, 10_000);
    }

    /** The broker's operating-system process id (for CPU figures from /proc). */
    public long pid() {
        return process.pid();
    }

    public int port() {
        return port;
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    /** Stops with SIGTERM (mosquitto writes its persistence file) and waits. */
    public void stop() throws Exception {
        process.destroy();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    public void restart() throws Exception {
        startProcess();
    }

    @Override
    public void close() throws Exception {
        if (process != null && process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    public static void awaitPort(int port, long timeoutMs) throws Exception {
        long end = System.currentTimeMillis() + timeoutMs;
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException e) {
                if (System.currentTimeMillis() > end) {
                    throw new IllegalStateException("nothing listens on port " + port, e);
                }
                Thread.sleep(50);
            }
        }
    }

    /** Arguments for host, port and (when given) credentials of a mosquitto client. */
    public static List<String> client(String tool, int port, String user, String password, String... more) {
        ExternalTools.require(tool, "mosquitto-clients");
        List<String> cmd = new ArrayList<>(List.of(tool, "-h", "127.0.0.1", "-p", Integer.toString(port), "-V", "mqttv311"));
        if (user != null) {
            cmd.addAll(List.of("-u", user));
        }
        if (password != null) {
            cmd.addAll(List.of("-P", password));
        }
        cmd.addAll(List.of(more));
        return cmd;
    }

    /** Result of a finished client process. */
    public record Run(int exit, String output) {
    }

    /** Runs mosquitto_pub to completion (stdin from {@code input} when not null). */
    public static Run pub(int port, String user, String password, String input, String... more) throws Exception {
        return run("mosquitto_pub", port, user, password, input, more);
    }

    /**
     * Subscribes with {@code mosquitto_sub -d -E} (QoS 1) and returns once the SUBACK came (or the CONNECT
     * was refused); the output holds {@code Subscribed (mid: n): q}, q = 128 for a refused filter.
     */
    public static Run subscribeOnce(int port, String user, String password, String filter) throws Exception {
        return run("mosquitto_sub", port, user, password, null, "-d", "-E", "-q", "1", "-t", filter);
    }

    private static Run run(String tool, int port, String user, String password, String input, String... more) throws Exception {
        Process p = new ProcessBuilder(client(tool, port, user, password, more)).redirectErrorStream(true).start();
        if (input != null) {
            p.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(tool + " did not finish");
        }
        return new Run(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** Starts mosquitto_sub; its output goes to {@code out}. */
    public static Process sub(int port, String user, String password, Path out, String... more) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("stdbuf", "-oL")); // line-buffered, so tests see SUBACK and messages at once
        cmd.addAll(client("mosquitto_sub", port, user, password, more));
        return new ProcessBuilder(cmd)
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
    }
}
