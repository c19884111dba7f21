package org.hemowatch.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The child JVMs of a {@link HemowatchExtension}: the instances of {@link HemowatchExtension#asProcesses()} (instance
 * {@code i} at index {@code i}, each with its log) and the single one of {@link HemowatchExtension#startProcess()}.
 * At the close every process still alive is stopped, and the instances' logs are kept in
 * {@code target/cluster-logs/<test class>-hw-n.log} for a failure's inquest.
 */
final class ChildInstances {

    private final List<ServiceProcess> instances = new ArrayList<>();
    private final List<Path> logs = new ArrayList<>();
    private final List<Http> http = new ArrayList<>();
    private final List<ServiceProcess> others = new ArrayList<>();

    /** Starts instance {@code i} with {@code builder}, its output appended to {@code log}; nothing when it runs. */
    void start(int i, ServiceBuilder builder, Path log) throws Exception {
        while (instances.size() <= i) {
            instances.add(null);
            logs.add(null);
            http.add(null);
        }
        if (instances.get(i) == null) {
            ServiceProcess p = builder.startProcess(log);
            instances.set(i, p);
            logs.set(i, log);
            http.set(i, new Http(p.httpPort()));
        }
    }

    /** A process the extension stops at the close, not one of the instances. */
    void add(ServiceProcess p) {
        others.add(p);
    }

    ServiceProcess process(int i) {
        ServiceProcess p = i < instances.size() ? instances.get(i) : null;
        if (p == null) {
            throw new IllegalStateException("instance " + i + " is not running as a process: ask for asProcesses()");
        }
        return p;
    }

    Http http(int i) {
        process(i);
        return http.get(i);
    }

    String log(int i) throws Exception {
        if (i >= logs.size() || logs.get(i) == null) {
            throw new IllegalStateException("instance " + i + " was never started as a process");
        }
        return Files.readString(logs.get(i));
    }

    /** Stops instance {@code i} (as an operator does; nothing when it was killed). */
    void stop(int i) throws InterruptedException {
        ServiceProcess p = i < instances.size() ? instances.set(i, null) : null;
        if (p != null) {
            http.set(i, null);
            p.close();
        }
    }

    /** Stops every process still alive and keeps the instances' logs under {@code prefix}. */
    void close(String prefix) throws Exception {
        try {
            for (int i = 0; i < instances.size(); i++) {
                stop(i);
            }
            for (ServiceProcess p : others) {
                p.close();
            }
            Path keep = Files.createDirectories(Path.of("target", "cluster-logs"));
            for (Path log : logs) {
                if (log != null && Files.exists(log)) {
                    Files.copy(log, keep.resolve(prefix + "-" + log.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } finally {
            instances.clear();
            logs.clear();
            http.clear();
            others.clear();
        }
    }
}
