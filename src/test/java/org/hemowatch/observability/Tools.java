package org.hemowatch.observability;

import org.hemowatch.testing.ExternalTools;
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
        return ExternalTools.installed(command);
    }

    /** Skips the test with an install hint when a tool the CI installs is missing (fails it under .ci/test). */
    static void require(String command, String debianPackage) {
        ExternalTools.require(command, debianPackage);
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
