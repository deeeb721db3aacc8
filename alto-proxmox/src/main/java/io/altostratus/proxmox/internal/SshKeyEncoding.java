package io.altostratus.proxmox.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The {@code sshkeys} cloud-init option as Proxmox wants it: the keys one per line, the whole text URL-encoded with
 * {@code %20} for spaces (never {@code +}), and that text then form-encoded once more as any parameter. Proxmox
 * decodes it once itself; a {@code +} left in would stay a {@code +}, and a key with a raw space or newline is
 * rejected by the parameter check.
 */
public final class SshKeyEncoding {
    private SshKeyEncoding() {
    }

    /** The value of the {@code sshkeys} parameter for these public keys (OpenSSH one-line format). */
    public static String encode(List<String> publicKeys) {
        String joined = String.join("\n", publicKeys.stream().map(String::strip).filter(k -> !k.isEmpty()).toList());
        StringBuilder out = new StringBuilder();
        for (byte b : joined.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_'
                    || c == '.' || c == '~') {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** The keys in an {@code sshkeys} value read back from a VM's config. */
    public static List<String> decode(String value) {
        String text = java.net.URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8);
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }
}
