package io.altostratus.qemu;

import io.altostratus.core.error.AltoException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * What a built image is made of: a Debian suite bootstrapped from a mirror with a few packages, an ext4 root file
 * system of a given size, and the kernel command line it boots with. Its {@link #key()} names the build in the
 * cache, so any change to the recipe (or to how it is built, {@link #BUILD_VERSION}) builds anew.
 *
 * @param distro     the alias's distribution ({@code debian})
 * @param release    the alias's release ({@code 12})
 * @param suite      the Debian suite ({@code bookworm})
 * @param mirror     the package mirror
 * @param packages   what is installed beside the {@code apt} variant
 * @param rootMiB    the root file system's size
 * @param append     the kernel command line
 * @param loginUser  the default user cloud-init makes
 */
public record ImageRecipe(String distro, String release, String suite, String mirror, List<String> packages,
                          int rootMiB, String append, String loginUser) {
    /** Bumped whenever the build steps change what an image holds for the same recipe. */
    static final int BUILD_VERSION = 3;

    /**
     * The guest's packages: a kernel and the early userspace to boot it (systemd, udev, dbus for logind, which turns
     * the ACPI power button into a shutdown), {@code e2fsprogs} (fsck at boot, and {@code resize2fs} for cloud-init's
     * resizefs when the root volume is grown), {@code iproute2} (cloud-init's networkd renderer needs {@code ip}),
     * cloud-init, an SSH server and the QEMU guest agent.
     */
    static final List<String> DEBIAN_PACKAGES = List.of("linux-image-amd64", "systemd-sysv", "udev", "dbus",
            "e2fsprogs", "iproute2", "cloud-init", "openssh-server", "qemu-guest-agent");

    public ImageRecipe {
        packages = List.copyOf(packages);
    }

    /**
     * The recipe an alias names: {@code debian:12} (bookworm) is the one there is.
     *
     * @throws AltoException INVALID_PARAMETER (UnknownRecipe) for any other
     */
    public static ImageRecipe forAlias(String alias, String mirror) {
        String a = alias == null ? "" : alias.strip().toLowerCase(Locale.ROOT);
        return switch (a) {
            case "debian:12", "debian:bookworm", "debian:12/x86_64", "debian:12/amd64" -> new ImageRecipe("debian",
                    "12", "bookworm", mirror, DEBIAN_PACKAGES, 2048, "root=/dev/vda rootfstype=ext4 rw console=ttyS0,115200n8",
                    "admin");
            default -> throw AltoException.invalid("UnknownRecipe", "no image recipe for '" + alias
                    + "': the qemu provider builds debian:12");
        };
    }

    /** The cache key: a digest of every field and the build version. */
    public String key() {
        String text = String.join("\n", "v" + BUILD_VERSION, distro, release, suite, mirror,
                String.join(",", packages), Integer.toString(rootMiB), append, loginUser);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return distro + "-" + release + "-" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
