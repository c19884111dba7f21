package org.hemowatch.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * The disk's fsync time where a data directory lives: appends one 4 KiB page to a file and forces it to
 * the disk ({@code fsync}), {@code n} times, as a SQLite COMMIT in WAL mode with {@code synchronous=FULL}
 * does for its WAL frames. Prints nothing; the benchmark prints the median and the 90th percentile.
 */
final class FsyncTime {

    /** Milliseconds per fsync: median and 90th percentile. */
    record Millis(double median, double p90) {
    }

    private FsyncTime() {
    }

    static Millis measure(Path dir, int n) throws IOException {
        Path f = Files.createTempFile(dir, "fsync-probe", ".bin");
        double[] ms = new double[n];
        try (FileChannel ch = FileChannel.open(f, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
            ByteBuffer page = ByteBuffer.allocateDirect(4096);
            for (int i = 0; i < n; i++) {
                page.clear();
                ch.write(page);
                long t0 = System.nanoTime();
                ch.force(true);
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
        } finally {
            Files.deleteIfExists(f);
        }
        Arrays.sort(ms);
        return new Millis(ms[n / 2], ms[(int) (n * 0.9)]);
    }
}
