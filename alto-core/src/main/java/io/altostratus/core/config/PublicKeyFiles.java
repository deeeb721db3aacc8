package io.altostratus.core.config;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The public key a launch's {@code keyName} stands for on a backend that keeps no key pairs (Proxmox, vSphere:
 * cloud-init gets the key text itself). A key name is looked up as a file {@code NAME.pub} in the provider's
 * {@code keys_dir} setting, then in the state directory's {@code keys/}, then in {@code ~/.ssh}; a key name that
 * already is an OpenSSH public key line is taken as it is.
 */
public final class PublicKeyFiles {
    private final String provider;
    private final List<Path> dirs;

    /**
     * @param provider the provider's name, for the message that says where to put a missing key
     * @param keysDir  the provider's {@code keys_dir} setting, or null
     * @param stateDir the state directory, or null
     */
    public PublicKeyFiles(String provider, String keysDir, Path stateDir) {
        this.provider = provider;
        List<Path> d = new ArrayList<>();
        if (keysDir != null) {
            d.add(Path.of(keysDir.startsWith("~/") ? System.getProperty("user.home") + keysDir.substring(1) : keysDir));
        }
        if (stateDir != null) {
            d.add(stateDir.resolve("keys"));
        }
        String home = System.getProperty("user.home");
        if (home != null) {
            d.add(Path.of(home, ".ssh"));
        }
        this.dirs = List.copyOf(d);
    }

    /** The OpenSSH public key line for {@code keyName}. */
    public String publicKey(String keyName) {
        String k = keyName.strip();
        if (k.matches("(ssh-(rsa|ed25519|dss)|ecdsa-sha2-nistp\\d+|sk-\\S+) [A-Za-z0-9+/=]+( .*)?")) {
            return k;
        }
        if (!k.matches("[A-Za-z0-9._@-]+")) {
            throw new AltoException(ErrorCode.INVALID_PARAMETER, "InvalidKeyName", "'" + keyName
                    + "' is neither a key name nor an OpenSSH public key");
        }
        for (Path dir : dirs) {
            Path file = dir.resolve(k + ".pub");
            if (Files.isRegularFile(file)) {
                try {
                    return Files.readString(file).strip();
                } catch (IOException e) {
                    throw new AltoException(ErrorCode.INVALID_PARAMETER, "KeyUnreadable", "cannot read " + file
                            + ": " + e.getMessage(), e);
                }
            }
        }
        throw new AltoException(ErrorCode.NOT_FOUND, "KeyNotFound", "no public key named '" + keyName + "': "
                + provider + " keeps no key pairs, so put " + k + ".pub in keys_dir of [" + provider + "] or in "
                + dirs);
    }
}
