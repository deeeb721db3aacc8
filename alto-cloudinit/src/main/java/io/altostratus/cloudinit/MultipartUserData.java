package io.altostratus.cloudinit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Multi-part MIME user data ({@code multipart/mixed}) that hands cloud-init several parts at once, typically a
 * cloud-config and shell scripts. cloud-init runs shell-script parts in the order given, after the cloud-config.
 *
 * <p>The boundary is derived from the parts' contents (so the same parts always give the same bytes) and is
 * checked not to occur in any part. Parts that are 7-bit text with short lines go as they are; anything else
 * (UTF-8, long lines, binary) is base64-encoded, which cloud-init decodes.
 */
public final class MultipartUserData {
    private static final Pattern SAFE_FILENAME = Pattern.compile("[A-Za-z0-9._+-]{1,100}");
    private static final int MAX_7BIT_LINE = 998;

    private final List<Part> parts;

    private MultipartUserData(List<Part> parts) {
        this.parts = List.copyOf(parts);
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<Part> parts() {
        return parts;
    }

    /** One part: its type, a file name cloud-init uses for logs and scripts, and its bytes. */
    public record Part(PartType type, String filename, byte[] content) {
        public Part {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(content, "content");
            if (!SAFE_FILENAME.matcher(filename).matches()) {
                throw new IllegalArgumentException("part file name must be 1-100 of [A-Za-z0-9._+-]: '" + filename + "'");
            }
            content = content.clone();
        }

        @Override
        public byte[] content() {
            return content.clone();
        }
    }

    /** The whole message, with LF line ends (which cloud-init and Python's email parser accept). */
    public String render() {
        String boundary = boundary();
        StringBuilder b = new StringBuilder();
        b.append("Content-Type: multipart/mixed; boundary=\"").append(boundary).append("\"\n");
        b.append("MIME-Version: 1.0\n\n");
        for (Part p : parts) {
            b.append("--").append(boundary).append('\n');
            boolean plain = sevenBitText(p.content);
            b.append("Content-Type: ").append(p.type.mimeType()).append("; charset=\"")
                    .append(plain ? "us-ascii" : "utf-8").append("\"\n");
            b.append("MIME-Version: 1.0\n");
            b.append("Content-Transfer-Encoding: ").append(plain ? "7bit" : "base64").append('\n');
            b.append("Content-Disposition: attachment; filename=\"").append(p.filename).append("\"\n\n");
            if (plain) {
                String text = new String(p.content, StandardCharsets.US_ASCII);
                b.append(text);
                // The line break before a boundary belongs to the boundary, so the part keeps its own last newline.
                b.append('\n');
            } else {
                b.append(Base64.getMimeEncoder(76, new byte[] {'\n'}).encodeToString(p.content)).append('\n');
            }
        }
        b.append("--").append(boundary).append("--\n");
        return b.toString();
    }

    public byte[] renderBytes() {
        return render().getBytes(StandardCharsets.US_ASCII);
    }

    private String boundary() {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (Part p : parts) {
            sha.update(p.type.mimeType().getBytes(StandardCharsets.US_ASCII));
            sha.update(p.content);
        }
        byte[] digest = sha.digest();
        for (int attempt = 0; ; attempt++) {
            String candidate = "===============" + HexFormat.of().formatHex(digest, 0, 10) + attempt + "==";
            if (parts.stream().noneMatch(p -> contains(p.content, candidate))) {
                return candidate;
            }
        }
    }

    private static boolean contains(byte[] haystack, String needle) {
        return new String(haystack, StandardCharsets.ISO_8859_1).contains(needle);
    }

    private static boolean sevenBitText(byte[] content) {
        int lineLength = 0;
        for (byte b : content) {
            if (b == '\n') {
                lineLength = 0;
                continue;
            }
            if (b < 0x20 && b != '\t' || b == 0x7F || ++lineLength > MAX_7BIT_LINE) {
                return false; // also catches negative bytes (>= 0x80) and lone CRs
            }
        }
        return true;
    }

    /** Collects parts in order. */
    public static final class Builder {
        private final List<Part> parts = new ArrayList<>();
        private final List<String> names = new ArrayList<>();

        private Builder() {
        }

        public Builder cloudConfig(CloudConfig config) {
            return part(PartType.CLOUD_CONFIG, null, config.renderBytes());
        }

        /** A shell script (it should start with {@code #!}); run once, after the cloud-config's runcmd. */
        public Builder shellScript(String filename, String script) {
            return part(PartType.SHELL_SCRIPT, filename, script.getBytes(StandardCharsets.UTF_8));
        }

        /** A part whose type comes from its first line, as cloud-init would infer it. */
        public Builder sniffed(String filename, String content) {
            return part(PartType.sniff(content), filename, content.getBytes(StandardCharsets.UTF_8));
        }

        /** A part of any type; a null file name becomes the type's default, numbered when it repeats. */
        public Builder part(PartType type, String filename, byte[] content) {
            String name = filename != null ? filename : type.defaultFilename();
            String unique = name;
            for (int n = 2; names.contains(unique); n++) {
                unique = n + "-" + name;
            }
            names.add(unique);
            parts.add(new Part(type, unique, content));
            return this;
        }

        public MultipartUserData build() {
            if (parts.isEmpty()) {
                throw new IllegalArgumentException("multi-part user data needs at least one part");
            }
            return new MultipartUserData(parts);
        }
    }
}
