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

/**
 * Creates the service's files readable by its own user only: directories 0700, files 0600, set at
 * creation (never a window in which a file exists with wider permissions). SQLite creates its
 * {@code -wal} and {@code -shm} files with the database file's permissions, so pre-creating the
 * database file 0600 covers them. On file systems without POSIX permissions the files are created plainly.
 */
public final class PrivateFiles {

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

    private static FileAttribute<Set<PosixFilePermission>> attribute(Set<PosixFilePermission> perms) {
        return PosixFilePermissions.asFileAttribute(perms);
    }
}
