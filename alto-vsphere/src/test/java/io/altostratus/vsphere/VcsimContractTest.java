package io.altostratus.vsphere;

import io.altostratus.testkit.peers.Vcsim;
import io.altostratus.testkit.ComputeProviderContract;
import io.altostratus.testkit.ProviderFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The provider contract for {@code vsphere} against VMware's simulator (two of them: accounts A and B). Tools
 * report 0.1 s after power-on here; the boot delay and a guest that never reports are VsphereProviderTest's matter.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class VcsimContractTest implements ComputeProviderContract {
    private Vcsim a;
    private Vcsim b;
    private ProviderFixture fixture;

    @BeforeAll
    void start() {
        a = Vcsim.start("-tools-delay", "0s");
        b = Vcsim.start("-tools-delay", "0s");
        fixture = new VcsimFixture(a, b);
    }

    @AfterAll
    void stop() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
    }

    @Override
    public ProviderFixture fixture() {
        return fixture;
    }
}
