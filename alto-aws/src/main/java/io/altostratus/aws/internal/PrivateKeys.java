package io.altostratus.aws.internal;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * The private keys of key pairs this provider made, one {@code <region>/<name>.pem} per key under the user's alto
 * config directory. EC2 hands a private key out exactly once, so it is written before anything else can fail, and
 * created with owner-only permissions from the start (never widened, then narrowed): ssh refuses keys others can read.
 */
public final class PrivateKeys {
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);
    private static final Set<PosixFilePermission> OWNER_DIR = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

    private final Path dir;

    public PrivateKeys(Path dir) {
        this.dir = dir;
    }

    public Path path(String region, String name) {
        String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return dir.resolve(region).resolve(safe + ".pem");
    }

    /** Writes the key with mode 0600 and returns where. An existing file of that name is replaced. */
    public Path save(String region, String name, String pem) {
        Path file = path(region, name);
        try {
            Path parent = file.getParent();
            if (!Files.isDirectory(parent)) {
                if (posix(dir)) {
                    Files.createDirectories(parent, PosixFilePermissions.asFileAttribute(OWNER_DIR));
                } else {
                    Files.createDirectories(parent);
                }
            }
            Files.deleteIfExists(file);
            if (posix(parent)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } else {
                Files.createFile(file);
            }
            Files.writeString(file, pem.endsWith("\n") ? pem : pem + "\n", StandardCharsets.US_ASCII,
                    StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            return file;
        } catch (FileAlreadyExistsException e) {
            throw new AltoException(ErrorCode.ALREADY_EXISTS, null, "private key file exists: " + file, e);
        } catch (IOException e) {
            throw new AltoException(ErrorCode.PROVIDER_ERROR, null, "cannot keep the private key in " + file
                    + ": " + e.getMessage(), e);
        }
    }

    /** Removes a kept key; a key that was never kept is fine. */
    public void delete(String region, String name) {
        try {
            Files.deleteIfExists(path(region, name));
        } catch (IOException e) {
            throw new AltoException(ErrorCode.PROVIDER_ERROR, null, "cannot delete " + path(region, name), e);
        }
    }

    private static boolean posix(Path somewhere) {
        Path p = somewhere;
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        return p != null && p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
