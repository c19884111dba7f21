package org.hemowatch.testing;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The external programs some tests run (mosquitto, socat, prometheus, openssl, ...). {@code bash .ci/test}
 * installs them and runs with {@code -Dhemowatch.tools=required}, so there a missing one FAILS the
 * test. A developer running a single test without it gets a SKIP that says what to install.
 */
public final class ExternalTools {

    private ExternalTools() {
    }

    /** Skips (or, with {@code -Dhemowatch.tools=required}, fails) the test when {@code command} is not on the PATH. */
    public static void require(String command, String debianPackage) {
        if (installed(command)) {
            return;
        }
        String why = command + " is not installed; this test needs it (Debian/Ubuntu: apt-get install -y " + debianPackage
                + "; bash .ci/test installs it)";
        if ("required".equals(System.getProperty("hemowatch.tools"))) {
            fail(why);
        }
        Assumptions.abort("skipped: " + why);
    }

    /**
     * For a test that checks more with {@code command} when it is there and less without: false when it is missing
     * (the test goes on with what it can check), but a failure under {@code -Dhemowatch.tools=required}, where
     * .ci/test installed it and a missing one means the install broke.
     */
    public static boolean available(String command, String debianPackage) {
        if (installed(command)) {
            return true;
        }
        if ("required".equals(System.getProperty("hemowatch.tools"))) {
            fail(command + " is not installed, though bash .ci/test installs it (Debian/Ubuntu: apt-get install -y " + debianPackage + ")");
        }
        return false;
    }

    public static boolean installed(String command) {
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
}
