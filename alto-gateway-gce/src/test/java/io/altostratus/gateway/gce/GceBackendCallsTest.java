package io.altostratus.gateway.gce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.altostratus.catalog.Catalogs;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.ForwardingComputeProvider;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.gateway.Gateway;
import io.altostratus.gateway.auth.AuthMode;
import io.altostratus.local.LocalProviderFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How many backend calls the places listings make, counted by a decorator on the front's sessions (as
 * {@code alto serve --latency} decorates them), over the local cloud on the GCP catalog (every GCP region). Each
 * backend call may cost a WAN round trip, so these counts are what {@code zones.list} and {@code machineTypes.list}
 * cost a client.
 */
class GceBackendCallsTest {
    private static final String PROJECT = "calls-project";

    /** One backend call: the session's region and the core operation. */
    record Call(String region, String operation) {
    }

    private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
    /** When set, every {@code zones} call waits here until this many of them are in flight at once. */
    private volatile CountDownLatch zonesMeet;
    private final List<Boolean> zonesMet = Collections.synchronizedList(new ArrayList<>());
    private GceFront front;
    private Gateway gateway;
    private String base;

    @BeforeEach
    void start() {
        front = GceFront.builder(LocalProviderFactory.withCatalog(Catalogs.gcp()))
                .context(new ProviderContext("us-central1", ProviderContext.DEFAULT_ACCOUNT, null, null, Map.of(),
                        null))
                .decorator(Counting::new).authMode(AuthMode.PERMISSIVE).build();
        gateway = front.mountOn(Gateway.builder().port(0).dispatcher(call -> new byte[0])
                .authMode(AuthMode.PERMISSIVE)).start();
        base = "http://127.0.0.1:" + gateway.port() + "/compute/v1/projects/" + PROJECT;
    }

    @AfterEach
    void stop() {
        gateway.close();
        front.close();
    }

    private List<Call> callsDuring(Http.Answer[] answer, String url) throws Exception {
        calls.clear();
        answer[0] = Http.call("GET", url, null, null);
        assertThat(answer[0].status()).as(url + ": " + answer[0].json()).isEqualTo(200);
        return List.copyOf(calls);
    }

    private static List<String> names(JsonNode list) {
        return StreamSupport.stream(list.get("items").spliterator(), false).map(i -> i.get("name").asText())
                .toList();
    }

    @Test
    void zonesListAsksEachRegionOnceAndTheRegionListOnlyOnce() throws Exception {
        Http.Answer[] answer = new Http.Answer[1];
        List<Call> first = callsDuring(answer, base + "/zones");
        List<String> zones = names(answer[0].json());
        List<String> regions = zones.stream().map(z -> z.substring(0, z.lastIndexOf('-'))).distinct().toList();
        assertThat(regions).as("the GCP catalog's regions").hasSizeGreaterThan(10);
        assertThat(zones).as("sorted by name").isSorted();

        // One region list (from the home session), then one zones call per region: nothing else, nothing twice.
        assertThat(first).filteredOn(c -> c.operation().equals("regions")).hasSize(1);
        assertThat(first).filteredOn(c -> c.operation().equals("zones")).extracting(Call::region)
                .containsExactlyInAnyOrderElementsOf(regions);
        assertThat(first).hasSize(1 + regions.size());

        // The region list is kept; zones are asked again, as their state may change.
        List<Call> second = callsDuring(answer, base + "/zones");
        assertThat(names(answer[0].json())).isEqualTo(zones);
        assertThat(second).extracting(Call::operation).containsOnly("zones");
        assertThat(second).extracting(Call::region).containsExactlyInAnyOrderElementsOf(regions);

        // regions.list needs only the names of each region's zones, which are known by now.
        List<Call> regionsList = callsDuring(answer, base + "/regions");
        assertThat(names(answer[0].json())).isEqualTo(regions);
        assertThat(regionsList).isEmpty();
    }

    @Test
    void zonesListAsksTheRegionsSideBySide() throws Exception {
        Http.Answer[] answer = new Http.Answer[1];
        callsDuring(answer, base + "/regions");
        int regions = answer[0].json().get("items").size();
        // Up to the front's bound (Fanout.MAX_PARALLEL, 32) at once; asked one after another, the first call
        // would wait here in vain.
        zonesMeet = new CountDownLatch(Math.min(regions, 32));
        callsDuring(answer, base + "/zones");
        assertThat(zonesMet).hasSize(regions).containsOnly(true);
    }

    @Test
    void machineTypesListOfAZoneAsksItsRegionForTypesAndOfferingsOnce() throws Exception {
        Http.Answer[] answer = new Http.Answer[1];
        // The first zonal call learns the account's regions and the region's zone names.
        List<Call> first = callsDuring(answer, base + "/zones/europe-west1-b/machineTypes");
        assertThat(first).extracting(Call::operation).containsExactlyInAnyOrder("regions", "zones",
                "instanceTypes", "instanceTypeOfferingsByZone");
        List<String> types = names(answer[0].json());
        assertThat(types).contains("e2-small").isSorted();

        List<Call> next = callsDuring(answer, base + "/zones/europe-west1-c/machineTypes");
        assertThat(next).containsExactlyInAnyOrder(new Call("europe-west1", "instanceTypes"),
                new Call("europe-west1", "instanceTypeOfferingsByZone"));
        assertThat(names(answer[0].json())).isSorted();

        // An unknown zone of a known region is refused from the kept zone names, without asking the backend.
        calls.clear();
        Http.Answer missing = Http.call("GET", base + "/zones/europe-west1-q/machineTypes", null, null);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.reason()).isEqualTo("notFound");
        assertThat(calls).isEmpty();
    }

    @Test
    void aggregatedMachineTypesAsksEachRegionOnce() throws Exception {
        Http.Answer[] answer = new Http.Answer[1];
        callsDuring(answer, base + "/zones");
        List<Call> aggregated = callsDuring(answer, base + "/aggregated/machineTypes");
        List<String> regions = names(Http.call("GET", base + "/regions", null, null).json());
        assertThat(aggregated).filteredOn(c -> c.operation().equals("instanceTypes")).extracting(Call::region)
                .containsExactlyInAnyOrderElementsOf(regions);
        assertThat(aggregated).filteredOn(c -> c.operation().equals("instanceTypeOfferingsByZone"))
                .extracting(Call::region).containsExactlyInAnyOrderElementsOf(regions);
        assertThat(aggregated).hasSize(2 * regions.size());
        List<String> scopes = new ArrayList<>();
        answer[0].json().get("items").fieldNames().forEachRemaining(scopes::add);
        assertThat(scopes).as("by region, then zone, as zones.list orders them").isEqualTo(
                names(Http.call("GET", base + "/zones", null, null).json()).stream().map(z -> "zones/" + z)
                        .toList());
    }

    @Test
    void aggregatedInstancesAsksEachZoneOnceFromTheKeptZoneNames() throws Exception {
        Http.Answer[] answer = new Http.Answer[1];
        List<String> zones = names(Http.call("GET", base + "/zones", null, null).json());
        List<Call> aggregated = callsDuring(answer, base + "/aggregated/instances");
        assertThat(aggregated).extracting(Call::operation).containsOnly("instances");
        assertThat(aggregated).extracting(Call::region).containsExactlyInAnyOrderElementsOf(
                zones.stream().map(z -> z.substring(0, z.lastIndexOf('-'))).toList());
        List<String> scopes = new ArrayList<>();
        answer[0].json().get("items").fieldNames().forEachRemaining(scopes::add);
        assertThat(scopes).isEqualTo(zones.stream().map(z -> "zones/" + z).toList());
    }

    /** Records every backend call of a session; {@code zones} calls meet at {@link #zonesMeet} when it is set. */
    private final class Counting extends ForwardingComputeProvider {
        Counting(ComputeProvider delegate) {
            super(delegate);
        }

        @Override
        protected <R> R call(String operation, Supplier<R> call) {
            calls.add(new Call(region(), operation));
            CountDownLatch meet = zonesMeet;
            if (meet != null && operation.equals("zones")) {
                meet.countDown();
                try {
                    zonesMet.add(meet.await(10, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    zonesMet.add(false);
                }
            }
            return super.call(operation, call);
        }
    }
}
