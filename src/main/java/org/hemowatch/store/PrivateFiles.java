package org.hemowatch.store;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the service's files readable by its own user only: directories 0700, files 0600, set at
 * creation (never a window in which a file exists with wider permissions). SQLite creates its
 * {@code -wal} and {@code -shm} files with the database file's permissions, so pre-creating the
 * database file 0600 covers them. On file systems without POSIX permissions the files are created plainly.
 * A data directory made by an older build (or by hand) is tightened at start-up ({@link #tighten}): the
 * directory to 0700, the files in it to 0600, each change logged.
 */
public final class PrivateFiles {

    private static final Logger LOG = LoggerFactory.getLogger(PrivateFiles.class);
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private PrivateFiles() {
    }

    /** Creates the directory and any missing parents 0700; existing directories are left as they are. */
    public static void directory(Path dir) throws IOException {
        Path abs = dir.toAbsolutePath();
        if (Files.isDirectory(abs)) {
            return;
        }
        if (abs.getParent() != null) {
            directory(abs.getParent());
        }
        try {
            if (POSIX) {
                Files.createDirectory(abs, attribute(DIR));
            } else {
                Files.createDirectory(abs);
            }
        } catch (FileAlreadyExistsException exists) {
            if (!Files.isDirectory(abs)) {
                throw exists; // a file where the directory should be
            }
        }
    }

    /** Creates an empty file 0600 (and its directory 0700) if it does not exist yet. */
    public static void file(Path file) throws IOException {
        Path abs = file.toAbsolutePath();
        if (abs.getParent() != null) {
            directory(abs.getParent());
        }
        try {
            if (POSIX) {
                Files.createFile(abs, attribute(FILE));
            } else {
                Files.createFile(abs);
            }
        } catch (FileAlreadyExistsException exists) {
            // keep it
        }
    }

    /**
     * Tightens what others may read: {@code dir} to 0700 and every regular file directly in it (database,
     * its WAL and SHM files, the admin key) to 0600, if they allow more. Logs each change; returns how many.
     */
    public static int tighten(Path dir) throws IOException {
        if (!POSIX || !Files.isDirectory(dir)) {
            return 0;
        }
        int changed = restrict(dir, DIR) ? 1 : 0;
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                changed += restrict(f, FILE) ? 1 : 0;
            }
        }
        return changed;
    }

    /** Tightens the given files (those that exist) to 0600; see {@link #tighten}. */
    public static void tightenFiles(Path... files) throws IOException {
        for (Path f : files) {
            if (POSIX && Files.isRegularFile(f)) {
                restrict(f, FILE);
            }
        }
    }

    private static boolean restrict(Path p, Set<PosixFilePermission> to) throws IOException {
        Set<PosixFilePermission> was = Files.getPosixFilePermissions(p);
        if (was.stream().allMatch(to::contains)) {
            return false;
        }
        try {
            Files.setPosixFilePermissions(p, to);
        } catch (IOException notOurs) {
            LOG.warn("{} is readable by other users ({}) and cannot be tightened: {}", p.toAbsolutePath(), PosixFilePermissions.toString(was), notOurs.toString());
            return false;
        }
        LOG.warn("permissions of {} tightened from {} to {}: the service's data is for its own user only",
                p.toAbsolutePath(), PosixFilePermissions.toString(was), PosixFilePermissions.toString(to));
        return true;
    }

    private static FileAttribute<Set<PosixFilePermission>> attribute(Set<PosixFilePermission> perms) {
        return PosixFilePermissions.asFileAttribute(perms);
    }
}
