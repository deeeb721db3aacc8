package io.altostratus.qemu;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.query.InstanceQuery;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.qemu.internal.Commands;
import io.altostratus.testkit.ComputeProviderContract;
import io.altostratus.testkit.ProviderFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;

/**
 * The whole provider contract for {@code qemu}, with real QEMU processes booting an empty disk (see
 * {@link QemuFixture}); skipped where QEMU or qemu-img is missing. Guests with an operating system are
 * {@link QemuGuestIT}'s matter. Named {@code *IT} and tagged {@code guest} with it: it starts a dozen QEMU processes
 * in real time, so it runs in the guest stage ({@code bin/test-guests}), not in {@code bin/test}.
 */
@Tag("guest")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QemuContractIT implements ComputeProviderContract {
    private Path stateDir;
    private ProviderFixture fixture;

    @BeforeAll
    void setUp() throws Exception {
        assumeTrue(Commands.which("qemu-system-x86_64").isPresent() && Commands.which("qemu-img").isPresent(),
                "qemu-system-x86_64 and qemu-img are not installed (Debian: qemu-system-x86 qemu-utils)");
        stateDir = Files.createTempDirectory("alto-qemu-contract");
        fixture = new QemuFixture(stateDir);
    }

    @AfterAll
    void tearDown() throws Exception {
        if (stateDir == null) {
            return;
        }
        // the kit terminates what it makes; a check that failed half way may leave a QEMU behind, so end them all
        for (ProviderFixture.Account account : ProviderFixture.Account.values()) {
            try (ComputeProvider qemu = fixture.open(account)) {
                List<String> left = qemu.instances(InstanceQuery.all()).stream()
                        .filter(i -> i.state() != InstanceState.TERMINATED).map(Instance::id).toList();
                if (!left.isEmpty()) {
                    qemu.terminate(left);
                }
            }
        }
        QemuFiles.deleteTree(stateDir);
    }

    @Override
    public ProviderFixture fixture() {
        return fixture;
    }
}
