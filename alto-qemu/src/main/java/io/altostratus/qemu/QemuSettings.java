package io.altostratus.qemu;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.spi.ProviderContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The {@code [qemu]} section of {@code alto.toml} (and {@code ALTO_QEMU_*} variables through the config):
 * <ul>
 *   <li>{@code qemu} / {@code qemu_img}: the programs ({@code qemu-system-x86_64}, {@code qemu-img} on the PATH)</li>
 *   <li>{@code accel}: {@code auto} (KVM when {@code /dev/kvm} is usable, else TCG), {@code kvm} or {@code tcg}</li>
 *   <li>{@code image_cache}: where built images are kept between state directories
 *       ({@code $XDG_CACHE_HOME/alto/qemu}, else {@code ~/.cache/alto/qemu})</li>
 *   <li>{@code mirror}: the Debian mirror image builds use ({@code http://deb.debian.org/debian})</li>
 *   <li>{@code shutdown_timeout_s}: how long a guest has to power off after a stop before QEMU is ended (120)</li>
 *   <li>{@code image_cache_keep}: how many built recipes the image cache keeps, by last use, pruned after each
 *       build (2; recipes of live machines' images are always kept)</li>
 *   <li>{@code qemu_aarch64}: the program arm64 guests run in ({@code qemu-system-aarch64})</li>
 *   <li>{@code aarch64_firmware} / {@code aarch64_vars}: the UEFI firmware arm64 guests boot with and the variable
 *       store each instance gets a copy of (Debian's qemu-efi-aarch64: {@code /usr/share/AAVMF/AAVMF_CODE.fd},
 *       {@code AAVMF_VARS.fd})</li>
 *   <li>{@code network}: {@code user} (the default), {@code tap:IFNAME} or {@code bridge:BRIDGE}: a second NIC on the
 *       user's own network ({@link QemuNetwork})</li>
 * </ul>
 *
 * @param root the provider's directory inside the state directory
 */
public record QemuSettings(Path root, String qemu, String qemuImg, Accelerator accelerator, Path imageCache,
                           String mirror, Duration shutdownTimeout, int imageCacheKeep, String qemuAarch64,
                           Path aarch64Firmware, Path aarch64Vars, QemuNetwork network) {
    static final String DEFAULT_MIRROR = "http://deb.debian.org/debian";
    static final Path DEFAULT_AARCH64_FIRMWARE = Path.of("/usr/share/AAVMF/AAVMF_CODE.fd");
    static final Path DEFAULT_AARCH64_VARS = Path.of("/usr/share/AAVMF/AAVMF_VARS.fd");

    public QemuSettings {
        network = network == null ? QemuNetwork.USER : network;
    }

    /** Settings with arm64 guests and the network as by default. */
    public QemuSettings(Path root, String qemu, String qemuImg, Accelerator accelerator, Path imageCache,
                        String mirror, Duration shutdownTimeout, int imageCacheKeep) {
        this(root, qemu, qemuImg, accelerator, imageCache, mirror, shutdownTimeout, imageCacheKeep,
                "qemu-system-aarch64", DEFAULT_AARCH64_FIRMWARE, DEFAULT_AARCH64_VARS, QemuNetwork.USER);
    }

    /** The QEMU program of a guest architecture. */
    String qemuFor(io.altostratus.core.model.Architecture arch) {
        return arch == io.altostratus.core.model.Architecture.ARM64 ? qemuAarch64 : qemu;
    }

    /**
     * The accelerator of a guest architecture: the setting's for the host's own architecture, TCG for another
     * (KVM runs only guests of the host's kind).
     */
    Accelerator acceleratorFor(io.altostratus.core.model.Architecture arch) {
        return arch == GuestArch.host() ? accelerator : Accelerator.TCG;
    }

    /** Settings with the image cache keeping its default number of recipes. */
    public QemuSettings(Path root, String qemu, String qemuImg, Accelerator accelerator, Path imageCache,
                        String mirror, Duration shutdownTimeout) {
        this(root, qemu, qemuImg, accelerator, imageCache, mirror, shutdownTimeout, QemuImageCache.DEFAULT_KEEP);
    }

    /**
     * @throws AltoException INVALID_PARAMETER without a state directory (the machines' disks and state live there)
     *         or with a bad {@code accel}, {@code network}, ...
     */
    static QemuSettings from(ProviderContext context, Map<String, String> environment) {
        if (context.stateDir() == null) {
            throw AltoException.invalid("NoStateDirectory", "the qemu provider keeps its machines' disks under a "
                    + "state directory and cannot run in memory: give --state-dir");
        }
        Accelerator accel;
        try {
            accel = Accelerator.choose(context.setting("accel", null), Path.of("/dev/kvm"));
        } catch (IllegalArgumentException e) {
            throw AltoException.invalid("InvalidSetting", "[qemu] " + e.getMessage());
        }
        String cacheSetting = context.setting("image_cache", null);
        Path cache;
        if (cacheSetting != null && !cacheSetting.isBlank()) {
            cache = Path.of(cacheSetting);
        } else if (environment.get("XDG_CACHE_HOME") != null && !environment.get("XDG_CACHE_HOME").isBlank()) {
            cache = Path.of(environment.get("XDG_CACHE_HOME"), "alto", "qemu");
        } else {
            cache = Path.of(System.getProperty("user.home"), ".cache", "alto", "qemu");
        }
        Duration shutdown;
        try {
            shutdown = Duration.ofSeconds(Long.parseLong(context.setting("shutdown_timeout_s", "120").strip()));
        } catch (NumberFormatException e) {
            throw AltoException.invalid("InvalidSetting", "[qemu] shutdown_timeout_s must be a number of seconds, not '"
                    + context.setting("shutdown_timeout_s", "") + "'");
        }
        String keepSetting = context.setting("image_cache_keep", Integer.toString(QemuImageCache.DEFAULT_KEEP));
        int keep;
        try {
            keep = Integer.parseInt(keepSetting.strip());
        } catch (NumberFormatException e) {
            keep = 0;
        }
        if (keep < 1) {
            throw AltoException.invalid("InvalidSetting", "[qemu] image_cache_keep must be a whole number of recipes "
                    + "of at least 1, not '" + keepSetting + "'");
        }
        return new QemuSettings(context.stateDir().resolve("qemu"), context.setting("qemu", "qemu-system-x86_64"),
                context.setting("qemu_img", "qemu-img"), accel, cache, context.setting("mirror", DEFAULT_MIRROR),
                shutdown, keep, context.setting("qemu_aarch64", "qemu-system-aarch64"),
                Path.of(context.setting("aarch64_firmware", DEFAULT_AARCH64_FIRMWARE.toString())),
                Path.of(context.setting("aarch64_vars", DEFAULT_AARCH64_VARS.toString())),
                QemuNetwork.parse(context.setting("network", "user")));
    }
}
