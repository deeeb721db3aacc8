package io.altostratus.qemu;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How QEMU runs the guest's CPU: KVM (the host's virtualisation, near native speed) when {@code /dev/kvm} can be
 * opened for reading and writing, else TCG (QEMU's translator: no privileges needed, ten to fifty times slower).
 */
public enum Accelerator {
    KVM("kvm", List.of("-cpu", "host")),
    TCG("tcg", List.of("-cpu", "max"));

    private final String qemuName;
    private final List<String> cpuArgs;

    Accelerator(String qemuName, List<String> cpuArgs) {
        this.qemuName = qemuName;
        this.cpuArgs = cpuArgs;
    }

    /** The name QEMU's {@code -machine accel=} takes. */
    public String qemuName() {
        return qemuName;
    }

    List<String> cpuArgs() {
        return cpuArgs;
    }

    /** KVM when {@code kvmDevice} is usable by this process, else TCG. */
    public static Accelerator detect(Path kvmDevice) {
        return Files.isReadable(kvmDevice) && Files.isWritable(kvmDevice) ? KVM : TCG;
    }

    /**
     * The accelerator a setting asks for: {@code kvm}, {@code tcg}, or {@code auto} (or nothing) to detect.
     *
     * @throws IllegalArgumentException for any other word
     */
    public static Accelerator choose(String setting, Path kvmDevice) {
        String s = setting == null ? "auto" : setting.strip().toLowerCase(java.util.Locale.ROOT);
        return switch (s) {
            case "", "auto" -> detect(kvmDevice);
            case "kvm" -> KVM;
            case "tcg" -> TCG;
            default -> throw new IllegalArgumentException("accel must be auto, kvm or tcg, not '" + setting + "'");
        };
    }
}
