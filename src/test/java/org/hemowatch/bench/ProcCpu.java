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
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // the command name (field 2) may contain spaces: count fields after its closing parenthesis
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long utime = Long.parseLong(f[11]);
            long stime = Long.parseLong(f[12]);
            return (utime + stime) * 1_000_000 / TICKS_PER_SECOND;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /proc/" + pid + "/stat", e);
        }
    }
}
