package io.altostratus.gateway.arm.clusters;

import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.HttpPipelinePosition;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.core.http.policy.HttpPipelineSyncPolicy;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.resourcemanager.containerservice.ContainerServiceManager;
import com.azure.resourcemanager.resources.ResourceManager;
import com.azure.resourcemanager.resources.fluentcore.utils.ResourceManagerUtils;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.altostratus.catalog.Catalogs;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.gateway.Gateway;
import io.altostratus.gateway.arm.ArmFront;
import io.altostratus.gateway.auth.AuthMode;
import io.altostratus.gateway.http.ActionDispatcher;
import io.altostratus.local.LocalProviderFactory;
import io.altostratus.store.StateStore;
import io.altostratus.store.StateStores;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The ARM front over the local cloud (shipped Azure catalog, one store for VMs and clusters, clusters settling after
 * {@code clusterMs} of the given clock) on an in-process gateway, with the official container service manager and
 * resource manager pointed at it over plain http, and raw HTTP for what the SDK hides. Every SDK request is recorded.
 */
final class AksEndpoint implements AutoCloseable {
    static final String SUBSCRIPTION = "00000000-0000-0000-0000-0000000000c1";
    static final String TENANT = "00000000-0000-0000-0000-0000000000f1";
    static final String LOCATION = "eastus";
    static final String API = "2025-09-01";
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        // The SDK's pollers wait as Retry-After says (0 here) or 30 s by default; tests poll every 20 ms.
        ResourceManagerUtils.InternalRuntimeContext.setDelayProvider(d -> Duration.ofMillis(20));
    }

    final StateStore store;
    private final boolean ownsStore;
    final ArmFront front;
    final Gateway gateway;
    final List<String> requests = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    /** An answer: status, headers and the body as JSON (null when empty). */
    record Answer(int status, java.net.http.HttpHeaders headers, JsonNode json, String text) {
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }

        String at(String pointer) {
            return json.at(pointer).asText();
        }
    }

    AksEndpoint(long clusterMs, Clock clock) {
        this(clusterMs, clock, null);
    }

    /** An endpoint on another's store (a restarted gateway); the store stays open when this one closes. */
    AksEndpoint(long clusterMs, Clock clock, StateStore shared) {
        ownsStore = shared == null;
        store = shared == null ? StateStores.inMemory() : shared;
        front = ArmFront.builder(LocalProviderFactory.withStore(store, Catalogs.shipped("azure")))
                .context(new ProviderContext(LOCATION, ProviderContext.DEFAULT_ACCOUNT, null, null,
                        Map.of("transition_ms", "50", "cluster_transition_ms", Long.toString(clusterMs)), clock))
                .homeRegion(LOCATION).stateStore(store).authMode(AuthMode.PERMISSIVE).retryAfterSeconds(0).build();
        ActionDispatcher noEc2 = call -> {
            throw new IllegalStateException("no EC2 calls in these tests");
        };
        gateway = front.mountOn(Gateway.builder().port(0).dispatcher(noEc2).authMode(AuthMode.PERMISSIVE)).start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + gateway.port();
    }

    String base() {
        return endpoint() + "/subscriptions/" + SUBSCRIPTION;
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

    HttpPipeline pipeline() {
        HttpPipelinePolicy record = new HttpPipelineSyncPolicy() {
            @Override
            protected void beforeSendingRequest(com.azure.core.http.HttpPipelineCallContext context) {
                var url = context.getHttpRequest().getUrl();
                requests.add(context.getHttpRequest().getHttpMethod() + " " + url.getPath()
                        + (url.getQuery() == null ? "" : "?" + url.getQuery()));
            }

            @Override
            public HttpPipelinePosition getPipelinePosition() {
                return HttpPipelinePosition.PER_RETRY;
            }
        };
        return new HttpPipelineBuilder().httpClient(new JdkHttpClientBuilder().build()).policies(record).build();
    }

    ContainerServiceManager aks() {
        return ContainerServiceManager.authenticate(pipeline(), profile());
    }

    ResourceManager resources() {
        return ResourceManager.authenticate(pipeline(), profile()).withSubscription(SUBSCRIPTION);
    }

    void group(String name) {
        resources().resourceGroups().define(name).withRegion(LOCATION).create();
    }

    /** A raw call under the subscription ({@code path} starts with '/'); the api-version is added when absent. */
    Answer call(String method, String path, String body) {
        String url = path.startsWith("http") ? path : base() + path + (path.contains("api-version=") ? ""
                : (path.contains("?") ? "&" : "?") + "api-version=" + API);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = r.body().isEmpty() ? null : JSON.readTree(r.body());
            return new Answer(r.statusCode(), r.headers(), json, r.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        gateway.close();
        front.close();
        if (ownsStore) {
            store.close();
        }
    }
}
