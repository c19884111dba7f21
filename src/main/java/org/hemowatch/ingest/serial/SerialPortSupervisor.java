package org.hemowatch.ingest.serial;

import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.hemowatch.domain.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps serial ports open and reads them, one dedicated daemon thread per port, so blocking native
 * calls never run on an event loop. Received bytes and status changes are handed to the Vert.x
 * {@link Context} given at construction ({@code context.runOnContext}), in the order they happened.
 *
 * <p>Per port: open; on failure (missing, busy, ...) retry with exponential backoff (the domain {@link Backoff},
 * from {@code initialBackoff} doubling to {@code maxBackoff}, never giving up). While open, poll
 * {@link SerialLink#readAvailable()}: jssc gives no event when a device disappears, only a failing
 * read, so the poll is also the watchdog. On a read failure the link is closed, the port goes
 * {@link PortState#DISCONNECTED} and is reopened with backoff, without a restart. The backoff resets
 * after every successful open.
 */
public final class SerialPortSupervisor {
    private static final Logger LOG = LoggerFactory.getLogger(SerialPortSupervisor.class);

    private final Context context;
    private final SerialLink.Factory links;
    private final SupervisorSettings settings;
    private final Clock clock;
    private final Map<String, PortWorker> workers = new LinkedHashMap<>();
    private final Map<String, PortStatus> status = new ConcurrentHashMap<>();
    private final List<Consumer<PortStatus>> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /** jssc links, default timing, system clock. */
    public SerialPortSupervisor(Context context) {
        this(context, JsscSerialLink::new, SupervisorSettings.defaults(), Clock.systemUTC());
    }

    public SerialPortSupervisor(Context context, SerialLink.Factory links, SupervisorSettings settings, Clock clock) {
        this.context = Objects.requireNonNull(context, "context");
        this.links = Objects.requireNonNull(links, "links");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Starts supervising a port. {@code onBytes} runs on the context with each chunk read, in order.
     *
     * @throws IllegalStateException if the path is already supervised or the supervisor is closed
     */
    public synchronized void open(SerialPortConfig config, Consumer<byte[]> onBytes) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(onBytes, "onBytes");
        if (closed) {
            throw new IllegalStateException("supervisor is closed");
        }
        if (workers.containsKey(config.path())) {
            throw new IllegalStateException(config.path() + " is already supervised");
        }
        PortWorker w = new PortWorker(config, onBytes);
        workers.put(config.path(), w);
        status.put(config.path(), w.snapshot(PortState.STARTING));
        w.thread.start();
    }

    /** Adds a listener called on the context whenever a port changes {@link PortState}. */
    public void onStatusChange(Consumer<PortStatus> listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Current status of every supervised port, by path, in the order they were opened. */
    public Map<String, PortStatus> status() {
        Map<String, PortStatus> out = new LinkedHashMap<>();
        synchronized (this) {
            for (String path : workers.keySet()) {
                out.put(path, status.get(path));
            }
        }
        return out;
    }

    /**
     * Stops all port threads and closes the ports. The future completes (on a worker thread of the
     * context's Vert.x) once every port thread has ended.
     */
    public Future<Void> close() {
        List<PortWorker> all;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(workers.values());
        }
        all.forEach(PortWorker::stop);
        return context.executeBlocking(() -> {
            for (PortWorker w : all) {
                w.thread.join();
            }
            return null;
        }, false);
    }

    private final class PortWorker implements Runnable {
        private final SerialPortConfig config;
        private final Consumer<byte[]> onBytes;
        private final Thread thread;
        private volatile boolean stopping;
        // Counters are written by the port thread only; snapshots publish them.
        private PortState state = PortState.STARTING;
        private Instant since;
        private String lastError;
        private long opens;
        private long failures;
        private long bytesRead;
        private Instant lastDataAt;
        private List<String> warnings = List.of();

        PortWorker(SerialPortConfig config, Consumer<byte[]> onBytes) {
            this.config = config;
            this.onBytes = onBytes;
            this.since = clock.instant();
            this.thread = new Thread(this, "hemowatch-serial-" + config.path());
            this.thread.setDaemon(true);
        }

        void stop() {
            stopping = true;
            thread.interrupt();
        }

        @Override
        public void run() {
            Backoff backoff = Backoff.unbounded(settings.initialBackoff(), settings.maxBackoff());
            int failedInARow = 0;
            while (!stopping) {
                SerialLink link = links.create(config.path(), config.baud());
                try {
                    link.open();
                } catch (SerialLinkException e) {
                    link.close();
                    failures++;
                    lastError = e.getMessage();
                    retryAfter(stateFor(e.reason()), backoff.delay(++failedInARow));
                    continue;
                } catch (RuntimeException e) {
                    // e.g. jssc failing to load its native library: keep retrying, the status shows why
                    link.close();
                    failures++;
                    lastError = config.path() + ": " + e;
                    retryAfter(PortState.FAILED, backoff.delay(++failedInARow));
                    continue;
                }
                opens++;
                failedInARow = 0;
                warnings = link.warnings();
                warnings.forEach(w -> LOG.warn("serial port {}: {}", config.path(), w));
                publish(PortState.OPEN, null);
                try {
                    readUntilFailure(link);
                } catch (SerialLinkException e) {
                    failures++;
                    lastError = e.getMessage();
                    link.close();
                    if (!stopping) {
                        retryAfter(PortState.DISCONNECTED, backoff.delay(++failedInARow));
                    }
                } finally {
                    link.close();
                }
            }
            publish(PortState.STOPPED, null);
        }

        private void readUntilFailure(SerialLink link) throws SerialLinkException {
            while (!stopping) {
                byte[] chunk = link.readAvailable();
                if (chunk.length == 0) {
                    pause(settings.pollInterval());
                    continue;
                }
                bytesRead += chunk.length;
                lastDataAt = clock.instant();
                status.put(config.path(), snapshot(state));
                context.runOnContext(v -> deliver(chunk));
            }
        }

        private void deliver(byte[] chunk) {
            try {
                onBytes.accept(chunk);
            } catch (RuntimeException e) {
                LOG.error("serial port {}: byte handler failed", config.path(), e);
            }
        }

        private void publish(PortState newState, Duration retryIn) {
            Instant now = clock.instant();
            boolean changed = newState != state;
            if (changed) {
                state = newState;
                since = now;
            }
            PortStatus s = snapshot(newState, retryIn == null ? null : now.plus(retryIn));
            status.put(config.path(), s);
            if (!changed) {
                LOG.debug("serial port {}: still {} ({})", config.path(), newState, lastError);
                return;
            }
            if (newState == PortState.OPEN || newState == PortState.STOPPED) {
                LOG.info("serial port {}: {}", config.path(), newState);
            } else {
                LOG.warn("serial port {}: {} ({}), retrying in {} ms", config.path(), newState, lastError,
                        retryIn == null ? 0 : retryIn.toMillis());
            }
            context.runOnContext(v -> listeners.forEach(l -> {
                try {
                    l.accept(s);
                } catch (RuntimeException e) {
                    LOG.error("serial port {}: status listener failed", config.path(), e);
                }
            }));
        }

        PortStatus snapshot(PortState st) {
            return snapshot(st, null);
        }

        private PortStatus snapshot(PortState st, Instant nextAttemptAt) {
            return new PortStatus(config.path(), config.kind(), st, since, lastError, opens, failures, bytesRead,
                    lastDataAt, nextAttemptAt, warnings);
        }

        private PortState stateFor(SerialLinkException.Reason reason) {
            return switch (reason) {
                case MISSING -> PortState.MISSING;
                case BUSY -> PortState.BUSY;
                case PERMISSION, IO -> PortState.FAILED;
            };
        }

        private void retryAfter(PortState newState, Duration delay) {
            publish(newState, delay);
            pause(delay);
        }

        private void pause(Duration d) {
            try {
                Thread.sleep(d.toMillis());
            } catch (InterruptedException e) {
                // close() interrupts to end the pause; the loop then sees stopping
                if (!stopping) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}
