package io.altostratus.azure;

import io.altostratus.azure.catalog.AzureCatalogRefresher;
import io.altostratus.azure.clusters.AksClusters;
import io.altostratus.azure.clusters.AksTokens;
import io.altostratus.azure.internal.ArmCalls;
import io.altostratus.azure.internal.ArmClients;
import io.altostratus.azure.internal.ArmErrors;
import io.altostratus.catalog.Catalog;
import io.altostratus.catalog.Catalogs;
import io.altostratus.catalog.refresh.CatalogRefresher;
import io.altostratus.core.clusters.Clusters;
import io.altostratus.core.clusters.KubeTokens;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.spi.ProviderFactory;
import io.altostratus.core.spi.ProviderService;
import io.altostratus.core.wait.Backoff;
import io.altostratus.core.wait.Retrier;
import io.altostratus.core.wait.Sleeper;
import java.net.URI;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Opens {@code azure} sessions, and the azure catalog refresh as a {@link CatalogRefresher} service.
 *
 * <p><b>Region</b>: the context's, else {@code eastus}. It must be an Azure location name ({@code eastus},
 * {@code westeurope}: lower-case letters and digits), not EC2's {@code us-east-1}; whether it exists is known at the
 * first call, since opening a session calls nothing.
 *
 * <p><b>Subscription</b>: {@code subscription} in {@code [azure]}, else {@code AZURE_SUBSCRIPTION_ID}; against an
 * endpoint override, else the context's account (an emulator's tenants are subscriptions).
 *
 * <p><b>Credentials</b>: a static {@code access_token} (or {@code AZURE_ACCESS_TOKEN}) first; else
 * {@code DefaultAzureCredential} (environment service principal, managed identity, Azure CLI login; tenant from
 * {@code tenant} or {@code AZURE_TENANT_ID}), asked only when the first call needs a token. Against an endpoint
 * override with neither a token nor a credential the calls carry the credential's token all the same; endpoints of
 * ours take any token unless strict ({@code access_token = "test"}).
 */
public final class AzureProviderFactory implements ProviderFactory {
    static final String DEFAULT_REGION = "eastus";

    private final Sleeper sleeper;
    private final Retrier.Listener listener;
    private final Map<String, String> environment;
    private final Catalog catalog;
    private final Tombstones tombstones = new Tombstones();

    /** The factory {@link java.util.ServiceLoader} finds: real sleeps, no retry listener, the process environment. */
    public AzureProviderFactory() {
        this(Sleeper.SYSTEM, Retrier.Listener.NONE, System.getenv());
    }

    /** A factory whose sessions back off through {@code sleeper} and report retries to {@code listener}. */
    public AzureProviderFactory(Sleeper sleeper, Retrier.Listener listener, Map<String, String> environment) {
        this(sleeper, listener, environment, null);
    }

    /** As above, pricing sizes and naming public images from {@code catalog} (null: the shipped Azure catalog). */
    public AzureProviderFactory(Sleeper sleeper, Retrier.Listener listener, Map<String, String> environment,
                                Catalog catalog) {
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        this.listener = listener == null ? Retrier.Listener.NONE : listener;
        this.environment = Map.copyOf(environment);
        this.catalog = catalog;
    }

    @Override
    public String name() {
        return "azure";
    }

    @Override
    public String description() {
        return "Azure Resource Manager through the Azure SDK for Java, or any ARM-compatible endpoint (--endpoint)";
    }

    /** Azure names locations like eastus; EC2's us-east-1 does not exist there. */
    @Override
    public String defaultRegion() {
        return DEFAULT_REGION;
    }

    /**
     * Opens a session; no call is made and no client is built until the first request.
     *
     * @throws AltoException INVALID_PARAMETER for a region that is not an Azure location name, a malformed endpoint
     *         or a bad setting; AUTH_FAILURE when no subscription can be found
     */
    @Override
    public ComputeProvider open(ProviderContext context) {
        String location = location(context);
        AzureSettings settings = AzureSettings.from(context, environment);
        String endpoint = endpoint(context);
        String subscription = subscription(settings, endpoint, context);
        ArmClients clients = new ArmClients(endpoint, subscription, settings.tenant(), settings.accessToken());
        Retrier retrier = new Retrier(settings.maxAttempts(), ArmErrors.FAILURES,
                new Backoff(settings.baseDelay(), settings.maxDelay(), 2.0, true), sleeper, context.clock(),
                new SecureRandom(), listener);
        ArmCalls calls = new ArmCalls(retrier, settings.maxAttempts(), sleeper, settings.maxDelay(), settings.operationTimeout());
        Catalog shipped = catalog != null ? catalog : Catalogs.azure();
        return new AzureProvider(AzureContext.of(location, clients, calls, settings, shipped, tombstones),
                endpoint == null);
    }

    /**
     * The azure provider's services: {@link CatalogRefresher}, the catalog refresh over ARM (locations, resource
     * SKUs, marketplace images) and the retail prices API, against the context's endpoint (Azure's without one), as
     * whom and in which subscription a session would call. The region of the context does not matter.
     *
     * {@link Clusters}: AKS ({@link AksClusters}) in the session's resource group and location, as whom and in
     * which subscription a session would call; its kubeconfigs run {@code kube_token_command} of {@code [azure]}
     * (default {@code alto}) as {@code alto kube-token --provider azure} where AKS asks for a sign-in plugin.
     * {@link KubeTokens}: Entra ID tokens for AKS's server application from the same credentials ({@link AksTokens}).
     *
     * @throws AltoException as {@link #open} for a bad endpoint or setting, or no subscription
     */
    @Override
    public <S extends ProviderService> Optional<S> service(Class<S> type, ProviderContext context) {
        if (type == Clusters.class) {
            String location = location(context);
            AzureSettings settings = AzureSettings.from(context, environment);
            String endpoint = endpoint(context);
            ArmClients clients = new ArmClients(endpoint, subscription(settings, endpoint, context),
                    settings.tenant(), settings.accessToken());
            String kubeTokenCommand = context.setting("kube_token_command", "alto").strip();
            return Optional.of(type.cast(AksClusters.open(clients, settings, location, endpoint, kubeTokenCommand,
                    sleeper, listener, context.clock())));
        }
        if (type == KubeTokens.class) {
            AzureSettings settings = AzureSettings.from(context, environment);
            return Optional.of(type.cast(new AksTokens(() -> ArmClients.defaultCredential(settings.tenant()),
                    settings.accessToken(), context.clock())));
        }
        if (type != CatalogRefresher.class) {
            return Optional.empty();
        }
        AzureSettings settings = AzureSettings.from(context, environment);
        String endpoint = endpoint(context);
        ArmClients clients = new ArmClients(endpoint, subscription(settings, endpoint, context), settings.tenant(),
                settings.accessToken());
        return Optional.of(type.cast(new AzureCatalogRefresher(clients, endpoint, settings.maxAttempts(),
                new Backoff(settings.baseDelay(), settings.maxDelay(), 2.0, true), sleeper, listener,
                context.clock())));
    }

    private static String subscription(AzureSettings settings, String endpoint, ProviderContext context) {
        String subscription = settings.subscription();
        if (subscription == null && endpoint != null) {
            subscription = context.account();
        }
        if (subscription == null || subscription.isBlank()) {
            throw new AltoException(ErrorCode.AUTH_FAILURE, "NoSubscription", "no Azure subscription: set "
                    + "subscription in [azure] of alto.toml, or AZURE_SUBSCRIPTION_ID");
        }
        return subscription;
    }

    private static String location(ProviderContext context) {
        String region = context.region();
        if (region == null || region.isBlank()) {
            return DEFAULT_REGION;
        }
        if (!region.matches("[a-z][a-z0-9]{1,40}")) {
            throw new AltoException(ErrorCode.INVALID_PARAMETER, "InvalidRegion", "'" + region
                    + "' is not an Azure location name (Azure names locations like eastus or westeurope"
                    + (region.matches("[a-z]+-[a-z]+-[0-9]+") ? "; '" + region + "' is an EC2 region" : "") + ")");
        }
        return region;
    }

    /** The endpoint override without a trailing slash; null when there is none. */
    static String endpoint(ProviderContext context) {
        URI url = context.endpointUrl();
        if (url == null) {
            return null;
        }
        String out = url.toString();
        return out.endsWith("/") ? out.substring(0, out.length() - 1) : out;
    }
}
