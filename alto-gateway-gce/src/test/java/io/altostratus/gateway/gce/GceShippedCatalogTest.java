package io.altostratus.gateway.gce;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.altostratus.catalog.Catalog;
import io.altostratus.catalog.Catalogs;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.gateway.Gateway;
import io.altostratus.gateway.auth.AuthMode;
import io.altostratus.local.LocalProviderFactory;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The endpoint over the local cloud on the shipped GCP catalog, as {@code alto serve --api gce} runs it: the public
 * families resolve and an instance launches from one. Skipped while the shipped catalog has no GCP tier.
 */
class GceShippedCatalogTest {
    private static GceFront front;
    private static Gateway gateway;
    private static String root;

    @BeforeAll
    static void start() {
        Catalog catalog = null;
        try {
            catalog = Catalogs.shipped("gcp");
            catalog.regions();
        } catch (RuntimeException e) {
            catalog = null;
        }
        assumeTrue(catalog != null, "the shipped catalog has no GCP tier yet");
        front = GceFront.builder(LocalProviderFactory.withCatalog(catalog))
                .context(new ProviderContext("us-central1", ProviderContext.DEFAULT_ACCOUNT, null, null,
                        Map.of("transition_ms", "100"), null))
                .authMode(AuthMode.PERMISSIVE).build();
        gateway = front.mountOn(Gateway.builder().port(0).dispatcher(call -> new byte[0])
                .authMode(AuthMode.PERMISSIVE)).start();
        root = "http://127.0.0.1:" + gateway.port() + "/compute/v1/projects/";
    }

    @AfterAll
    static void stop() {
        if (gateway != null) {
            gateway.close();
            front.close();
        }
    }

    @Test
    void publicFamiliesResolve() throws Exception {
        for (String family : new String[] {"ubuntu-os-cloud/global/images/family/ubuntu-2404-lts-amd64",
                "ubuntu-os-cloud/global/images/family/ubuntu-2404-lts-arm64",
                "debian-cloud/global/images/family/debian-12"}) {
            Http.Answer image = Http.call("GET", root + family, null, null);
            assertThat(image.status()).as(family + ": " + image.json()).isEqualTo(200);
            assertThat(image.json().get("family").asText()).isEqualTo(family.substring(family.lastIndexOf('/') + 1));
            assertThat(image.json().get("status").asText()).isEqualTo("READY");
        }
    }

    @Test
    void anInstanceLaunchesFromAFamilyInTheShippedCatalog() throws Exception {
        String zone = root + "shipped/zones/us-central1-a";
        Http.Answer insert = Http.call("POST", zone + "/instances", Http.instance("shipped-1", "us-central1-a",
                "e2-small"), null);
        assertThat(insert.status()).as(insert.json().toString()).isEqualTo(200);
        JsonNode done = Http.call("POST", zone + "/operations/" + insert.json().get("name").asText() + "/wait",
                null, null).json();
        assertThat(done.get("status").asText()).isEqualTo("DONE");
        JsonNode instance = Http.call("GET", zone + "/instances/shipped-1", null, null).json();
        assertThat(instance.get("status").asText()).isEqualTo("RUNNING");
        assertThat(instance.get("machineType").asText()).endsWith("/zones/us-central1-a/machineTypes/e2-small");
        JsonNode regions = Http.call("GET", root + "shipped/regions", null, null).json();
        assertThat(regions.get("items")).extracting(r -> r.get("name").asText()).contains("us-central1");
    }
}
