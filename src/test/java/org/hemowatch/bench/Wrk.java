package org.hemowatch.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the {@code wrk} HTTP load generator (Debian package {@code wrk}) against 127.0.0.1 and reads
 * its summary: requests per second, the 99th percentile latency, and the responses that were
 * neither 2xx nor 3xx. Installs wrk with apt-get when it is missing and the bench runs as root.
 */
final class Wrk {

    record Result(String name, double requestsPerSecond, double p99Millis, long errors, long requests) {
    }

    private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern P99 = Pattern.compile("\\s99%\\s+([0-9.]+)(us|ms|s)");
    private static final Pattern ERRORS = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
    private static final Pattern SOCKET_ERRORS = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");

    private Wrk() {
    }

    static void ensureInstalled() throws IOException, InterruptedException {
        if (run(List.of("sh", "-c", "command -v wrk")).exit == 0) {
            return;
        }
        String sudo = "root".equals(System.getProperty("user.name")) ? "" : "sudo ";
        Outcome o = run(List.of("sh", "-c", sudo + "apt-get update -qq && DEBIAN_FRONTEND=noninteractive " + sudo
                + "apt-get install -y -qq --no-install-recommends wrk"));
        if (o.exit != 0) {
            throw new IllegalStateException("wrk is missing and apt-get could not install it:\n" + o.output);
        }
    }

    /**
     * One run: {@code threads} threads, {@code connections} connections, {@code seconds} long.
     *
     * @param lua a wrk Lua script (request, delay…) or null
     */
    static Result run(String name, String url, List<String> headers, String lua, int threads, int connections, int seconds)
            throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s", "--latency"));
        for (String h : headers) {
            cmd.add("-H");
            cmd.add(h);
        }
        Path script = null;
        if (lua != null) {
            script = Files.createTempFile("wrk", ".lua");
            Files.writeString(script, lua);
            cmd.add("-s");
            cmd.add(script.toString());
        }
        cmd.add(url);
        try {
            Outcome o = run(cmd);
            if (o.exit != 0) {
                throw new IllegalStateException("wrk failed:\n" + o.output);
            }
            return parse(name, o.output);
        } finally {
            if (script != null) {
                Files.deleteIfExists(script);
            }
        }
    }

    static Result parse(String name, String out) {
        Matcher rps = RPS.matcher(out);
        Matcher p99 = P99.matcher(out);
        if (!rps.find() || !p99.find()) {
            throw new IllegalStateException("cannot read wrk's output:\n" + out);
        }
        double v = Double.parseDouble(p99.group(1));
        double ms = switch (p99.group(2)) {
            case "us" -> v / 1000;
            case "s" -> v * 1000;
            default -> v;
        };
        long errors = 0;
        Matcher e = ERRORS.matcher(out);
        if (e.find()) {
            errors += Long.parseLong(e.group(1));
        }
        Matcher s = SOCKET_ERRORS.matcher(out);
        if (s.find()) {
            for (int i = 1; i <= 4; i++) {
                errors += Long.parseLong(s.group(i));
            }
        }
        Matcher r = REQUESTS.matcher(out);
        return new Result(name, Double.parseDouble(rps.group(1)), ms, errors, r.find() ? Long.parseLong(r.group(1)) : -1);
    }

    private record Outcome(int exit, String output) {
    }

    private static Outcome run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", cmd) + " did not finish");
        }
        return new Outcome(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
