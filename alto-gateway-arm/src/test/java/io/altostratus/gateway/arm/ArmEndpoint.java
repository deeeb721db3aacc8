package io.altostratus.gateway.arm;

import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpPipelinePosition;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.http.policy.HttpPipelineSyncPolicy;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.resourcemanager.compute.ComputeManager;
import com.azure.resourcemanager.network.NetworkManager;
import com.azure.resourcemanager.resources.ResourceManager;
import com.azure.resourcemanager.resources.fluentcore.utils.ResourceManagerUtils;
import io.altostratus.catalog.Catalogs;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.gateway.Gateway;
import io.altostratus.gateway.auth.AuthMode;
import io.altostratus.gateway.http.ActionDispatcher;
import io.altostratus.local.LocalProviderFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The ARM front over the local cloud on the shipped Azure catalog, on an ephemeral port, and the official Java SDK's
 * managers pointed at it over plain http (a pipeline without a token policy; a bearer header when given). Every
 * request the SDK sends is recorded ({@link #requests}) so tests can count calls.
 */
final class ArmEndpoint implements AutoCloseable {
    static final String SUBSCRIPTION = "00000000-0000-0000-0000-0000000000a1";
    static final String TENANT = "00000000-0000-0000-0000-0000000000f1";
    static final String LOCATION = "eastus";

    static {
        // The SDK's pollers wait 30 s between polls unless told otherwise; the endpoint's Retry-After is 0 here.
        ResourceManagerUtils.InternalRuntimeContext.setDelayProvider(d -> Duration.ofMillis(20));
    }

    final ArmFront front;
    final Gateway gateway;
    /** "METHOD path?query" of every request the SDK managers sent. */
    final List<String> requests = new CopyOnWriteArrayList<>();

    ArmEndpoint(AuthMode mode) {
        this(mode, ArmFront.DEFAULT_PAGE_SIZE);
    }

    ArmEndpoint(AuthMode mode, int pageSize) {
        this(ArmFront.builder(LocalProviderFactory.withCatalog(Catalogs.shipped("azure"))).authMode(mode)
                .pageSize(pageSize));
    }

    /** An endpoint over a front configured by the caller (stores, decorators); context and timing set here. */
    ArmEndpoint(ArmFront.Builder builder) {
        front = builder.context(new ProviderContext(LOCATION, ProviderContext.DEFAULT_ACCOUNT, null, null,
                        Map.of("transition_ms", "100"), null))
                .homeRegion(LOCATION).retryAfterSeconds(0).build();
        ActionDispatcher noEc2 = call -> {
            throw new IllegalStateException("no EC2 calls in these tests");
        };
        gateway = front.mountOn(Gateway.builder().port(0).dispatcher(noEc2).authMode(AuthMode.PERMISSIVE)).start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + gateway.port();
    }

    AzureProfile profile() {
        String url = endpoint() + "/";
        AzureEnvironment environment = new AzureEnvironment(Map.of(
                "resourceManagerEndpointUrl", url,
                "managementEndpointUrl", url,
                "activeDirectoryEndpointUrl", url,
                "activeDirectoryResourceId", url,
                "activeDirectoryGraphResourceId", url,
                "microsoftGraphResourceId", url,
                "storageEndpointSuffix", ".core.invalid",
                "keyVaultDnsSuffix", ".vault.invalid"));
        return new AzureProfile(TENANT, SUBSCRIPTION, environment);
    }

    HttpPipeline pipeline(String bearerToken) {
        return pipeline(bearerToken, java.util.function.UnaryOperator.identity());
    }

    /** A pipeline that also rewrites each request's URL (to send what the SDK would not). */
    HttpPipeline pipeline(String bearerToken, java.util.function.UnaryOperator<String> rewrite) {
        HttpPipelinePolicy record = new HttpPipelineSyncPolicy() {
            @Override
            protected void beforeSendingRequest(com.azure.core.http.HttpPipelineCallContext context) {
                context.getHttpRequest().setUrl(rewrite.apply(context.getHttpRequest().getUrl().toString()));
                var url = context.getHttpRequest().getUrl();
                requests.add(context.getHttpRequest().getHttpMethod() + " " + url.getPath()
                        + (url.getQuery() == null ? "" : "?" + url.getQuery()));
                if (bearerToken != null) {
                    context.getHttpRequest().setHeader(com.azure.core.http.HttpHeaderName.AUTHORIZATION,
                            "Bearer " + bearerToken);
                }
            }

            @Override
            public HttpPipelinePosition getPipelinePosition() {
                return HttpPipelinePosition.PER_RETRY;
            }
        };
        return new HttpPipelineBuilder().httpClient(new JdkHttpClientBuilder().build()).policies(record).build();
    }

    ComputeManager compute() {
        return ComputeManager.authenticate(pipeline(null), profile());
    }

    NetworkManager network() {
        return NetworkManager.authenticate(pipeline(null), profile());
    }

    ResourceManager resources() {
        return ResourceManager.authenticate(pipeline(null), profile()).withSubscription(SUBSCRIPTION);
    }

    /** Requests recorded since a mark whose text contains {@code fragment}. */
    long count(int from, String fragment) {
        return requests.subList(from, requests.size()).stream().filter(r -> r.contains(fragment)).count();
    }

    @Override
    public void close() {
        gateway.close();
        front.close();
    }

}
