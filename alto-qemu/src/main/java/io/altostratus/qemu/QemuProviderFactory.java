package io.altostratus.qemu;

import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.spi.ProviderFactory;
import io.altostratus.store.StateStores;
import java.nio.file.Path;
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

    /** Says which accelerator guests get here, as {@code alto providers} prints it. */
    @Override
    public String description() {
        Accelerator accel = Accelerator.detect(Path.of("/dev/kvm"));
        return "real guests on this machine: QEMU processes with cloud-init (NoCloud) and SSH on a loopback port; "
                + (accel == Accelerator.KVM ? "KVM (/dev/kvm is usable)" : "TCG (no usable /dev/kvm: slow)");
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
