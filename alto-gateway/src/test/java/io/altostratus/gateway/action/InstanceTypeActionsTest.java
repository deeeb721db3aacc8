package io.altostratus.gateway.action;

import static io.altostratus.gateway.action.Ec2Calls.filter;
import static io.altostratus.gateway.action.Ec2Calls.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.catalog.Catalogs;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.model.Zone;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceTypeOfferingsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceTypesResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.InstanceTypeInfo;
import software.amazon.awssdk.services.ec2.model.InstanceTypeOffering;
import software.amazon.awssdk.services.ec2.model.LocationType;

class InstanceTypeActionsTest {
    @RegisterExtension
    final GatewayHarness gw = new GatewayHarness();

    @Test
    void t3MicroHasTheCatalogsFigures() {
        InstanceTypeInfo micro = gw.client().describeInstanceTypes(r -> r.instanceTypesWithStrings("t3.micro"))
                .instanceTypes().get(0);
        InstanceType catalog = Catalogs.aws().instanceType("us-east-1", "t3.micro").orElseThrow();

        assertThat(micro.instanceTypeAsString()).isEqualTo("t3.micro");
        assertThat(micro.vCpuInfo().defaultVCpus()).isEqualTo(2).isEqualTo(catalog.vcpus());
        assertThat(micro.memoryInfo().sizeInMiB()).isEqualTo(1024L).isEqualTo(catalog.memoryMiB());
        assertThat(micro.processorInfo().supportedArchitecturesAsStrings()).containsExactly("x86_64");
        assertThat(micro.burstablePerformanceSupported()).isTrue();
        assertThat(micro.currentGeneration()).isTrue();
        assertThat(micro.freeTierEligible()).isTrue();
        assertThat(micro.networkInfo().networkPerformance()).isEqualTo(catalog.networkPerformance());
        assertThat(micro.instanceStorageSupported()).isFalse();
        assertThat(micro.instanceStorageInfo()).isNull();
        assertThat(micro.gpuInfo()).isNull();
        assertThat(micro.hypervisorAsString()).isEqualTo("nitro");
        assertThat(micro.bareMetal()).isFalse();
        assertThat(micro.supportedRootDeviceTypesAsStrings()).containsExactly("ebs");
        assertThat(micro.supportedVirtualizationTypesAsStrings()).containsExactly("hvm");
        // The local cloud offers spot capacity, so it claims the spot usage class too.
        assertThat(micro.supportedUsageClassesAsStrings()).containsExactly("on-demand", "spot");
        assertThat(micro.supportedBootModesAsStrings()).containsExactlyInAnyOrder("legacy-bios", "uefi");
    }

    @Test
    void everyTypeMatchesTheCatalogIncludingGpusAndLocalDisks() {
        List<InstanceTypeInfo> all = new ArrayList<>();
        for (DescribeInstanceTypesResponse page : gw.client().describeInstanceTypesPaginator(r -> { })) {
            assertThat(page.instanceTypes()).hasSizeLessThanOrEqualTo(100);
            all.addAll(page.instanceTypes());
        }
        Map<String, InstanceType> catalog = Catalogs.aws().instanceTypes("us-east-1").stream()
                .collect(Collectors.toMap(InstanceType::name, t -> t));

        assertThat(all).extracting(InstanceTypeInfo::instanceTypeAsString)
                .doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(catalog.keySet());
        for (InstanceTypeInfo info : all) {
            InstanceType t = catalog.get(info.instanceTypeAsString());
            assertThat(info.vCpuInfo().defaultVCpus()).isEqualTo(t.vcpus());
            assertThat(info.memoryInfo().sizeInMiB()).isEqualTo(t.memoryMiB());
            assertThat(info.currentGeneration()).isEqualTo(t.currentGeneration());
            assertThat(info.burstablePerformanceSupported()).isEqualTo(t.burstable());
            assertThat(info.instanceStorageSupported()).isEqualTo(t.localStorageGiB() > 0);
            if (t.gpus() > 0 || t.gpuModel() != null) {
                assertThat(info.gpuInfo().gpus()).singleElement().satisfies(g -> {
                    assertThat(g.count()).isEqualTo(t.gpus());
                    assertThat(g.manufacturer() + " " + g.name()).isEqualTo(t.gpuModel());
                });
            } else {
                assertThat(info.gpuInfo()).isNull();
            }
        }
        InstanceTypeInfo graviton = all.stream().filter(i -> i.instanceTypeAsString().equals("m7g.large"))
                .findFirst().orElseThrow();
        assertThat(graviton.processorInfo().supportedArchitecturesAsStrings()).containsExactly("arm64");
        assertThat(graviton.supportedBootModesAsStrings()).containsExactly("uefi");
        InstanceTypeInfo old = all.stream().filter(i -> i.instanceTypeAsString().equals("t2.micro"))
                .findFirst().orElseThrow();
        assertThat(old.hypervisorAsString()).isEqualTo("xen");
        InstanceTypeInfo metal = all.stream().filter(i -> i.instanceTypeAsString().equals("m5.metal"))
                .findFirst().orElseThrow();
        assertThat(metal.bareMetal()).isTrue();
        assertThat(metal.hypervisor()).isNull();
        InstanceTypeInfo disks = all.stream().filter(i -> i.instanceTypeAsString().equals("m5d.large"))
                .findFirst().orElseThrow();
        assertThat(disks.instanceStorageInfo().totalSizeInGB()).isEqualTo(catalog.get("m5d.large").localStorageGiB());
    }

    @Test
    void typeFiltersAndPaging() {
        List<InstanceTypeInfo> smallArm = collect(gw.client().describeInstanceTypes(r -> r.filters(
                filter("processor-info.supported-architecture", "arm64"), filter("vcpu-info.default-vcpus", "2"),
                filter("memory-info.size-in-mib", "1024", "2048"))));
        assertThat(smallArm).isNotEmpty().allSatisfy(i -> {
            assertThat(i.processorInfo().supportedArchitecturesAsStrings()).contains("arm64");
            assertThat(i.vCpuInfo().defaultVCpus()).isEqualTo(2);
            assertThat(i.memoryInfo().sizeInMiB()).isIn(1024L, 2048L);
        });
        assertThat(smallArm).extracting(InstanceTypeInfo::instanceTypeAsString).contains("t4g.micro", "t4g.small");

        List<InstanceTypeInfo> t3 = collect(gw.client().describeInstanceTypes(r -> r.filters(
                filter("instance-type", "t3.*"), filter("burstable-performance-supported", "true"),
                filter("current-generation", "true"))));
        assertThat(t3).extracting(InstanceTypeInfo::instanceTypeAsString)
                .contains("t3.nano", "t3.micro", "t3.2xlarge").allMatch(n -> n.startsWith("t3."));
        assertThat(collect(gw.client().describeInstanceTypes(r -> r.filters(filter("free-tier-eligible", "true")))))
                .extracting(InstanceTypeInfo::instanceTypeAsString).contains("t3.micro").doesNotContain("m5.large");

        Set<String> walked = new HashSet<>();
        int pages = 0;
        for (DescribeInstanceTypesResponse page : gw.client().describeInstanceTypesPaginator(r -> r.maxResults(5)
                .filters(filter("instance-type", "t3.*")))) {
            assertThat(page.instanceTypes()).hasSizeLessThanOrEqualTo(5);
            page.instanceTypes().forEach(i -> walked.add(i.instanceTypeAsString()));
            pages++;
        }
        assertThat(walked).hasSize(t3.size());
        assertThat(pages).isEqualTo((t3.size() + 4) / 5);

        assertCode(() -> gw.client().describeInstanceTypes(r -> r.maxResults(101)), "InvalidParameterValue", 400);
        assertCode(() -> gw.client().describeInstanceTypes(r -> r.instanceTypesWithStrings("t3.micro", "z9.huge")),
                "InvalidInstanceType", 400);
        assertCode(() -> gw.client().describeInstanceTypes(r -> r.filters(filter("colour", "red"))),
                "InvalidParameterValue", 400);
        assertCode(() -> gw.client().describeInstanceTypes(r -> r.dryRun(true)), "DryRunOperation", 412);
    }

    @Test
    void offeringsByRegionZoneAndZoneIdComeFromTheCatalog() {
        List<InstanceTypeOffering> region = offerings(null, filter("instance-type", "t3.micro", "m5.large"));
        assertThat(region).extracting(InstanceTypeOffering::instanceTypeAsString)
                .containsExactlyInAnyOrder("t3.micro", "m5.large");
        assertThat(region).allSatisfy(o -> {
            assertThat(o.locationTypeAsString()).isEqualTo("region");
            assertThat(o.location()).isEqualTo("us-east-1");
        });

        List<Zone> zones = gw.cloud().zones();
        Map<String, Set<String>> byZone = gw.cloud().instanceTypeOfferingsByZone();
        List<InstanceTypeOffering> inZones = offerings(LocationType.AVAILABILITY_ZONE,
                filter("instance-type", "t3.micro"));
        Set<String> zonesWithMicro = zones.stream().filter(z -> byZone.get(z.name()).contains("t3.micro"))
                .map(Zone::name).collect(Collectors.toSet());
        assertThat(inZones).extracting(InstanceTypeOffering::location)
                .containsExactlyInAnyOrderElementsOf(zonesWithMicro);

        // Some us-east-1 zone lacks some type: the answer follows the catalog, not "everything everywhere".
        String sparse = zones.stream().map(Zone::name).min((a, b) -> byZone.get(a).size() - byZone.get(b).size())
                .orElseThrow();
        List<InstanceTypeOffering> sparseOfferings = offerings(LocationType.AVAILABILITY_ZONE,
                filter("location", sparse));
        assertThat(sparseOfferings).extracting(InstanceTypeOffering::instanceTypeAsString)
                .containsExactlyInAnyOrderElementsOf(Catalogs.aws().typesOfferedInZone(sparse));
        assertThat(sparseOfferings.size()).isLessThan(gw.cloud().instanceTypes().size());

        Zone first = zones.get(0);
        List<InstanceTypeOffering> byId = offerings(LocationType.AVAILABILITY_ZONE_ID,
                filter("location", first.zoneId()), filter("instance-type", "t3.*"));
        assertThat(byId).isNotEmpty().allSatisfy(o -> {
            assertThat(o.location()).isEqualTo(first.zoneId());
            assertThat(o.locationTypeAsString()).isEqualTo("availability-zone-id");
            assertThat(o.instanceTypeAsString()).startsWith("t3.");
        });

        assertCode(() -> gw.client().describeInstanceTypeOfferings(r -> r.maxResults(4)), "InvalidParameterValue",
                400);
        assertCode(() -> gw.client().describeInstanceTypeOfferings(r -> r.filters(filter("zone", "x"))),
                "InvalidParameterValue", 400);
        assertCode(() -> gw.client().describeInstanceTypeOfferings(r -> r.dryRun(true)), "DryRunOperation", 412);
    }

    @Test
    void offeringsPageThroughTheSdkPaginator() {
        int total = gw.client().describeInstanceTypeOfferings(r -> r.locationType(LocationType.AVAILABILITY_ZONE))
                .instanceTypeOfferings().size();

        List<String> walked = new ArrayList<>();
        for (DescribeInstanceTypeOfferingsResponse page : gw.client().describeInstanceTypeOfferingsPaginator(r -> r
                .locationType(LocationType.AVAILABILITY_ZONE).maxResults(1000))) {
            assertThat(page.instanceTypeOfferings()).hasSizeLessThanOrEqualTo(1000);
            page.instanceTypeOfferings().forEach(o -> walked.add(o.location() + "/" + o.instanceTypeAsString()));
        }

        int expected = gw.cloud().instanceTypeOfferingsByZone().values().stream().mapToInt(Set::size).sum();
        assertThat(total).isEqualTo(expected).isGreaterThan(1000);
        assertThat(walked).hasSize(expected).doesNotHaveDuplicates();
    }

    private List<InstanceTypeOffering> offerings(LocationType type, Filter... filters) {
        return gw.client().describeInstanceTypeOfferings(r -> r.locationType(type).filters(filters))
                .instanceTypeOfferings();
    }

    private static List<InstanceTypeInfo> collect(DescribeInstanceTypesResponse first) {
        assertThat(first.nextToken()).as("a filtered answer small enough for one page").isNull();
        return first.instanceTypes();
    }
}
