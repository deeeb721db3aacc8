package io.altostratus.vsphere;

import io.altostratus.core.spi.ProviderContext;
import io.altostratus.testkit.peers.Vcsim;
import java.time.Clock;
import java.util.Map;

/** Sessions of the vsphere provider on a running {@link Vcsim}, with settings added per test. */
final class VcsimSessions {
    private VcsimSessions() {
    }

    static ProviderContext context(Vcsim sim, Map<String, String> extra) {
        Map<String, String> s = sim.settings();
        s.putAll(extra);
        return new ProviderContext(null, ProviderContext.DEFAULT_ACCOUNT, null, null, s, Clock.systemUTC());
    }

    static VsphereProvider open(Vcsim sim, Map<String, String> extra) {
        return (VsphereProvider) new VsphereProviderFactory().open(context(sim, extra));
    }
}
