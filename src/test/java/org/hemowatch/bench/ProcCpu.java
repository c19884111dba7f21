package org.hemowatch.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time a process has used (user + system), from {@code /proc/<pid>/stat} (Linux; clock ticks of 10 ms). */
final class ProcCpu {

    /** Linux's USER_HZ: /proc reports utime and stime in 1/100 s on every common architecture. */
    private static final long TICKS_PER_SECOND = 100;

    private ProcCpu() {
    }

    /** Microseconds of CPU used by the process so far. */
    static long micros(long pid) {
        return micros(Path.of("/proc/" + pid + "/stat"));
    }

    /**
     * Microseconds of CPU used so far by the JVM's JIT compiler threads of the process (C1, C2), from
     * {@code /proc/<pid>/task/*}: compilation, not the work measured. A compiler thread the JVM has
     * stopped meanwhile is no longer listed, so this can only be too low.
     */
    static long jitMicros(long pid) {
        long sum = 0;
        try (var tasks = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path t : tasks.toList()) {
                try {
                    if (Files.readString(t.resolve("comm")).startsWith("C") && Files.readString(t.resolve("comm")).contains("CompilerThre")) {
                        sum += micros(t.resolve("stat"));
                    }
                } catch (IOException | IllegalStateException gone) {
                    // the thread ended while being read
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list /proc/" + pid + "/task", e);
        }
        return sum;
    }

    private static long micros(Path statFile) {
        try {
            String stat = Files.readString(statFile);
            // the command name (field 2) may contain spaces: count fields after its closing parenthesis
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long utime = Long.parseLong(f[11]);
            long stime = Long.parseLong(f[12]);
            return (utime + stime) * 1_000_000 / TICKS_PER_SECOND;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + statFile, e);
        }
    }
}
