package io.altostratus.ssh;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.sshd.common.config.keys.PublicKeyEntry;

/**
 * Host keys recorded per host (trust on first use, then verified), in a file of lines
 * {@code HOST-KEY-ID KEY-TYPE BASE64} like OpenSSH's known_hosts. Host key ids are instance ids for cloud
 * instances, so an address that moves to a new instance is not mistaken for the old one.
 *
 * <p>One id may hold several keys (one per key type, as servers offer several); a key of a type already on record
 * for the id that differs from it is a changed host key and is refused, never silently replaced.
 */
public final class KnownHosts {
    private final Path file;

    public KnownHosts(Path file) {
        this.file = Objects.requireNonNull(file, "file");
    }

    public Path file() {
        return file;
    }

    /** What {@link #check} found. */
    public sealed interface Verdict {
        /** The key is on record for this id. */
        record Known(String fingerprint) implements Verdict { }

        /** Nothing was on record for this id and key type; the key has now been recorded. */
        record Recorded(String fingerprint) implements Verdict { }

        /** A different key of the same type is on record: the host changed, or someone is in the middle. */
        record Changed(String hostKeyId, String keyType, String recordedFingerprint, String offeredFingerprint)
                implements Verdict {
            public AltoException toException() {
                return new AltoException(ErrorCode.AUTH_FAILURE, "HostKeyChanged",
                        "the " + keyType + " host key of " + hostKeyId + " has changed: recorded "
                                + recordedFingerprint + ", offered " + offeredFingerprint
                                + " (if the host was really replaced, remove its line from the known hosts file)");
            }
        }
    }

    /** Checks {@code key} for {@code hostKeyId}, recording it when the id has no key of that type yet. */
    public synchronized Verdict check(String hostKeyId, PublicKey key) {
        String line = PublicKeyEntry.toString(key);
        String[] parts = line.split(" ");
        String type = parts[0];
        String offered = fingerprint(parts[1]);
        Map<String, List<String[]>> entries = read();
        for (String[] e : entries.getOrDefault(hostKeyId, List.of())) {
            if (!e[1].equals(type)) {
                continue;
            }
            if (e[2].equals(parts[1])) {
                return new Verdict.Known(offered);
            }
            return new Verdict.Changed(hostKeyId, type, fingerprint(e[2]), offered);
        }
        append(hostKeyId + " " + type + " " + parts[1]);
        return new Verdict.Recorded(offered);
    }

    /** The fingerprints on record for an id, in file order. */
    public synchronized List<String> fingerprints(String hostKeyId) {
        List<String> out = new ArrayList<>();
        for (String[] e : read().getOrDefault(hostKeyId, List.of())) {
            out.add(fingerprint(e[2]));
        }
        return out;
    }

    /** Forgets every key of an id (after a host was knowingly rebuilt). Returns how many lines went. */
    public synchronized int forget(String hostKeyId) {
        List<String> kept = new ArrayList<>();
        int removed = 0;
        for (String line : lines()) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 3 && f[0].equals(hostKeyId)) {
                removed++;
            } else {
                kept.add(line);
            }
        }
        if (removed > 0) {
            write(kept);
        }
        return removed;
    }

    /** OpenSSH's SHA256 fingerprint of a key blob given in base64. */
    public static String fingerprint(String base64Blob) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Base64.getDecoder().decode(base64Blob));
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** The fingerprint of a public key, as {@code ssh-keygen -l} prints it. */
    public static String fingerprint(PublicKey key) {
        return fingerprint(PublicKeyEntry.toString(key).split(" ")[1]);
    }

    private Map<String, List<String[]>> read() {
        Map<String, List<String[]>> byId = new LinkedHashMap<>();
        for (String line : lines()) {
            String t = line.trim();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            String[] f = t.split("\\s+");
            if (f.length >= 3) {
                byId.computeIfAbsent(f[0], k -> new ArrayList<>()).add(f);
            }
        }
        return byId;
    }

    private List<String> lines() {
        try {
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            throw new AltoException(ErrorCode.PROVIDER_ERROR, "KnownHostsUnreadable",
                    "cannot read the known hosts file " + file + ": " + e.getMessage(), e);
        }
    }

    private void append(String line) {
        List<String> all = new ArrayList<>(lines());
        all.add(line);
        write(all);
    }

    /** Whole-file replace through a temporary file, so a crash never leaves half a file of trust decisions. */
    private void write(List<String> all) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".known_hosts", ".tmp");
            Files.write(tmp, all, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new AltoException(ErrorCode.PROVIDER_ERROR, "KnownHostsUnwritable",
                    "cannot write the known hosts file " + file + ": " + e.getMessage(), e);
        }
    }
}
