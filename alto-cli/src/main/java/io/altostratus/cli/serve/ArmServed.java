package io.altostratus.cli.serve;

import io.altostratus.catalog.Catalog;
import io.altostratus.catalog.Catalogs;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.spi.ProviderFactory;
import io.altostratus.core.spi.Providers;
import io.altostratus.gateway.Gateway;
import io.altostratus.gateway.arm.ArmFront;
import io.altostratus.gateway.arm.prices.RetailPricesFront;
import io.altostratus.gateway.auth.AuthMode;
import io.altostratus.local.LocalProviderFactory;
import io.altostratus.store.StateStore;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Azure Resource Manager under {@code /subscriptions/} and the Retail Prices API under {@code /api/retail/prices},
 * over the same backend as EC2. Over the local cloud it runs on the Azure catalog (locations, VM sizes, marketplace
 * images) in the gateway's store; its home location is eastus there, else the region serve was given.
 */
final class ArmServed implements ServedFront {
    /** The ARM front's home location over the local cloud: the Azure catalog's busiest location. */
    static final String LOCAL_HOME_REGION = "eastus";

    private final ArmFront front;
    private final boolean tokenCreated;

    private ArmServed(ArmFront front, boolean tokenCreated) {
        this.front = front;
        this.tokenCreated = tokenCreated;
    }

    static ArmServed mount(Gateway.Builder gateway, ServeOptions options, StateStore store, boolean local,
                           UnaryOperator<ComputeProvider> decorator) {
        Catalog azure = Catalogs.azure();
        ProviderFactory factory = local ? LocalProviderFactory.withStore(store, azure)
                : Providers.named(options.backend());
        String home = local ? LOCAL_HOME_REGION : options.region();
        ProviderContext template = new ProviderContext(home, ProviderContext.DEFAULT_ACCOUNT, options.endpoint(),
                options.stateDir(), options.backendSettings(), options.clock());
        ArmFront front = ArmFront.builder(factory).context(template).decorator(decorator).stateStore(store)
                .authMode(options.auth()).homeRegion(home).build();
        try {
            front.mountOn(gateway);
            // Azure's VM prices as the Retail Prices API answers them, from the shipped catalog, so an Azure catalog
            // refresh can run against this server. The real API is public, so this one asks for no token either.
            RetailPricesFront.builder().catalog(azure).build().mountOn(gateway);
            boolean created = options.auth() == AuthMode.STRICT && front.tokens().ensureDefault(
                    GatewayServer.DEFAULT_ARM_SUBSCRIPTION, GatewayServer.DEFAULT_ARM_TOKEN);
            return new ArmServed(front, created);
        } catch (RuntimeException e) {
            front.close();
            throw e;
        }
    }

    ArmFront front() {
        return front;
    }

    @Override
    public void resetState() {
        front.resetState();
    }

    @Override
    public List<String> announcement(URI server, String backend, String auth) {
        List<String> lines = new ArrayList<>();
        lines.add("alto serve: ARM endpoint " + server + " (subscriptions under " + server.resolve("subscriptions/")
                + ", backend " + backend + ", auth " + auth + "); Retail Prices API on "
                + server.resolve(RetailPricesFront.PATH.substring(1)));
        if (tokenCreated) {
            lines.add("alto serve: created bearer token '" + GatewayServer.DEFAULT_ARM_TOKEN + "' for subscription "
                    + GatewayServer.DEFAULT_ARM_SUBSCRIPTION);
        }
        return lines;
    }

    @Override
    public void close() {
        front.close();
    }
}
