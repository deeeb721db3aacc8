package io.altostratus.cli.serve;

import io.altostratus.catalog.Catalogs;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.spi.ProviderFactory;
import io.altostratus.core.spi.Providers;
import io.altostratus.gateway.Gateway;
import io.altostratus.gateway.eks.EksFront;
import io.altostratus.local.LocalProviderFactory;
import io.altostratus.store.StateStore;
import java.net.URI;
import java.util.List;

/**
 * The Amazon EKS API (rest-json under {@code /clusters}, {@code /cluster-versions}, {@code /tags}, ...) over the
 * backend's clusters service: the local cloud's clusters on the serve's store, or another provider's
 * ({@code --backend aws} fronts real EKS). Signed with the same access keys as EC2, so the accounts are the same.
 */
final class EksServed implements ServedFront {
    private final EksFront front;

    private EksServed(EksFront front) {
        this.front = front;
    }

    static EksServed mount(Gateway.Builder gateway, ServeOptions options, StateStore store, boolean local) {
        ProviderFactory factory = local ? LocalProviderFactory.withStore(store, Catalogs.aws())
                : Providers.named(options.backend());
        ProviderContext template = new ProviderContext(options.region(), ProviderContext.DEFAULT_ACCOUNT,
                options.endpoint(), options.stateDir(), options.backendSettings(), options.clock());
        EksFront front = EksFront.builder(factory).context(template).stateStore(store).authMode(options.auth())
                .defaultRegion(options.region()).signatureClock(options.clock()).build();
        try {
            front.mountOn(gateway);
            return new EksServed(front);
        } catch (RuntimeException e) {
            front.close();
            throw e;
        }
    }

    @Override
    public void resetState() {
        front.resetState();
    }

    @Override
    public List<String> announcement(URI server, String backend, String auth) {
        return List.of("alto serve: EKS API " + server + " (aws eks --endpoint-url " + server + "; backend "
                + backend + " clusters, auth " + auth + ", the EC2 access keys)");
    }

    @Override
    public void close() {
        front.close();
    }
}
