package org.hemowatch.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One process per SQLite file: an exclusive OS lock on {@code <file>.lock}, held while the store is
 * open. SQLite itself would let a second Hemowatch open the file, and the two would then each keep
 * their own view in memory and overwrite each other's decisions; several instances need PostgreSQL.
 * The OS drops the lock when the process dies, so a crash never leaves a stale lock behind.
 */
final class SqliteFileLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private SqliteFileLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock of the database file {@code db}, or fails naming the file and what to do. */
    static SqliteFileLock acquire(Path db) {
        Path file = db.resolveSibling(db.getFileName() + ".lock");
        FileChannel ch = null;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException sameProcess) {
                l = null;
            }
            if (l == null) {
                ch.close();
                throw new StoreException("the SQLite database " + db + " is already in use by another Hemowatch instance"
                        + " (it holds " + file + "). A SQLite store serves one instance only: stop the other one, give this one"
                        + " its own HEMOWATCH_DATA_DIR, or run several instances on PostgreSQL (HEMOWATCH_DB_URL=jdbc:postgresql://...)");
            }
            return new SqliteFileLock(ch, l);
        } catch (IOException e) {
            if (ch != null) {
                try {
                    ch.close();
                } catch (IOException ignored) {
                    // already failing
                }
            }
            throw new StoreException("cannot lock the SQLite database " + db + " (" + file + "): " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException ignored) {
            // the lock goes with the channel, or with the process
        }
    }
}
