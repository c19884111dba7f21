package org.hemowatch.observability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.fail;

/** Runs external tools (promtool, prometheus, docker-compose, systemd-analyze) with a timeout. */
final class Tools {

    record Result(int exit, String output) {
    }

    private Tools() {
    }

    static boolean installed(String command) {
        try {
            Process p = new ProcessBuilder("sh", "-c", "command -v " + command).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Fails the test with an install hint when a tool the CI installs is missing. */
    static void require(String command, String debianPackage) {
        if (!installed(command)) {
            fail(command + " is not installed: the observability tests need it (Debian/Ubuntu: apt-get install -y "
                    + debianPackage + "; bash .ci/test installs it)");
        }
    }

    /** Runs a command with the given stdin (or none), stderr merged into the output. */
    static Result run(Path dir, String stdin, List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        if (stdin != null) {
            p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail(String.join(" ", command) + " did not finish within 120 s");
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
