package io.altostratus.qemu;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.model.Architecture;
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
 * @param arch       the guest's architecture: packages of that Debian architecture, bootstrapped through
 *                   qemu-user-static when it is not this machine's
 */
public record ImageRecipe(String distro, String release, String suite, String mirror, List<String> packages,
                          int rootMiB, String append, String loginUser, Architecture arch) {
    /** Bumped whenever the build steps change what an image holds for the same recipe. */
    static final int BUILD_VERSION = 4;

    /**
     * The guest's packages: a kernel and the early userspace to boot it (systemd, udev, dbus for logind, which turns
     * the ACPI power button into a shutdown), {@code e2fsprogs} (fsck at boot, and {@code resize2fs} for cloud-init's
     * resizefs when the root volume is grown), {@code iproute2} (cloud-init's networkd renderer needs {@code ip}),
     * cloud-init, an SSH server and the QEMU guest agent.
     */
    static final List<String> DEBIAN_PACKAGES = List.of("linux-image-amd64", "systemd-sysv", "udev", "dbus",
            "e2fsprogs", "iproute2", "cloud-init", "openssh-server", "qemu-guest-agent");

    /** The arm64 guest's kernel instead of the amd64 one; the rest is the same. */
    static final List<String> DEBIAN_ARM64_PACKAGES = DEBIAN_PACKAGES.stream()
            .map(p -> p.equals("linux-image-amd64") ? "linux-image-arm64" : p).toList();

    public ImageRecipe {
        packages = List.copyOf(packages);
        arch = arch == null ? Architecture.X86_64 : arch;
    }

    /** An x86_64 recipe. */
    public ImageRecipe(String distro, String release, String suite, String mirror, List<String> packages,
                       int rootMiB, String append, String loginUser) {
        this(distro, release, suite, mirror, packages, rootMiB, append, loginUser, Architecture.X86_64);
    }

    /**
     * The recipe an alias names: {@code debian:12} (bookworm), for x86_64 or, with {@code /arm64} after it
     * ({@code debian:12/arm64}), for arm64, whose kernel talks on the virt machine's PL011 serial port.
     *
     * @throws AltoException INVALID_PARAMETER (UnknownRecipe) for any other
     */
    public static ImageRecipe forAlias(String alias, String mirror) {
        String a = alias == null ? "" : alias.strip().toLowerCase(Locale.ROOT);
        int slash = a.indexOf('/');
        Architecture arch = Architecture.X86_64;
        if (slash >= 0) {
            try {
                arch = Architecture.parse(a.substring(slash + 1));
            } catch (IllegalArgumentException e) {
                throw AltoException.invalid("UnknownRecipe", "no image recipe for '" + alias + "': "
                        + e.getMessage());
            }
            a = a.substring(0, slash);
        }
        if (!a.equals("debian:12") && !a.equals("debian:bookworm")) {
            throw AltoException.invalid("UnknownRecipe", "no image recipe for '" + alias
                    + "': the qemu provider builds debian:12 (x86_64, or arm64 as debian:12/arm64)");
        }
        return switch (arch) {
            case X86_64 -> new ImageRecipe("debian", "12", "bookworm", mirror, DEBIAN_PACKAGES, 2048,
                    "root=/dev/vda rootfstype=ext4 rw console=ttyS0,115200n8", "admin", Architecture.X86_64);
            case ARM64 -> new ImageRecipe("debian", "12", "bookworm", mirror, DEBIAN_ARM64_PACKAGES, 2048,
                    "root=/dev/vda rootfstype=ext4 rw console=ttyAMA0,115200n8", "admin", Architecture.ARM64);
            default -> throw AltoException.invalid("UnknownRecipe", "no image recipe for '" + alias
                    + "': the qemu provider builds x86_64 and arm64 guests");
        };
    }

    /** The cache key: a digest of every field and the build version. */
    public String key() {
        String text = String.join("\n", "v" + BUILD_VERSION, distro, release, suite, mirror,
                String.join(",", packages), Integer.toString(rootMiB), append, loginUser);
        // x86_64 keys stay as they were before recipes had an architecture, so existing caches stay valid
        String archPart = arch == Architecture.X86_64 ? "" : "-" + arch.debianName();
        if (!archPart.isEmpty()) {
            text = text + "\n" + arch.debianName();
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return distro + "-" + release + archPart + "-" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
