package io.altostratus.core.query;

import io.altostratus.core.model.Architecture;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How a user names an image: a provider id ({@code ami-0123...}, Azure's URN
 * {@code Canonical:ubuntu-24_04-lts:server:latest}) or an alias {@code distro:release[/arch]} such as
 * {@code ubuntu:24.04}, {@code ubuntu:22.04/arm64}, {@code debian:12} or {@code amazon-linux:2023}. An alias has
 * exactly one colon; text with none or several is an id. An alias without an architecture means x86_64.
 *
 * @param id           the image id, or null for an alias
 * @param distro       the distro of an alias
 * @param release      the release of an alias ({@code latest} is allowed and means the newest)
 * @param architecture the architecture of an alias
 */
public record ImageRef(String id, String distro, String release, Architecture architecture) {
    private static final Pattern ALIAS = Pattern.compile("([a-z][a-z0-9-]*):([A-Za-z0-9.\\-]+)(/[A-Za-z0-9_\\-]+)?");

    public boolean isAlias() {
        return id == null;
    }

    public static ImageRef parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("image is missing (give an image id or an alias such as ubuntu:24.04)");
        }
        String trimmed = text.trim();
        int colon = trimmed.indexOf(':');
        if (colon < 0 || trimmed.indexOf(':', colon + 1) >= 0) {
            return new ImageRef(trimmed, null, null, null);
        }
        var m = ALIAS.matcher(trimmed.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("not an image alias (expected distro:release[/arch], e.g. ubuntu:24.04/arm64): "
                    + text);
        }
        Architecture arch = m.group(3) == null ? Architecture.X86_64 : Architecture.parse(m.group(3).substring(1));
        String distro = switch (m.group(1)) {
            case "amazonlinux", "al", "amzn", "amazon" -> "amazon-linux";
            default -> m.group(1);
        };
        return new ImageRef(null, distro, m.group(2), arch);
    }

    @Override
    public String toString() {
        return id != null ? id : distro + ":" + release + "/" + architecture.debianName();
    }
}
