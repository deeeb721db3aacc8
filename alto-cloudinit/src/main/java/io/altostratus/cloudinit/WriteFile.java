package io.altostratus.cloudinit;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One entry of cloud-config's {@code write_files}: a file cloud-init writes on first boot. Text is written as
 * text; anything that is not UTF-8 text (or holds control characters) goes base64-encoded ({@code encoding: b64})
 * so the bytes arrive unchanged.
 *
 * @param path absolute path on the instance
 * @param content the bytes to write
 * @param permissions octal mode such as {@code 0644}, or null for cloud-init's default (0644)
 * @param owner {@code user:group}, or null for cloud-init's default (root:root)
 * @param append true to append to an existing file instead of replacing it
 */
public record WriteFile(String path, byte[] content, String permissions, String owner, boolean append) {
    private static final Pattern MODE = Pattern.compile("0?[0-7]{3,4}");

    public WriteFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(content, "content");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("write_files path must be absolute: '" + path + "'");
        }
        if (permissions != null && !MODE.matcher(permissions).matches()) {
            throw new IllegalArgumentException("permissions must be an octal mode like 0644: '" + permissions + "'");
        }
        content = content.clone();
    }

    /** A text file with cloud-init's default mode and owner. */
    public static WriteFile text(String path, String text) {
        return new WriteFile(path, text.getBytes(StandardCharsets.UTF_8), null, null, false);
    }

    /** Any bytes with cloud-init's default mode and owner. */
    public static WriteFile bytes(String path, byte[] bytes) {
        return new WriteFile(path, bytes, null, null, false);
    }

    public WriteFile withPermissions(String mode) {
        return new WriteFile(path, content, mode, owner, append);
    }

    public WriteFile withOwner(String newOwner) {
        return new WriteFile(path, content, permissions, newOwner, append);
    }

    public WriteFile appending() {
        return new WriteFile(path, content, permissions, owner, true);
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    /** Whether the content goes base64-encoded. */
    public boolean binary() {
        return asText(content) == null;
    }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("path", path);
        String text = asText(content);
        if (text == null) {
            m.put("encoding", "b64");
            m.put("content", Base64.getEncoder().encodeToString(content));
        } else {
            m.put("content", text);
        }
        if (owner != null) {
            m.put("owner", owner);
        }
        if (permissions != null) {
            // Always four digits with a leading zero, quoted by the writer, so YAML cannot read it as a number.
            m.put("permissions", permissions.length() == 3 ? "0" + permissions : permissions);
        }
        if (append) {
            m.put("append", true);
        }
        return m;
    }

    /** The content as a string when it is strict UTF-8 without control characters other than tab, CR and LF. */
    private static String asText(byte[] bytes) {
        String s;
        try {
            s = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7F || c == 0xFEFF
                    || c >= 0x80 && c < 0xA0) {
                return null;
            }
        }
        return s;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WriteFile w && path.equals(w.path) && java.util.Arrays.equals(content, w.content)
                && Objects.equals(permissions, w.permissions) && Objects.equals(owner, w.owner) && append == w.append;
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, java.util.Arrays.hashCode(content), permissions, owner, append);
    }

    @Override
    public String toString() {
        return "WriteFile[" + path + ", " + content.length + " bytes]";
    }
}
