package org.hemowatch.testing;

/** Something a test does while the service is stopped ({@link HemowatchExtension#restart(ThrowingRunnable)}). */
@FunctionalInterface
public interface ThrowingRunnable {
    void run() throws Exception;
}
