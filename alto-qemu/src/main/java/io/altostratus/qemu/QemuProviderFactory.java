package io.altostratus.qemu;

import io.altostratus.core.model.Architecture;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.spi.ProviderFactory;
import io.altostratus.store.StateStores;
import io.altostratus.qemu.internal.Commands;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Opens {@code qemu} sessions: machines on this host, kept in the state directory's store (so every process on the
 * same state directory sees them) with their disks under {@code STATE_DIR/qemu/}. See {@link QemuSettings}.
 */
public final class QemuProviderFactory implements ProviderFactory {
    private final Map<String, String> environment;

    /** The factory {@link java.util.ServiceLoader} finds, reading the process environment. */
    public QemuProviderFactory() {
        this(System.getenv());
    }

    public QemuProviderFactory(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public String name() {
        return QemuProvider.NAME;
    }

    /**
     * Says which guest architectures run here (their QEMU is installed) and on which accelerator, as
     * {@code alto providers} prints it.
     */
    @Override
    public String description() {
        return "real guests on this machine: QEMU processes with cloud-init (NoCloud) and SSH on a loopback port; "
                + architectures(Accelerator.detect(Path.of("/dev/kvm")), program -> Commands.which(program)
                .isPresent());
    }

    /** Each guest architecture with its accelerator, or "not installed" with the package that brings it. */
    static String architectures(Accelerator hostAccel, java.util.function.Predicate<String> installed) {
        List<String> parts = new ArrayList<>();
        for (Architecture arch : List.of(Architecture.X86_64, Architecture.ARM64)) {
            String program = "qemu-system-" + GuestArch.qemuName(arch);
            if (!installed.test(program)) {
                parts.add(arch.wireName() + ": not installed (" + GuestArch.systemPackage(arch) + ")");
                continue;
            }
            Accelerator accel = arch == GuestArch.host() ? hostAccel : Accelerator.TCG;
            parts.add(arch.wireName() + ": " + (accel == Accelerator.KVM ? "KVM" : arch == GuestArch.host()
                    ? "TCG (no usable /dev/kvm: slow)" : "TCG (emulated: very slow)"));
        }
        return String.join("; ", parts);
    }

    @Override
    public String defaultRegion() {
        return QemuCatalog.REGION;
    }

    /** @throws io.altostratus.core.error.AltoException INVALID_PARAMETER without a state directory */
    @Override
    public ComputeProvider open(ProviderContext context) {
        QemuSettings settings = QemuSettings.from(context, environment);
        if (context.region() != null && !context.region().isBlank() && !QemuCatalog.REGION.equals(context.region())) {
            throw io.altostratus.core.error.AltoException.invalid("InvalidRegion", "the qemu provider has one "
                    + "region, " + QemuCatalog.REGION + ", not " + context.region());
        }
        return new QemuProvider(StateStores.open(context.stateDir()), true, context.account(), settings,
                context.clock());
    }
}
