package io.altostratus.gcp.catalog;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.google.cloud.billing.v1.ListSkusResponse;
import com.google.protobuf.util.JsonFormat;
import io.altostratus.catalog.Catalog;
import io.altostratus.catalog.refresh.CatalogRefresher;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.model.Zone;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The refresh against Compute Engine's recorded answers ({@code /work/shared/data/wire/gce/}: regions.list, zones.list,
 * machineTypes.list of us-central1-a for every zone, and the 404 of a family that does not exist for every family),
 * read at test time and skipped when they are not on this machine, with a stub Cloud Billing page of two SKUs. The
 * recordings list a zone whose region regions.list does not (asia-east1-a), deprecated types and a GPU type.
 */
class GcpCatalogRecordedTest {
    private static final Path WIRE = Path.of(System.getProperty("alto.gce.wire", "/work/shared/data/wire/gce"));
    private static final String BASE = "/compute/v1/projects/project_name";

    private WireMockServer gce;

    @BeforeEach
    void start() throws Exception {
        gce = new WireMockServer(wireMockConfig().dynamicPort());
        gce.start();
        gce.stubFor(get(urlPathEqualTo(BASE + "/regions")).willReturn(json(200, recorded("regions_list.json"))));
        gce.stubFor(get(urlPathEqualTo(BASE + "/zones")).willReturn(json(200, recorded("zones_list.json"))));
        gce.stubFor(get(urlPathMatching(BASE + "/zones/[a-z0-9-]+/machineTypes"))
                .willReturn(json(200, recorded("machineTypes_list.json"))));
        gce.stubFor(get(urlPathMatching("/compute/v1/projects/[a-z-]+/global/images/family/[a-z0-9-]+"))
                .willReturn(json(404, recorded("error_404_notFound.json"))));
        gce.stubFor(get(urlPathEqualTo("/v1/services/6F81-5844-456A/skus")).willReturn(json(200,
                JsonFormat.printer().print(ListSkusResponse.newBuilder()
                        .addSkus(SkuPricesTest.sku("1111-2222-0001", "N1 Predefined Instance Core running in Americas",
                                "OnDemand", "h", 0, 31_611_000, "us-central1", "us-east1", "us-west1"))
                        .addSkus(SkuPricesTest.sku("1111-2222-0002", "N1 Predefined Instance Ram running in Americas",
                                "OnDemand", "GiBy.h", 0, 4_237_000, "us-central1", "us-east1", "us-west1"))
                        .build()))));
    }

    @AfterEach
    void stop() {
        gce.stop();
    }

    private static String recorded(String file) {
        Path path = WIRE.resolve(file);
        Assumptions.assumeTrue(Files.isRegularFile(path),
                "recorded GCE responses are not at " + WIRE + " (set -Dalto.gce.wire=DIR); skipping");
        try {
            return Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    @Test
    void recordedPlacesAndMachineTypesBecomeASnapshot() {
        CatalogRefresher.Result r = GcpCatalogRefresh.builder().endpoint("http://127.0.0.1:" + gce.port())
                .project("project_name").build().run();
        Catalog c = r.snapshot().catalog();

        // asia-east1-a is listed by zones.list, but its region is not by regions.list: no region, no zone.
        assertThat(c.regions()).extracting(io.altostratus.core.model.Region::name)
                .containsExactly("europe-west1", "us-central1", "us-central2");
        assertThat(c.zones("us-central1")).extracting(Zone::name).containsExactly("us-central1-a", "us-central1-b");
        assertThat(c.typesOfferedInZone("us-central2-a")).contains("n1-standard-4", "a2-highgpu-1g");

        BigDecimal core = new BigDecimal("0.031611");
        BigDecimal ram = new BigDecimal("0.004237");
        assertThat(c.instanceType("us-central1", "n1-standard-4").orElseThrow().pricePerHour())
                .isEqualTo(BigDecimal.valueOf(4).multiply(core).add(BigDecimal.valueOf(15).multiply(ram))
                        .doubleValue());
        // memoryMb 7373 is the 7.2 GB the bill counts.
        assertThat(c.instanceType("us-central1", "n1-highcpu-8").orElseThrow().pricePerHour())
                .isEqualTo(BigDecimal.valueOf(8).multiply(core).add(new BigDecimal("7.2").multiply(ram))
                        .doubleValue());
        // The Americas SKUs do not price Europe.
        assertThat(c.instanceType("europe-west1", "n1-standard-4").orElseThrow().pricePerHour()).isNull();

        InstanceType gpu = c.instanceType("us-central1", "a2-highgpu-1g").orElseThrow();
        assertThat(gpu.gpus()).isEqualTo(1);
        assertThat(gpu.gpuModel()).isEqualTo("nvidia-tesla-v100");
        assertThat(gpu.vcpus()).isEqualTo(12);
        assertThat(c.instanceType("us-central1", "n1-standard-1-d").orElseThrow().currentGeneration()).isFalse();
        assertThat(c.instanceType("us-central1", "n1-standard-1").orElseThrow().currentGeneration()).isTrue();

        assertThat(c.images("us-central1")).isEmpty();
        assertThat(r.snapshot().notes()).contains(
                "image family ubuntu-os-cloud/ubuntu-2404-lts-amd64 was not found: left out",
                "image family debian-cloud/debian-12-arm64 was not found: left out");
        assertThat(r.snapshot().notes()).anySatisfy(n -> assertThat(n).contains("region/type pairs unpriced")
                .endsWith("of families without unit prices there: a2, f1, g1, n1"));

        // regions, zones, six families, six zones (asia-east1-a's included: zones are read before regions answer)
        // and one page of SKUs.
        assertThat(r.stats().calls()).isEqualTo(15);
        assertThat(gce.getAllServeEvents()).hasSize(15);
        assertThat(r.stats().criticalPath()).isEqualTo(2);
        assertThat(r.stats().regions()).isEqualTo(3);
        assertThat(r.stats().images()).isZero();
    }
}
