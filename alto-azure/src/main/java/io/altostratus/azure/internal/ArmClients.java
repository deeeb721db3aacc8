package io.altostratus.azure.internal;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.BearerTokenAuthenticationPolicy;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.http.policy.HttpPipelineSyncPolicy;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.resourcemanager.compute.ComputeManager;
import com.azure.resourcemanager.compute.fluent.ComputeManagementClient;
import com.azure.resourcemanager.containerservice.ContainerServiceManager;
import com.azure.resourcemanager.containerservice.fluent.ContainerServiceManagementClient;
import com.azure.resourcemanager.network.NetworkManager;
import com.azure.resourcemanager.network.fluent.NetworkManagementClient;
import com.azure.resourcemanager.resources.ResourceManager;
import com.azure.resourcemanager.resources.fluent.ResourceManagementClient;
import com.azure.resourcemanager.resources.fluent.SubscriptionClient;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The ARM clients of one session, made on first use (opening a session builds nothing and calls nothing) over one
 * HTTP pipeline we build ourselves: the JDK HTTP client (no Netty), our credentials policy, and a policy that keeps
 * ARM's {@code x-ms-ratelimit-remaining-*} headers. The SDK's own retry policy is left out on purpose: retries are
 * the {@link ArmCalls}' job, so every HTTP request a test counts is one the provider decided to send.
 *
 * <p>Against Azure itself the resource manager is {@code https://management.azure.com} and tokens come from
 * {@code DefaultAzureCredential} (environment service principal, managed identity, Azure CLI login) through the
 * SDK's bearer policy, unless a static token is configured. Against an endpoint override a custom
 * {@link AzureEnvironment} points every resource manager URL at it; the SDK's token policies refuse plain http, so a
 * policy of ours adds the bearer header (a static token, or one fetched from the credential).
 */
public final class ArmClients implements AutoCloseable {
    private static final String PUBLIC_ARM = "https://management.azure.com";

    private final String endpoint;
    private final String subscription;
    private final String tenant;
    private final String staticToken;
    private final RateLimits rateLimits = new RateLimits();
    private final AtomicInteger clientsMade = new AtomicInteger();

    private HttpPipeline pipeline;
    private ComputeManagementClient compute;
    private NetworkManagementClient network;
    private ResourceManagementClient resources;
    private SubscriptionClient subscriptions;
    private ContainerServiceManagementClient containerService;

    /**
     * @param endpoint     the resource manager URL without a trailing slash, or null for Azure's public cloud
     * @param subscription the subscription every call is made in
     * @param tenant       the Entra tenant for {@code DefaultAzureCredential}, or null
     * @param staticToken  a fixed bearer token sent as it is, or null
     */
    public ArmClients(String endpoint, String subscription, String tenant, String staticToken) {
        this.endpoint = endpoint;
        this.subscription = Objects.requireNonNull(subscription, "subscription");
        this.tenant = tenant;
        this.staticToken = staticToken;
    }

    public String subscription() {
        return subscription;
    }

    /** The last throttling headers ARM sent. */
    public RateLimits rateLimits() {
        return rateLimits;
    }

    public synchronized ComputeManagementClient compute() {
        if (compute == null) {
            compute = ComputeManager.authenticate(pipeline(), profile()).serviceClient();
            clientsMade.incrementAndGet();
        }
        return compute;
    }

    public synchronized NetworkManagementClient network() {
        if (network == null) {
            network = NetworkManager.authenticate(pipeline(), profile()).serviceClient();
            clientsMade.incrementAndGet();
        }
        return network;
    }

    public synchronized ResourceManagementClient resources() {
        if (resources == null) {
            resources = ResourceManager.authenticate(pipeline(), profile()).withSubscription(subscription)
                    .serviceClient();
            clientsMade.incrementAndGet();
        }
        return resources;
    }

    public synchronized SubscriptionClient subscriptions() {
        if (subscriptions == null) {
            subscriptions = ResourceManager.authenticate(pipeline(), profile()).withSubscription(subscription)
                    .subscriptionClient();
            clientsMade.incrementAndGet();
        }
        return subscriptions;
    }

    /** AKS (Microsoft.ContainerService), for the clusters service. */
    public synchronized ContainerServiceManagementClient containerService() {
        if (containerService == null) {
            containerService = ContainerServiceManager.authenticate(pipeline(), profile()).serviceClient();
            clientsMade.incrementAndGet();
        }
        return containerService;
    }

    /** For tests: how many ARM clients this session has made. */
    public int clientsMade() {
        return clientsMade.get();
    }

    /** Nothing to release: the JDK HTTP client's connections are reclaimed with it. */
    @Override
    public void close() {
    }

    private AzureProfile profile() {
        return new AzureProfile(tenant, subscription, environment());
    }

    private AzureEnvironment environment() {
        if (endpoint == null) {
            return AzureEnvironment.AZURE;
        }
        // Every entry the SDK may read points at the override: a missing entry would send that call to Azure.
        Map<String, String> entries = new HashMap<>(AzureEnvironment.AZURE.getEndpoints());
        String slash = endpoint + "/";
        entries.put("resourceManagerEndpointUrl", slash);
        entries.put("managementEndpointUrl", slash);
        entries.put("activeDirectoryGraphResourceId", slash);
        entries.put("microsoftGraphResourceId", slash);
        entries.put("activeDirectoryResourceId", slash);
        entries.put("galleryEndpointUrl", slash);
        return new AzureEnvironment(entries);
    }

    private synchronized HttpPipeline pipeline() {
        if (pipeline == null) {
            HttpClient http = new JdkHttpClientBuilder().build();
            String scope = (endpoint == null ? PUBLIC_ARM : endpoint) + "/.default";
            HttpPipelinePolicy auth;
            if (staticToken != null) {
                auth = new BearerHeader(() -> staticToken);
            } else if (endpoint == null || endpoint.startsWith("https://")) {
                auth = new BearerTokenAuthenticationPolicy(credential(), scope);
            } else {
                TokenCredential credential = credential();
                auth = new BearerHeader(new CachedToken(credential, scope));
            }
            pipeline = new HttpPipelineBuilder().httpClient(http).policies(auth, new Observe(rateLimits)).build();
        }
        return pipeline;
    }

    private TokenCredential credential() {
        return defaultCredential(tenant);
    }

    /** {@code DefaultAzureCredential} in the tenant (null: the environment's); asks nothing until a token is wanted. */
    public static TokenCredential defaultCredential(String tenant) {
        DefaultAzureCredentialBuilder builder = new DefaultAzureCredentialBuilder();
        if (tenant != null) {
            builder.tenantId(tenant);
        }
        return builder.build();
    }

    /** Adds {@code Authorization: Bearer ...}; over http too, which the SDK's policies refuse. */
    private static final class BearerHeader extends HttpPipelineSyncPolicy {
        private final java.util.function.Supplier<String> token;

        BearerHeader(java.util.function.Supplier<String> token) {
            this.token = token;
        }

        @Override
        protected void beforeSendingRequest(HttpPipelineCallContext context) {
            context.getHttpRequest().setHeader(com.azure.core.http.HttpHeaderName.AUTHORIZATION,
                    "Bearer " + token.get());
        }
    }

    /** A credential's token, fetched again a few minutes before it expires. */
    private static final class CachedToken implements java.util.function.Supplier<String> {
        private final TokenCredential credential;
        private final String scope;
        private AccessToken current;

        CachedToken(TokenCredential credential, String scope) {
            this.credential = credential;
            this.scope = scope;
        }

        @Override
        public synchronized String get() {
            if (current == null || current.getExpiresAt().isBefore(OffsetDateTime.now().plusMinutes(5))) {
                try {
                    current = credential.getTokenSync(new TokenRequestContext().addScopes(scope));
                } catch (RuntimeException e) {
                    throw new AltoException(ErrorCode.AUTH_FAILURE, "NoCredentials", "no Azure credentials: set "
                            + "AZURE_CLIENT_ID/AZURE_CLIENT_SECRET/AZURE_TENANT_ID, run 'az login', or set "
                            + "access_token in [azure] (" + e.getMessage() + ")", e);
                }
            }
            return current.getToken();
        }
    }

    /** Keeps the {@code x-ms-ratelimit-remaining-*} headers of every answer. */
    private static final class Observe extends HttpPipelineSyncPolicy {
        private final RateLimits limits;

        Observe(RateLimits limits) {
            this.limits = limits;
        }

        @Override
        protected HttpResponse afterReceivedResponse(HttpPipelineCallContext context, HttpResponse response) {
            limits.observe(response.getHeaders());
            return response;
        }
    }
}
