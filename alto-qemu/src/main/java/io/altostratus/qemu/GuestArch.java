package io.altostratus.qemu;

import io.altostratus.core.model.Architecture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What differs between the guest architectures the provider runs: x86_64 guests on a q35 machine, arm64 guests on
 * the {@code virt} machine with UEFI. Also which architecture this machine is, since only a guest of the host's own
 * architecture can use KVM, and a foreign one's image build runs its programs through qemu-user-static.
 */
final class GuestArch {
    static final Path BINFMT = Path.of("/proc/sys/fs/binfmt_misc");

    private GuestArch() {
    }

    /** This machine's architecture (x86_64 for what Java does not map). */
    static Architecture host() {
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        return arch.equals("aarch64") || arch.equals("arm64") ? Architecture.ARM64 : Architecture.X86_64;
    }

    /** The QEMU name of the architecture, in {@code qemu-system-NAME} and {@code qemu-NAME} (user mode). */
    static String qemuName(Architecture arch) {
        return switch (arch) {
            case X86_64 -> "x86_64";
            case ARM64 -> "aarch64";
            case I386 -> "i386";
        };
    }

    /** The Debian package that brings {@code qemu-system-NAME}. */
    static String systemPackage(Architecture arch) {
        return arch == Architecture.ARM64 ? "qemu-system-arm" : "qemu-system-x86";
    }

    /**
     * Whether programs of {@code arch} run on this machine: its own architecture always, another one when
     * binfmt_misc has an enabled qemu-user entry for it.
     */
    static boolean runsPrograms(Architecture arch, Path binfmt) {
        if (arch == host()) {
            return true;
        }
        Path entry = binfmt.resolve("qemu-" + qemuName(arch));
        try {
            return Files.isRegularFile(entry) && Files.readString(entry).startsWith("enabled");
        } catch (IOException e) {
            return false;
        }
    }

    /** The one-line fix for a foreign architecture's missing binfmt_misc entry. */
    static String binfmtHint(Architecture arch) {
        String name = qemuName(arch);
        return "apt-get install qemu-user-static, then as root: mount -t binfmt_misc none " + BINFMT
                + " (if not mounted) and cat /usr/lib/binfmt.d/qemu-" + name + ".conf > " + BINFMT + "/register";
    }
}
