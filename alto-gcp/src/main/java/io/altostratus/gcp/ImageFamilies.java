package io.altostratus.gcp;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.model.Architecture;
import io.altostratus.core.query.ImageRef;
import java.util.Map;

/**
 * The image aliases the {@code gcp} provider knows, as public image families: an alias resolves to the newest image
 * of its family ({@code images.getFromFamily}), the way {@code gcloud --image-family} does.
 *
 * <pre>
 *   ubuntu:24.04        ubuntu-os-cloud/ubuntu-2404-lts-amd64     ubuntu:24.04/arm64  ubuntu-os-cloud/ubuntu-2404-lts-arm64
 *   ubuntu:22.04        ubuntu-os-cloud/ubuntu-2204-lts           ubuntu:22.04/arm64  ubuntu-os-cloud/ubuntu-2204-lts-arm64
 *   ubuntu:20.04        ubuntu-os-cloud/ubuntu-2004-lts           ubuntu:20.04/arm64  ubuntu-os-cloud/ubuntu-2004-lts-arm64
 *   debian:12           debian-cloud/debian-12                    debian:12/arm64     debian-cloud/debian-12-arm64
 *   debian:11           debian-cloud/debian-11                    debian:11/arm64     debian-cloud/debian-11-arm64
 *   debian:13           debian-cloud/debian-13                    debian:13/arm64     debian-cloud/debian-13-arm64
 * </pre>
 * {@code ubuntu:latest} is 24.04 and {@code debian:latest} is 12.
 */
final class ImageFamilies {
    /** A public image family: the project that publishes it and the family name. */
    record Family(String project, String family) {
    }

    static final String UBUNTU_PROJECT = "ubuntu-os-cloud";
    static final String DEBIAN_PROJECT = "debian-cloud";

    private static final Map<String, String> UBUNTU_X86 = Map.of(
            "24.04", "ubuntu-2404-lts-amd64", "22.04", "ubuntu-2204-lts", "20.04", "ubuntu-2004-lts");
    private static final Map<String, String> UBUNTU_ARM = Map.of(
            "24.04", "ubuntu-2404-lts-arm64", "22.04", "ubuntu-2204-lts-arm64", "20.04", "ubuntu-2004-lts-arm64");
    private static final Map<String, String> DEBIAN_X86 = Map.of("11", "debian-11", "12", "debian-12",
            "13", "debian-13");
    private static final Map<String, String> DEBIAN_ARM = Map.of("11", "debian-11-arm64", "12", "debian-12-arm64",
            "13", "debian-13-arm64");

    private ImageFamilies() {
    }

    /**
     * The family an alias names.
     *
     * @throws AltoException NOT_FOUND (ImageAliasNotFound) for an alias with no family here
     */
    static Family of(ImageRef ref) {
        boolean arm = ref.architecture() == Architecture.ARM64;
        String family = switch (ref.distro()) {
            case "ubuntu" -> (arm ? UBUNTU_ARM : UBUNTU_X86).get(release(ref.release(), "24.04"));
            case "debian" -> (arm ? DEBIAN_ARM : DEBIAN_X86).get(release(ref.release(), "12"));
            default -> null;
        };
        if (family == null || ref.architecture() == Architecture.I386) {
            throw AltoException.notFound("ImageAliasNotFound", "no public GCE image family for " + ref
                    + " (known: ubuntu 20.04, 22.04, 24.04 and debian 11, 12, 13, on x86_64 and arm64)");
        }
        return new Family(ref.distro().equals("ubuntu") ? UBUNTU_PROJECT : DEBIAN_PROJECT, family);
    }

    /** The public project that publishes a distro's images, or null. */
    static String projectOf(String distro) {
        if (distro == null) {
            return null;
        }
        return switch (distro) {
            case "ubuntu" -> UBUNTU_PROJECT;
            case "debian" -> DEBIAN_PROJECT;
            default -> null;
        };
    }

    private static String release(String release, String latest) {
        return "latest".equals(release) ? latest : release;
    }
}
