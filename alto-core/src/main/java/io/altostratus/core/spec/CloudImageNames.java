package io.altostratus.core.spec;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The distro and release a published cloud image's file name tells ({@code noble-server-cloudimg-amd64.img} is
 * Ubuntu 24.04, {@code debian-12-genericcloud-amd64.qcow2} Debian 12), so an import need not be told what it is.
 */
public final class CloudImageNames {
    /** A distro and release. */
    public record DistroRelease(String distro, String release) {
    }

    private static final Map<String, DistroRelease> CODENAMES = Map.of(
            "noble", new DistroRelease("ubuntu", "24.04"), "jammy", new DistroRelease("ubuntu", "22.04"),
            "focal", new DistroRelease("ubuntu", "20.04"), "oracular", new DistroRelease("ubuntu", "24.10"),
            "plucky", new DistroRelease("ubuntu", "25.04"), "bookworm", new DistroRelease("debian", "12"),
            "bullseye", new DistroRelease("debian", "11"), "trixie", new DistroRelease("debian", "13"));
    private static final Pattern NAMED = Pattern.compile(
            "(ubuntu|debian|rocky|almalinux|fedora|centos-stream|opensuse-leap)[-_ ]?(\\d+(?:\\.\\d+)?)");

    private CloudImageNames() {
    }

    /** What the name says, or empty when it names no known distro release. */
    public static Optional<DistroRelease> guess(String fileOrUrl) {
        String lower = fileOrUrl.toLowerCase(Locale.ROOT);
        String last = lower.substring(lower.lastIndexOf('/') + 1);
        Matcher m = NAMED.matcher(last);
        if (m.find()) {
            return Optional.of(new DistroRelease(m.group(1), m.group(2)));
        }
        for (String part : last.split("[^a-z0-9]+")) {
            DistroRelease known = CODENAMES.get(part);
            if (known != null) {
                return Optional.of(known);
            }
        }
        // Ubuntu's download paths name the codename in a directory: .../noble/current/...-cloudimg-amd64.img
        for (String part : lower.split("[^a-z0-9]+")) {
            DistroRelease known = CODENAMES.get(part);
            if (known != null) {
                return Optional.of(known);
            }
        }
        return Optional.empty();
    }
}
