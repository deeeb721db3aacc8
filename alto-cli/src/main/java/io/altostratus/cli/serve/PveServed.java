package io.altostratus.cli.serve;

import io.altostratus.catalog.Catalogs;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.spi.ProviderFactory;
import io.altostratus.core.spi.Providers;
import io.altostratus.gateway.Gateway;
import io.altostratus.gateway.auth.AuthMode;
import io.altostratus.gateway.pve.PveFront;
import io.altostratus.gateway.pve.PveTemplate;
import io.altostratus.local.LocalProviderFactory;
import io.altostratus.store.StateStore;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The Proxmox VE API under {@code /api2/json}, over the same backend as EC2: a cluster is the backend region, its
 * nodes the region's zones. Over the local cloud two templates stand ready to clone (Ubuntu 24.04 with the QEMU guest
 * agent, Debian 12 without), so a provider or script has something to launch from before importing an image.
 */
final class PveServed implements ServedFront {
    /** VMIDs of the templates the local cloud starts with, in the range people keep templates in. */
    static final int UBUNTU_TEMPLATE = 9000;
    static final int DEBIAN_TEMPLATE = 9001;

    private final PveFront front;
    private final boolean tokenCreated;

    private PveServed(PveFront front, boolean tokenCreated) {
        this.front = front;
        this.tokenCreated = tokenCreated;
    }

    static PveServed mount(Gateway.Builder gateway, ServeOptions options, StateStore store, boolean local,
                           UnaryOperator<ComputeProvider> decorator) {
        ProviderFactory factory = local ? LocalProviderFactory.withStore(store, Catalogs.aws())
                : Providers.named(options.backend());
        ProviderContext template = new ProviderContext(options.region(), ProviderContext.DEFAULT_ACCOUNT,
                options.endpoint(), options.stateDir(), options.backendSettings(), options.clock());
        PveFront.Builder builder = PveFront.builder(factory).context(template).decorator(decorator).stateStore(store)
                .authMode(options.auth());
        if (local) {
            builder.template(PveTemplate.of(UBUNTU_TEMPLATE, "ubuntu-24.04-cloud", "ubuntu:24.04", true))
                    .template(PveTemplate.of(DEBIAN_TEMPLATE, "debian-12-cloud", "debian:12", false));
        }
        PveFront front = builder.build();
        try {
            front.mountOn(gateway);
            boolean created = false;
            if (options.auth() == AuthMode.STRICT) {
                created = front.tokens().ensureDefault(ProviderContext.DEFAULT_ACCOUNT,
                        GatewayServer.DEFAULT_PVE_TOKEN);
            }
            return new PveServed(front, created);
        } catch (RuntimeException e) {
            front.close();
            throw e;
        }
    }

    PveFront front() {
        return front;
    }

    @Override
    public void resetState() {
        front.resetState();
    }

    @Override
    public List<String> announcement(URI server, String backend, String auth) {
        List<String> lines = new ArrayList<>();
        lines.add("alto serve: Proxmox VE API " + server.resolve(PveFront.PATH_PREFIX.substring(1) + "/")
                + " (backend " + backend + ", auth " + auth + ")");
        if (tokenCreated) {
            lines.add("alto serve: created API token '" + GatewayServer.DEFAULT_PVE_TOKEN + "' (Authorization: "
                    + "PVEAPIToken=" + GatewayServer.DEFAULT_PVE_TOKEN + ")");
        }
        return lines;
    }

    @Override
    public void close() {
        front.close();
    }
}
