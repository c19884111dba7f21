package org.hemowatch.app;

import org.hemowatch.app.config.ConfigLoader;
import org.hemowatch.app.config.HemowatchConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Callable;

/** {@code hemowatch serve}: runs the service until SIGTERM/SIGINT. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the service (default: SQLite under ./data, HTTP on 8080). Environment variables HEMOWATCH_* override the config file.")
final class ServeCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);
    /**
     * Above the sum of the start's step bounds in {@link Hemowatch}: opening the store with its connection retries
     * (60 s), building the components, which loads the open units (600 s: a million units on a machine whose cores
     * are taken by others), and starting the parts (60 s). A start that takes longer is a bug, not a slow disk.
     */
    private static final long START_TIMEOUT_S = 60 + 600 + 60 + 10;

    @Option(names = {"-c", "--config"}, description = "YAML or JSON config file (default: ./hemowatch.yaml if present)")
    Path config;

    @Override
    public Integer call() throws Exception {
        HemowatchConfig cfg = ConfigLoader.loadForCommand(config).orElse(null);
        if (cfg == null) {
            return 2;
        }
        Hemowatch service;
        try {
            service = Hemowatch.start(cfg, Clock.systemUTC()).toCompletionStage().toCompletableFuture().get(START_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StartupFailure known) {
                // an expected condition: one line saying what to change; the stack only at debug
                LOG.debug("start-up failed", known);
                System.err.println("hemowatch: " + known.getMessage());
            } else {
                LOG.error("Hemowatch failed to start: {}", e.getCause().toString(), e.getCause());
            }
            return 1;
        } catch (TimeoutException e) {
            LOG.error("Hemowatch did not start within {} s", START_TIMEOUT_S);
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping");
            try {
                service.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                LOG.warn("shutdown did not finish cleanly", e);
            }
            stopped.countDown();
        }, "hemowatch-shutdown"));
        LOG.info("Hemowatch is running: HTTP on port {}", service.httpPort());
        stopped.await();
        return 0;
    }
}
