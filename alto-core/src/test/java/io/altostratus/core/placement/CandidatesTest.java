package io.altostratus.core.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.model.Region;
import io.altostratus.core.model.Zone;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CandidatesTest {
    private static InstanceType type(String name, int vcpus, long memoryGiB, Double price) {
        return new InstanceType(name, vcpus, memoryGiB * 1024, 0, null, List.of(Architecture.X86_64), price, false,
                true, null, 0);
    }

    private static InstanceType gpu(String name, int gpus, String model, Double price) {
        return new InstanceType(name, 8, 64 * 1024, gpus, model, List.of(Architecture.X86_64), price, false, true,
                null, 0);
    }

    /** Offerings from maps: region to types, region to zones, zone to offered type names. */
    private record Fixed(String provider, Map<String, List<InstanceType>> types, Map<String, List<String>> zonesOf,
                         Map<String, Set<String>> offered) implements Offerings {
        @Override
        public List<Region> regions() {
            return types.keySet().stream().sorted().map(r -> new Region(r, null, null, false)).toList();
        }

        @Override
        public List<Zone> zones(String region) {
            return zonesOf.getOrDefault(region, List.of()).stream().map(z -> new Zone(z, null, region, null)).toList();
        }

        @Override
        public List<InstanceType> instanceTypes(String region) {
            return types.get(region);
        }

        @Override
        public Set<String> typesOfferedInZone(String zone) {
            return offered.getOrDefault(zone, Set.of());
        }
    }

    private final Fixed aws = new Fixed("aws",
            Map.of("us-east-1", List.of(type("m.large", 2, 8, 0.096), type("m.xlarge", 4, 16, 0.192),
                            type("c.xlarge", 4, 8, 0.17), type("r.xlarge", 4, 32, null)),
                    "eu-west-1", List.of(type("m.xlarge", 4, 16, 0.214))),
            Map.of("us-east-1", List.of("us-east-1a", "us-east-1b"), "eu-west-1", List.of("eu-west-1a")),
            Map.of("us-east-1a", Set.of("m.large", "m.xlarge", "r.xlarge"), "us-east-1b", Set.of("m.large")));
    private final Fixed gcp = new Fixed("gcp",
            Map.of("us-central1", List.of(type("e2-standard-4", 4, 16, 0.134), type("a2-highgpu-1g", 12, 85, 3.67)),
                    "europe-west1", List.of(type("e2-standard-4", 4, 16, 0.147))),
            Map.of(), Map.of());

    @Test
    void cheapestFirstAcrossCloudsWithUnpricedLast() {
        List<Candidate> list = Candidates.builder().offerings(aws).offerings(gcp)
                .requirements(Requirements.of(4, 16 * 1024)).build();

        assertThat(list).extracting(Candidate::toString).containsExactly(
                "gcp/us-central1 e2-standard-4 $0.134/h",
                "gcp/europe-west1 e2-standard-4 $0.147/h",
                "aws/us-east-1/us-east-1a m.xlarge $0.192/h", // us-east-1b does not offer it
                "aws/eu-west-1/eu-west-1a m.xlarge $0.214/h",
                "gcp/us-central1 a2-highgpu-1g $3.67/h",
                "aws/us-east-1/us-east-1a r.xlarge (unpriced)");
    }

    @Test
    void regionGlobsAndZonesNarrowTheList() {
        assertThat(Candidates.builder().offerings(aws).offerings(gcp).requirements(Requirements.of(4, 16 * 1024))
                .regions(List.of("eu*")).build())
                .extracting(Candidate::place).containsExactly("gcp/europe-west1", "aws/eu-west-1/eu-west-1a");
        assertThat(Candidates.builder().offerings(aws).requirements(Requirements.of(2, 0))
                .zones(List.of("us-east-1b")).build())
                .extracting(Candidate::toString).containsExactly("aws/us-east-1/us-east-1b m.large $0.096/h");
    }

    @Test
    void gpuModelsMatchAcrossNamings() {
        Fixed withGpus = new Fixed("aws", Map.of("us-east-1", List.of(gpu("p4d", 8, "NVIDIA A100", 32.77),
                gpu("g4dn", 1, "NVIDIA T4", 0.526), gpu("a2", 1, "nvidia-tesla-a100", 3.67))), Map.of(), Map.of());

        assertThat(Candidates.builder().offerings(withGpus)
                .requirements(Requirements.of(0, 0).withGpu("a100:1")).build())
                .extracting(Candidate::instanceType).containsExactly("a2", "p4d");
        assertThat(Candidates.builder().offerings(withGpus)
                .requirements(Requirements.of(0, 0).withGpu("A100:8")).build())
                .extracting(Candidate::instanceType).containsExactly("p4d");
        assertThatThrownBy(() -> Requirements.of(0, 0).withGpu("A100:0")).hasMessageContaining("MODEL:COUNT");
    }

    @Test
    void nothingThatFitsIsAClearError() {
        assertThatThrownBy(() -> Candidates.builder().offerings(aws).offerings(gcp)
                .requirements(Requirements.of(64, 0)).regions(List.of("us-*")).build())
                .isInstanceOfSatisfying(AltoException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
                    assertThat(e.providerCode()).isEqualTo("NoMatchingInstanceType");
                    assertThat(e.getMessage()).isEqualTo("no candidate fits: no instance type of aws, gcp in "
                            + "region(s) us-* has at least 64 vCPUs");
                });
    }

    @Test
    void aRegionOrZoneNoCloudHasIsATypoNotAnEmptyList() {
        assertThatThrownBy(() -> Candidates.builder().offerings(aws).regions(List.of("us-east-9")).build())
                .isInstanceOfSatisfying(AltoException.class,
                        e -> assertThat(e.providerCode()).isEqualTo("InvalidRegion"));
        assertThatThrownBy(() -> Candidates.builder().offerings(aws).zones(List.of("us-east-1z")).build())
                .isInstanceOfSatisfying(AltoException.class,
                        e -> assertThat(e.providerCode()).isEqualTo("InvalidZone"));
    }

    @Test
    void limitKeepsTheCheapest() {
        assertThat(Candidates.builder().offerings(aws).offerings(gcp).requirements(Requirements.of(4, 16 * 1024))
                .limit(2).build()).extracting(Candidate::instanceType).containsExactly("e2-standard-4",
                "e2-standard-4");
    }
}
