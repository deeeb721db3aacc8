package io.altostratus.bench;

import com.sun.net.httpserver.HttpHandler;
import io.altostratus.azure.AzureProviderFactory;
import io.altostratus.catalog.Catalogs;
import io.altostratus.core.Cloud;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.spi.decorate.Latency;
import io.altostratus.core.wait.Retrier;
import io.altostratus.core.wait.Sleeper;
import io.altostratus.gateway.Gateway;
import io.altostratus.gateway.arm.ArmFront;
import io.altostratus.gateway.auth.AuthMode;
import io.altostratus.local.LocalProviderFactory;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What listing a fleet of Azure VMs costs through the azure provider: N VMs (100 by default) behind our ARM endpoint
 * over the local cloud, with a delay (100 ms by default) before every call the endpoint makes to its backend, as a
 * WAN round trip would. Prints the provider's list (states included) in ARM requests, backend calls and time, and,
 * for contrast, what a client pays that asks each VM's instance view on its own after a plain list (one request per
 * VM: the pattern users of other libraries report), run once.
 *
 * <pre>
 * bin/bench azure-list [--vms N] [--latency-ms N] [--repeats N]
 * </pre>
 */
public final class AzureListBench {
    private static final PrintStream OUT = System.out;
    private static final String SUBSCRIPTION = "00000000-0000-0000-0000-00000000be01";
    private static final String GROUP = "bench";
    private static final String LOCATION = "eastus";

    private AzureListBench() {
    }

    public static void main(String[] args) throws Exception {
        int vms = 100;
        int latencyMs = 100;
        int repeats = 5;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--vms" -> vms = Integer.parseInt(args[++i]);
                case "--latency-ms" -> latencyMs = Integer.parseInt(args[++i]);
                case "--repeats" -> repeats = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("azure-list: unknown argument " + args[i]
                            + " (options: --vms N, --latency-ms N, --repeats N)");
                    System.exit(2);
                }
            }
        }
        // The latency is off while the fleet is made, so that only the measured listings pay it; every pause is one
        // backend call, which is how they are counted.
        AtomicBoolean delaying = new AtomicBoolean(false);
        AtomicLong backendCalls = new AtomicLong();
        Sleeper gated = d -> {
            if (delaying.get()) {
                backendCalls.incrementAndGet();
                Sleeper.SYSTEM.sleep(d);
            }
        };
        AtomicLong armRequests = new AtomicLong();
        ProviderContext backendContext = new ProviderContext(LOCATION, ProviderContext.DEFAULT_ACCOUNT, null, null,
                Map.of("transition_ms", "0"), Clock.systemUTC());
        try (ArmFront front = ArmFront.builder(LocalProviderFactory.withCatalog(Catalogs.azure()))
                .context(backendContext).homeRegion(LOCATION).authMode(AuthMode.PERMISSIVE).retryAfterSeconds(0)
                .decorator(Latency.decorator(Duration.ofMillis(latencyMs), gated)).build()) {
            HttpHandler counted = exchange -> {
                armRequests.incrementAndGet();
                front.handler().handle(exchange);
            };
            Gateway.Builder builder = Gateway.builder().port(0).authMode(AuthMode.PERMISSIVE).dispatcher(call -> {
                throw new IllegalStateException("no EC2 calls here");
            });
            for (String prefix : ArmFront.PATH_PREFIXES) {
                builder.mount(prefix, counted);
            }
            try (Gateway gateway = builder.start()) {
                String endpoint = "http://127.0.0.1:" + gateway.port();
                ComputeProvider azure = new AzureProviderFactory(Sleeper.SYSTEM, Retrier.Listener.NONE, Map.of())
                        .open(new ProviderContext(LOCATION, ProviderContext.DEFAULT_ACCOUNT, endpoint, null,
                                Map.of("subscription", SUBSCRIPTION, "resource_group", GROUP, "access_token", "bench",
                                        "retry_max_ms", "50"), Clock.systemUTC()));
                int fleetSize = vms;
                try (Cloud cloud = new Cloud(azure)) {
                    long made = System.nanoTime();
                    // One launch: the provider spreads VMs without a zone over the zones that offer the size.
                    List<Instance> fleet = cloud.launch(spec -> spec.image("ubuntu:24.04").instanceType("Standard_B2s")
                            .count(fleetSize).tag("role", "bench"));
                    OUT.printf("fleet: %d VMs launched through the azure provider in %.1f s (no latency)%n",
                            fleet.size(), (System.nanoTime() - made) / 1e9);

                    delaying.set(true);
                    List<Double> seconds = new ArrayList<>();
                    long requests = 0;
                    long calls = 0;
                    int listed = 0;
                    int running = 0;
                    for (int r = 0; r < repeats; r++) {
                        armRequests.set(0);
                        backendCalls.set(0);
                        long t0 = System.nanoTime();
                        List<Instance> all = azure.instances(io.altostratus.core.query.InstanceQuery.all());
                        seconds.add((System.nanoTime() - t0) / 1e9);
                        requests = armRequests.get();
                        calls = backendCalls.get();
                        listed = all.size();
                        running = (int) all.stream().filter(i -> i.state() == InstanceState.RUNNING).count();
                    }
                    seconds.sort(null);
                    OUT.printf("azure provider list, %d ms per backend call: %d VMs (%d running), %d ARM requests, "
                                    + "%d backend calls, median %.2f s (min %.2f, max %.2f) over %d runs%n",
                            latencyMs, listed, running, requests, calls, seconds.get(seconds.size() / 2),
                            seconds.get(0), seconds.get(seconds.size() - 1), repeats);

                    armRequests.set(0);
                    backendCalls.set(0);
                    long t0 = System.nanoTime();
                    int perVm = perVmInstanceViews(endpoint);
                    OUT.printf("contrast, a plain list then one instanceView GET per VM: %d VMs, %d ARM requests, "
                                    + "%d backend calls, %.2f s%n", perVm, armRequests.get(), backendCalls.get(),
                            (System.nanoTime() - t0) / 1e9);
                    delaying.set(false);
                }
            }
        }
    }

    /** A list without instance views, then each VM's instance view on its own, one request after the other. */
    private static int perVmInstanceViews(String endpoint) throws Exception {
        String base = endpoint + "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/" + GROUP
                + "/providers/Microsoft.Compute/virtualMachines";
        try (HttpClient http = HttpClient.newHttpClient()) {
            var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
            List<String> names = new ArrayList<>();
            String next = base + "?api-version=2024-07-01";
            while (next != null) {
                HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(next))
                        .header("Authorization", "Bearer bench").GET().build(), HttpResponse.BodyHandlers.ofString());
                var body = mapper.readTree(page.body());
                body.path("value").forEach(vm -> names.add(vm.path("name").asText()));
                next = body.hasNonNull("nextLink") ? body.path("nextLink").asText() : null;
            }
            for (String name : names) {
                HttpResponse<String> view = http.send(HttpRequest.newBuilder(URI.create(base + "/" + name
                                + "/instanceView?api-version=2024-07-01")).header("Authorization", "Bearer bench")
                        .GET().build(), HttpResponse.BodyHandlers.ofString());
                if (view.statusCode() != 200) {
                    throw new IllegalStateException("instanceView of " + name + ": " + view.statusCode());
                }
            }
            return names.size();
        }
    }
}
