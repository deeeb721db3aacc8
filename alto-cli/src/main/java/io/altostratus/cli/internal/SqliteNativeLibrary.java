package io.altostratus.cli.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import org.sqlite.util.LibraryLoaderUtil;

/**
 * Copies sqlite-jdbc's native library for this machine out of its jar, once per build ({@code bin/alto} runs this
 * beside the start-up cache and then passes {@code -Dorg.sqlite.lib.path} and {@code -Dorg.sqlite.lib.name}).
 * Without that, sqlite-jdbc writes the library (over 1 MB) to a new file in the temporary directory in every
 * process that opens a state directory, under a random name (which seeds a SecureRandom) after an MD5 check, and
 * deletes it at exit: tens of milliseconds of every {@code alto ls}. When the copy is missing, sqlite-jdbc falls
 * back to its own extraction, so this is only ever a shortcut.
 *
 * <p>Usage: {@code SqliteNativeLibrary DIR}: writes {@code DIR/<library name>} and prints its name.
 */
public final class SqliteNativeLibrary {
    private SqliteNativeLibrary() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: SqliteNativeLibrary DIR");
            System.exit(2);
        }
        String name = LibraryLoaderUtil.getNativeLibName();
        String resource = LibraryLoaderUtil.getNativeLibResourcePath() + "/" + name;
        Path dir = Files.createDirectories(Path.of(args[0]));
        Path tmp = Files.createTempFile(dir, ".extracting-", ".tmp");
        try (InputStream in = LibraryLoaderUtil.class.getResourceAsStream(resource)) {
            if (in == null) {
                // No library for this OS and architecture in the jar: sqlite-jdbc will say so itself when used.
                System.err.println("sqlite-jdbc has no native library at " + resource);
                System.exit(1);
            }
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            readableByAll(tmp);
            // Renamed into place whole, so a concurrent bin/alto never loads a half-written library.
            Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        System.out.println(name);
    }

    /** As any other build output (a temporary file starts private to its owner); where POSIX permissions exist. */
    private static void readableByAll(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system: the default permissions are all there is.
        }
    }
}
