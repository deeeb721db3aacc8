package io.altostratus.qemu;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.ext.ImageImports;
import io.altostratus.core.model.Architecture;
import io.altostratus.core.query.ImageRef;
import io.altostratus.core.spec.ImageImportSpec;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.testkit.ProviderFixture;
import io.altostratus.testkit.ResourceKind;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The contract kit's fixture for {@code qemu}: real QEMU processes in real time, on one state directory shared by
 * both accounts. The kit checks the API, not guests, so its machines boot an empty disk ({@code blank:1}, imported
 * per account from a file of zeros): the firmware finds nothing to boot and idles, which costs little CPU under
 * TCG. Such a guest ignores the ACPI power button, so a stop completes by the shutdown timeout (3 s here) that
 * ends QEMU.
 */
final class QemuFixture implements ProviderFixture {
    static final String IMAGE = "blank:1";
    private final QemuProviderFactory factory = new QemuProviderFactory();
    private final Path stateDir;
    private final Path blank;
    private final Map<String, String> settings;
    private final Architecture arch;

    QemuFixture(Path stateDir) {
        this(stateDir, Map.of(), Architecture.X86_64);
    }

    /**
     * @param extraSettings more {@code [qemu]} settings ({@code network}, ...)
     * @param arch          the architecture the blank image is imported as (its machines run on that QEMU)
     */
    QemuFixture(Path stateDir, Map<String, String> extraSettings, Architecture arch) {
        this.stateDir = stateDir;
        this.arch = arch;
        java.util.Map<String, String> all = new java.util.HashMap<>(Map.of("shutdown_timeout_s", "3",
                "accel", "tcg"));
        all.putAll(extraSettings);
        this.settings = Map.copyOf(all);
        this.blank = stateDir.resolve("blank.raw");
        try (RandomAccessFile f = new RandomAccessFile(blank.toFile(), "rw")) {
            f.setLength(1L << 20);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public ComputeProvider open(Account account) {
        ComputeProvider qemu = factory.open(new ProviderContext(null, account == Account.A ? "111111111111"
                : "222222222222", null, stateDir, settings, Clock.systemUTC()));
        try {
            qemu.resolveImage(ImageRef.parse(IMAGE + "/" + arch.wireName()));
        } catch (AltoException notYet) {
            qemu.extension(ImageImports.class).orElseThrow().importImage(new ImageImportSpec(blank, null, "blank",
                    "blank", "1", null, arch, Map.of()));
        }
        return qemu;
    }

    @Override
    public String image() {
        return IMAGE;
    }

    @Override
    public String instanceType() {
        return "q.tiny";
    }

    @Override
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Override
    public void advance(Duration duration) {
        try {
            Thread.sleep(Math.max(1, Math.min(duration.toMillis(), 250)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public Duration timeout() {
        return Duration.ofMinutes(2);
    }

    @Override
    public List<String> imageAliases() {
        return List.of(IMAGE);
    }

    @Override
    public String missingId(ResourceKind kind) {
        return switch (kind) {
            case INSTANCE -> "qvm-ffffffffffff";
            case IMAGE -> "qimg-ffffffffffff";
            case SNAPSHOT -> "qsnap-ffffffffffff";
            case VOLUME -> "qvol-ffffffffffff";
            default -> null;
        };
    }

    @Override
    public String malformedId(ResourceKind kind) {
        return switch (kind) {
            case INSTANCE -> "i-0123456789abcdef0";
            case IMAGE -> "ami-0123456789abcdef0";
            case SNAPSHOT -> "snap-0123456789abcdef0";
            default -> "not an id!";
        };
    }

    @Override
    public String unknownInstanceType() {
        return "q.enormous";
    }
}
