package org.hemowatch.ingest.serial;

import org.hemowatch.domain.rule.RejectedException;
import org.hemowatch.domain.rule.Rejection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import org.hemowatch.auth.Principal;
import org.hemowatch.auth.SystemPrincipal;
import org.hemowatch.domain.DeviceStatusReport;
import org.hemowatch.domain.DiscardHold;
import org.hemowatch.domain.UnitAction;
import org.hemowatch.domain.TemperatureReading;
import org.hemowatch.ingest.ReadingIngest;
import org.hemowatch.ingest.ScanIngest;
import org.hemowatch.ingest.ScanRequest;
import org.hemowatch.publish.MqttPublisher;
import org.hemowatch.publish.Topics;
import org.hemowatch.metrics.MetricNames;
import org.hemowatch.metrics.ReadingMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The serial adapter: supervises the configured ports and turns their bytes into the same
 * readings, status reports and scans as the other transports. Fridge lines become readings;
 * scanner reads are grouped into scans; a lost port marks its devices offline.
 * Everything here runs on this verticle's context; the port threads only hand bytes over.
 */
public final class SerialIngestVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(SerialIngestVerticle.class);

    private final List<SerialPortConfig> ports;
    private final ReadingIngest readings;
    private final ScanIngest scans;
    private final MeterRegistry registry;
    private final ReadingMetrics readingMetrics;
    private final Clock clock;
    private final MqttPublisher publisher;
    private final ErrorBurstGate logGate = new ErrorBurstGate(Duration.ofMinutes(1));
    private final Map<String, PortState> states = new ConcurrentHashMap<>();
    private SerialPortSupervisor supervisor;

    /**
     * @param publisher where scanner rejections are published (the scanner's errors topic); {@link MqttPublisher#NONE} without MQTT
     */
    public SerialIngestVerticle(List<SerialPortConfig> ports, ReadingIngest readings, ScanIngest scans,
                                MeterRegistry registry, Clock clock, MqttPublisher publisher) {
        this.ports = List.copyOf(ports);
        this.readings = readings;
        this.scans = scans;
        this.registry = registry;
        this.readingMetrics = new ReadingMetrics(registry);
        this.clock = clock;
        this.publisher = publisher;
    }

    @Override
    public Future<?> start() {
        supervisor = new SerialPortSupervisor(context);
        Map<String, SerialPortConfig> byPath = new HashMap<>();
        for (SerialPortConfig port : ports) {
            byPath.put(port.path(), port);
            registerStateGauges(port.path());
            if (port.kind() == SerialPortConfig.Kind.FRIDGE) {
                ControllerStream stream = ControllerStream.forPort(port);
                supervisor.open(port, bytes -> stream.feed(bytes, clock.instant()).forEach(line -> onControllerLine(port, line)));
            } else {
                ScannerPort scanner = new ScannerPort(port);
                supervisor.open(port, scanner::feed);
            }
        }
        supervisor.onStatusChange(status -> onStatus(byPath.get(status.path()), status));
        LOG.info("serial: supervising {} port(s)", ports.size());
        return Future.succeededFuture();
    }

    @Override
    public Future<?> stop() {
        return supervisor == null ? Future.succeededFuture() : supervisor.close();
    }

    /** Status of every configured port (empty before start). */
    public Map<String, PortStatus> status() {
        return supervisor == null ? Map.of() : supervisor.status();
    }

    private void registerStateGauges(String path) {
        for (PortState s : PortState.values()) {
            Gauge.builder(MetricNames.SERIAL_PORT_STATE, () -> states.get(path) == s ? 1 : 0)
                    .description("Serial port state: 1 for the port's current state")
                    .tags("path", path, "state", s.name().toLowerCase())
                    .register(registry);
        }
        states.put(path, PortState.STARTING);
    }

    private void onControllerLine(SerialPortConfig port, MappedLine line) {
        if (line instanceof MappedLine.Reading r) {
            store(port, r.reading());
        } else if (line instanceof MappedLine.Status s) {
            try {
                readings.status(senderOf(port), s.report());
            } catch (RejectedException e) {
                reject(port, e.rejection().rule(), e.rejection().message());
            }
        } else if (line instanceof MappedLine.Rejected rejected) {
            reject(port, rejected.error().rule(), rejected.error().message());
        }
    }

    private void store(SerialPortConfig port, TemperatureReading reading) {
        Future.fromCompletionStage(readings.record(senderOf(port), List.of(reading)), context).onComplete(ar -> {
            if (ar.succeeded()) {
                if (ar.result().stored() > 0) {
                    readingMetrics.accepted(reading.site(), "serial", ar.result().stored());
                } else {
                    readingMetrics.duplicates(reading.site(), "serial", 1);
                }
            } else {
                Rejection e = Rejection.of(ar.cause()).orElse(null);
                String rule = e != null ? e.rule() : "store-failure";
                readingMetrics.rejected("serial", rule);
                logOncePerBurst(port.path() + ":" + rule, "serial {}: reading of {} not stored: {}", port.path(), reading.device(),
                        e != null ? e.message() : String.valueOf(ar.cause()));
            }
        });
    }

    private void reject(SerialPortConfig port, String rule, String message) {
        Counter.builder(MetricNames.SERIAL_LINES_REJECTED).description("Serial lines dropped, by port path and reason")
                .tags("path", port.path(), "reason", rule).register(registry).increment();
        logOncePerBurst(port.path() + ":" + rule, "serial {}: line dropped ({}): {}", port.path(), rule, message);
    }

    private void logOncePerBurst(String key, String format, Object... args) {
        OptionalLong suppressed = logGate.admit(key, clock.instant());
        if (suppressed.isPresent()) {
            LOG.warn(format + (suppressed.getAsLong() > 0 ? " (" + suppressed.getAsLong() + " more like it in the last burst)" : ""), args);
        }
    }

    private void onStatus(SerialPortConfig port, PortStatus status) {
        PortState previous = states.put(status.path(), status.state());
        LOG.info("serial {}: {}{}", status.path(), status.state(), status.lastError() == null ? "" : " (" + status.lastError() + ")");
        if (port == null || port.kind() != SerialPortConfig.Kind.FRIDGE) {
            return;
        }
        boolean lost = previous == PortState.OPEN && status.state() != PortState.OPEN;
        boolean back = status.state() == PortState.OPEN && previous != PortState.OPEN && status.opens() > 1;
        if (lost || back) {
            Instant now = clock.instant();
            String code = lost ? "offline" : "online";
            port.devices().values().forEach(device ->
                    readings.status(senderOf(port), new DeviceStatusReport(port.site(), device, -1, now, code, "serial:" + port.path())));
        }
    }

    /** One scanner port: frames reads, groups them into scans, closes a group after the quiet time. */
    private final class ScannerPort {
        private final SerialPortConfig port;
        private final ScannerStream stream;
        private long timerId = -1;

        ScannerPort(SerialPortConfig port) {
            this.port = port;
            this.stream = ScannerStream.forPort(port);
        }

        void feed(byte[] bytes) {
            stream.feed(bytes, clock.instant()).forEach(this::handle);
            schedule();
        }

        private void handle(ScannerOutput out) {
            if (out instanceof ScannerOutput.Scan s) {
                submit(s.scan());
            } else if (out instanceof ScannerOutput.Dropped d) {
                reject(port, d.error().rule(), d.error().message());
            }
        }

        private void schedule() {
            if (timerId >= 0) {
                vertx.cancelTimer(timerId);
                timerId = -1;
            }
            stream.closesAt().ifPresent(at -> {
                long delay = Math.max(1, Duration.between(clock.instant(), at).toMillis());
                timerId = vertx.setTimer(delay, id -> {
                    timerId = -1;
                    stream.tick(clock.instant()).ifPresent(this::submit);
                    schedule();
                });
            });
        }

        private void submit(AssembledScan scan) {
            ScanRequest request = new ScanRequest(port.site(), port.scanner(), port.action().name(), port.location(), null, null, null,
                    scan.reads(), "serial", senderOf(port), null);
            Future.fromCompletionStage(scans.process(request), context).onSuccess(unit -> {
                if (port.action() == UnitAction.DISCARD && DiscardHold.pending(unit)) {
                    // a serial scanner cannot sign: the unit is held for a person's signed discard, and the scanner is told
                    LOG.info("serial {}: DISCARD by {} held unit {} for a signed discard", port.path(), port.scanner(), unit.key());
                    publisher.publish(Topics.errors(port.site(), Topics.SCANNERS, port.scanner()),
                            Topics.errorPayload(null, scan.reads(), DiscardHold.MARK, DiscardHold.message(unit)), MqttQoS.AT_LEAST_ONCE, false);
                }
            }).onFailure(failure -> {
                Rejection e = Rejection.of(failure).orElse(null);
                String rule = e != null ? e.rule() : "store-failure";
                String message = e != null ? e.message() : String.valueOf(failure.getMessage());
                LOG.warn("serial {}: scan by {} rejected ({}): {}", port.path(), port.scanner(), rule, message);
                publisher.publish(Topics.errors(port.site(), Topics.SCANNERS, port.scanner()),
                        Topics.errorPayload(null, scan.reads(), rule, message), MqttQoS.AT_LEAST_ONCE, false);
            });
        }
    }

    /** A configured port speaks for the devices on its wire, at its site only. */
    private static Principal senderOf(SerialPortConfig port) {
        return SystemPrincipal.serialPort(port.path(), port.site());
    }
}
