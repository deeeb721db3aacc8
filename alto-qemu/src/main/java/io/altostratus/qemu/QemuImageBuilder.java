package io.altostratus.qemu;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Architecture;
import io.altostratus.qemu.internal.Commands;
import io.altostratus.qemu.internal.QemuImg;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a small cloud image from Debian packages with nothing but the Debian mirror, and no root-only loop devices:
 * <ol>
 *   <li>{@code mmdebstrap} bootstraps the suite (the {@code apt} variant, no recommends, no documentation, man pages
 *       or translations, no drivers a QEMU guest never sees) with the recipe's packages, reusing downloaded packages
 *       from a shared apt cache directory;</li>
 *   <li>its customize hooks, run where the root file system is seen with its real owners, configure the guest
 *       (fstab, an empty machine id, no SSH host keys: cloud-init makes them per instance, NoCloud as the data
 *       source, the default user, DHCP on any ethernet), copy the kernel and initrd out, and write the file system
 *       with {@code mke2fs -d} into a raw file;</li>
 *   <li>{@code qemu-img convert} makes the raw file a qcow2 base.</li>
 * </ol>
 * The image boots by direct kernel boot ({@code -kernel}, {@code -initrd}, {@code -append}). Builds are cached under
 * the recipe's key: a second build of the same recipe, by any process, takes the cached files (a lock file keeps two
 * builders from building the same recipe at once).
 */
public final class QemuImageBuilder {
    static final String ROOT = "root.qcow2";
    static final String KERNEL = "vmlinuz";
    static final String INITRD = "initrd.img";
    private static final Duration BOOTSTRAP_TIMEOUT = Duration.ofMinutes(40);

    private final Path cacheDir;
    private final QemuImg qemuImg;
    private final String mmdebstrap;

    /**
     * @param cacheDir  where built images (one directory per recipe key) and downloaded packages are kept
     * @param qemuImg   the {@code qemu-img} program
     * @param mmdebstrap the {@code mmdebstrap} program
     */
    public QemuImageBuilder(Path cacheDir, String qemuImg, String mmdebstrap) {
        this.cacheDir = cacheDir;
        this.qemuImg = new QemuImg(qemuImg);
        this.mmdebstrap = mmdebstrap;
    }

    /**
     * A built image's files.
     *
     * @param dir       the cache directory of the build
     * @param cached    whether it came from the cache (no build ran)
     * @param buildTime how long the build took (zero when cached)
     */
    public record Built(ImageRecipe recipe, Path dir, boolean cached, Duration buildTime) {
        public Path root() {
            return dir.resolve(ROOT);
        }

        public Path kernel() {
            return dir.resolve(KERNEL);
        }

        public Path initrd() {
            return dir.resolve(INITRD);
        }
    }

    /** The programs a build needs that are missing, by name (empty when a build can run). */
    public List<String> missingTools() {
        List<String> missing = new ArrayList<>();
        for (String tool : List.of(mmdebstrap, "mke2fs")) {
            if (Commands.which(tool).isEmpty()) {
                missing.add(tool);
            }
        }
        return missing;
    }

    /** The cached build of the recipe, or builds it. */
    public Built build(ImageRecipe recipe) {
        Path dir = cacheDir.resolve(recipe.key());
        if (complete(dir)) {
            QemuImageCache.touch(dir);
            return new Built(recipe, dir, true, Duration.ZERO);
        }
        List<String> missing = missingTools();
        if (!missing.isEmpty()) {
            throw new AltoException(ErrorCode.UNSUPPORTED, "BuildToolsMissing", "building " + recipe.distro() + ":"
                    + recipe.release() + " needs " + String.join(" and ", missing)
                    + " (Debian: apt-get install mmdebstrap e2fsprogs)");
        }
        if (recipe.arch() != GuestArch.host() && Commands.which("arch-test").isEmpty()) {
            // mmdebstrap checks a foreign architecture with it before bootstrapping one
            throw new AltoException(ErrorCode.UNSUPPORTED, "BuildToolsMissing", "building " + recipe.distro() + ":"
                    + recipe.release() + "/" + recipe.arch().debianName() + " needs arch-test and qemu-user-static "
                    + "(Debian: apt-get install arch-test qemu-user-static)");
        }
        if (!GuestArch.runsPrograms(recipe.arch(), GuestArch.BINFMT)) {
            throw new AltoException(ErrorCode.UNSUPPORTED, "ForeignArchitectureUnavailable", "building "
                    + recipe.distro() + ":" + recipe.release() + "/" + recipe.arch().debianName() + " on this "
                    + GuestArch.host().wireName() + " machine runs " + recipe.arch().debianName()
                    + " programs through qemu-user-static, which is not registered: "
                    + GuestArch.binfmtHint(recipe.arch()));
        }
        try {
            Files.createDirectories(cacheDir);
            try (FileChannel lockFile = FileChannel.open(cacheDir.resolve(recipe.key() + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = lockFile.lock()) {
                if (complete(dir)) {
                    QemuImageCache.touch(dir);
                    return new Built(recipe, dir, true, Duration.ZERO); // another builder finished while we waited
                }
                long started = System.nanoTime();
                buildInto(recipe, dir);
                return new Built(recipe, dir, false, Duration.ofNanos(System.nanoTime() - started));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build in " + cacheDir + ": " + e.getMessage(), e);
        }
    }

    private static boolean complete(Path dir) {
        return Files.isRegularFile(dir.resolve(ROOT)) && Files.isRegularFile(dir.resolve(KERNEL))
                && Files.isRegularFile(dir.resolve(INITRD));
    }

    private void buildInto(ImageRecipe recipe, Path dir) throws IOException {
        Path work = Files.createTempDirectory(cacheDir, recipe.key() + ".build-");
        try {
            Path aptCache = cacheDir.resolve("apt-archives");
            Files.createDirectories(aptCache);
            Commands.run(mmdebstrapCommand(mmdebstrap, recipe, work.toAbsolutePath(), aptCache.toAbsolutePath()), work,
                    BOOTSTRAP_TIMEOUT);
            qemuImg.convertToQcow2(work.resolve("root.raw"), "raw", work.resolve(ROOT));
            Files.delete(work.resolve("root.raw"));
            Files.writeString(work.resolve("recipe.txt"), recipe.toString() + "\n");
            try {
                Files.move(work, dir, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(work, dir);
            }
        } finally {
            QemuFiles.deleteTree(work);
        }
    }

    /** The {@code mmdebstrap} command line of a recipe, writing its results into {@code out}. */
    static List<String> mmdebstrapCommand(String program, ImageRecipe recipe, Path out, Path aptCache) {
        List<String> argv = new ArrayList<>(List.of(program, "--variant=apt", "--skip=essential/unlink",
                "--arch=" + recipe.arch().debianName(),
                "--aptopt=APT::Install-Recommends \"false\"",
                "--include=" + String.join(",", recipe.packages())));
        for (String excluded : List.of("/usr/share/doc/*", "/usr/share/man/*", "/usr/share/locale/*",
                "/usr/share/info/*", "/lib/modules/*/kernel/drivers/gpu/*",
                "/lib/modules/*/kernel/drivers/net/wireless/*", "/lib/modules/*/kernel/drivers/media/*",
                "/lib/modules/*/kernel/drivers/infiniband/*", "/lib/modules/*/kernel/drivers/staging/*",
                "/lib/modules/*/kernel/drivers/bluetooth/*", "/lib/modules/*/kernel/sound/*", "/lib/modules/*/kernel/drivers/net/ethernet/*",
                "/lib/firmware/*")) {
            argv.add("--dpkgopt=path-exclude=" + excluded);
        }
        argv.add("--essential-hook=" + initramfsDeferral(recipe.arch()));
        argv.add("--setup-hook=mkdir -p \"$1\"/var/cache/apt/archives/");
        argv.add("--setup-hook=sync-in " + aptCache + " /var/cache/apt/archives/");
        argv.add("--customize-hook=sync-out /var/cache/apt/archives " + aptCache);
        argv.add("--customize-hook=" + configureScript(recipe));
        argv.add("--customize-hook=" + initramfsOnce());
        argv.add("--customize-hook=cp \"$1\"/boot/vmlinuz-* " + out.resolve(KERNEL)
                + " && cp \"$1\"/boot/initrd.img-* " + out.resolve(INITRD));
        argv.add("--customize-hook=rm -rf \"$1\"/var/cache/apt/archives/*.deb \"$1\"/var/lib/apt/lists/*");
        // mke2fs reads the tree through a plain (non-recursive) bind mount: the chroot's /proc, /sys and /dev
        // mounts stay out of the image
        argv.add("--customize-hook=set -e; m=$(mktemp -d); mount --bind \"$1\" \"$m\"; "
                + "mke2fs -q -F -t ext4 -L alto-root -d \"$m\" " + out.resolve("root.raw") + " " + recipe.rootMiB()
                + "M || { umount \"$m\"; rmdir \"$m\"; exit 1; }; umount \"$m\"; rmdir \"$m\"");
        argv.addAll(List.of(recipe.suite(), "/dev/null", recipe.mirror()));
        return argv;
    }

    /**
     * Keeps the packages from making the initramfs while they install: the kernel's install makes one and every
     * later package with initramfs hooks (udev, ...) makes it again, each a minute or more. {@code update-initramfs}
     * is diverted to a no-op until {@link #initramfsOnce()}; the initramfs holds only what a QEMU guest's root needs
     * (virtio and ext4, with udev to load them), not every storage driver.
     */
    static String initramfsDeferral(Architecture arch) {
        // crc32c_intel is x86's accelerated checksum for ext4's metadata; arm64 kernels have it built in
        String modules = "virtio_pci virtio_blk virtio_scsi ext4 crc32c_generic"
                + (arch == Architecture.X86_64 ? " crc32c_intel" : "");
        return String.join("\n",
                "set -e",
                "r=\"$1\"",
                "chroot \"$r\" dpkg-divert --quiet --local --rename --add /usr/sbin/update-initramfs",
                "printf '#!/bin/sh\\nexit 0\\n' > \"$r/usr/sbin/update-initramfs\"",
                "chmod 755 \"$r/usr/sbin/update-initramfs\"",
                "mkdir -p \"$r/etc/initramfs-tools/conf.d\" \"$r/etc/initramfs-tools/hooks\"",
                "printf 'MODULES=list\\n' > \"$r/etc/initramfs-tools/conf.d/alto.conf\"",
                "cat > \"$r/etc/initramfs-tools/hooks/alto-qemu\" <<'HOOK'",
                "#!/bin/sh",
                "case \"$1\" in prereqs) exit 0;; esac",
                ". /usr/share/initramfs-tools/hook-functions",
                "manual_add_modules " + modules,
                "HOOK",
                "chmod 755 \"$r/etc/initramfs-tools/hooks/alto-qemu\"",
                "");
    }

    /** Puts {@code update-initramfs} back and makes the one initramfs, with every package installed. */
    static String initramfsOnce() {
        return String.join("\n",
                "set -e",
                "r=\"$1\"",
                "rm -f \"$r/usr/sbin/update-initramfs\"",
                "chroot \"$r\" dpkg-divert --quiet --local --rename --remove /usr/sbin/update-initramfs",
                "chroot \"$r\" update-initramfs -c -k all",
                "");
    }

    /** The guest's configuration, as one shell hook ({@code $1} is the root file system). */
    static String configureScript(ImageRecipe recipe) {
        return String.join("\n",
                "set -e",
                "r=\"$1\"",
                "printf '/dev/vda / ext4 defaults,discard,errors=remount-ro 0 1\\n' > \"$r/etc/fstab\"",
                ": > \"$r/etc/machine-id\"",
                "rm -f \"$r\"/etc/ssh/ssh_host_*",
                "mkdir -p \"$r/etc/cloud/cloud.cfg.d\" \"$r/etc/systemd/network\"",
                "cat > \"$r/etc/cloud/cloud.cfg.d/90-alto.cfg\" <<'CFG'",
                "datasource_list: [NoCloud, None]",
                // the image has no locales package (C.UTF-8 is built into libc), so update-locale can only fail
                "locale: false",
                "system_info:",
                "  default_user:",
                "    name: " + recipe.loginUser(),
                "    lock_passwd: true",
                "    gecos: Cloud user",
                "    groups: [adm, sudo]",
                "    sudo: [\"ALL=(ALL) NOPASSWD:ALL\"]",
                "    shell: /bin/bash",
                "CFG",
                // a fallback for when the seed has no network config: user-mode networking always answers DHCP
                "printf '[Match]\\nName=e*\\n\\n[Network]\\nDHCP=ipv4\\n' > \"$r/etc/systemd/network/90-alto-dhcp.network\"",
                "chroot \"$r\" systemctl enable systemd-networkd.service",
                // Boot waits for the network to be online; by default that means every NIC, and a second NIC on the
                // user's bridge without a DHCP server held boot (and SSH) for two minutes. The user-mode NIC, which
                // carries SSH, being up is what the guest needs.
                "mkdir -p \"$r/etc/systemd/system/systemd-networkd-wait-online.service.d\"",
                "printf '[Service]\\nExecStart=\\nExecStart=/lib/systemd/systemd-networkd-wait-online --any\\n' "
                        + "> \"$r/etc/systemd/system/systemd-networkd-wait-online.service.d/50-alto-any.conf\"",
                "");
    }
}
