package org.hemowatch.app;

import org.hemowatch.app.config.ConfigException;
import org.hemowatch.app.config.ConfigLoader;
import org.hemowatch.app.config.HemowatchConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Callable;

/** {@code hemowatch serve}: runs the service until SIGTERM/SIGINT. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Run the service (default: SQLite under ./data, HTTP on 8080). Environment variables HEMOWATCH_* override the config file.")
final class ServeCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @Option(names = {"-c", "--config"}, description = "YAML or JSON config file (default: ./hemowatch.yaml if present)")
    Path config;

    @Override
    public Integer call() throws Exception {
        HemowatchConfig cfg;
        try {
            cfg = new ConfigLoader().load(config, System.getenv());
        } catch (ConfigException e) {
            System.err.println("hemowatch: invalid configuration: " + e.getMessage());
            return 2;
        }
        Hemowatch service;
        try {
            service = Hemowatch.start(cfg, Clock.systemUTC()).toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
        } catch (Exception e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            LOG.error("Hemowatch failed to start: {}", cause.getMessage(), cause);
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
