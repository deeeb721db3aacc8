package io.altostratus.gateway.action.groups;

import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.spi.Capability;
import io.altostratus.gateway.action.ActionContext;
import io.altostratus.gateway.action.ActionGroup;
import io.altostratus.gateway.action.ActionRegistry;
import io.altostratus.gateway.filter.FilterSet;
import io.altostratus.gateway.filter.Paging;
import io.altostratus.gateway.http.Ec2WireException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceTypeOfferingsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceTypeOfferingsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceTypesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceTypesResponse;
import software.amazon.awssdk.services.ec2.model.GpuDeviceInfo;
import software.amazon.awssdk.services.ec2.model.GpuInfo;
import software.amazon.awssdk.services.ec2.model.InstanceStorageInfo;
import software.amazon.awssdk.services.ec2.model.InstanceTypeInfo;
import software.amazon.awssdk.services.ec2.model.InstanceTypeOffering;
import software.amazon.awssdk.services.ec2.model.MemoryInfo;
import software.amazon.awssdk.services.ec2.model.NetworkInfo;
import software.amazon.awssdk.services.ec2.model.ProcessorInfo;
import software.amazon.awssdk.services.ec2.model.VCpuInfo;

/**
 * Instance types and where they are offered, from the backend's catalog (for the local cloud, the shipped AWS
 * catalog: real vCPU, memory, GPU, storage and network figures). Fields the catalog does not carry are left out
 * rather than guessed, except the few EC2 states for every type of a kind (HVM, EBS root, boot modes by
 * architecture, the hypervisor by family).
 */
public final class InstanceTypeActions implements ActionGroup {
    /** The families that still run on Xen; every other current family runs on Nitro. */
    private static final Set<String> XEN_FAMILIES = Set.of("t1", "t2", "m1", "m2", "m3", "m4", "c1", "c3", "c4",
            "cc2", "cr1", "r3", "r4", "x1", "x1e", "d2", "h1", "i2", "i3", "hs1", "g2", "g3", "g3s", "p2", "p3", "f1");

    /** The types AWS's Free Tier covers (the 2025 free plan: t3, t4g micro and small, and two flex types). */
    private static final Set<String> FREE_TIER = Set.of("t2.micro", "t3.micro", "t3.small", "t4g.micro", "t4g.small",
            "c7i-flex.large", "m7i-flex.large");

    private static final FilterSet<InstanceTypeInfo> TYPE_FILTERS = FilterSet.<InstanceTypeInfo>builder()
            .field("instance-type", InstanceTypeInfo::instanceTypeAsString)
            .field("current-generation", InstanceTypeInfo::currentGeneration)
            .field("free-tier-eligible", InstanceTypeInfo::freeTierEligible)
            .field("bare-metal", InstanceTypeInfo::bareMetal)
            .field("burstable-performance-supported", InstanceTypeInfo::burstablePerformanceSupported)
            .field("hypervisor", InstanceTypeInfo::hypervisorAsString)
            .field("instance-storage-supported", InstanceTypeInfo::instanceStorageSupported)
            .field("instance-storage-info.total-size-in-gb", t -> t.instanceStorageInfo() == null ? null
                    : t.instanceStorageInfo().totalSizeInGB())
            .field("memory-info.size-in-mib", t -> t.memoryInfo().sizeInMiB())
            .field("network-info.network-performance", t -> t.networkInfo() == null ? null
                    : t.networkInfo().networkPerformance())
            .field("processor-info.supported-architecture", t -> t.processorInfo().supportedArchitecturesAsStrings())
            .field("supported-boot-mode", InstanceTypeInfo::supportedBootModesAsStrings)
            .field("supported-root-device-type", InstanceTypeInfo::supportedRootDeviceTypesAsStrings)
            .field("supported-usage-class", InstanceTypeInfo::supportedUsageClassesAsStrings)
            .field("supported-virtualization-type", InstanceTypeInfo::supportedVirtualizationTypesAsStrings)
            .field("vcpu-info.default-vcpus", t -> t.vCpuInfo().defaultVCpus())
            .build();

    private static final FilterSet<InstanceTypeOffering> OFFERING_FILTERS = FilterSet.<InstanceTypeOffering>builder()
            .field("instance-type", InstanceTypeOffering::instanceTypeAsString)
            .field("location", InstanceTypeOffering::location)
            .build();

    @Override
    public void register(ActionRegistry registry) {
        registry.on(DescribeInstanceTypesRequest.class, this::describeInstanceTypes)
                .on(DescribeInstanceTypeOfferingsRequest.class, this::describeInstanceTypeOfferings);
    }

    DescribeInstanceTypesResponse describeInstanceTypes(ActionContext ctx, DescribeInstanceTypesRequest request) {
        List<String> wanted = request.hasInstanceTypes() ? request.instanceTypesAsStrings() : List.of();
        Checks.dryRun(request.dryRun());
        List<InstanceType> offered = ctx.cloud().instanceTypes();
        List<InstanceType> chosen;
        if (wanted.isEmpty()) {
            chosen = offered;
        } else {
            Map<String, InstanceType> byName = new LinkedHashMap<>();
            for (InstanceType t : offered) {
                byName.put(t.name(), t);
            }
            List<String> unknown = wanted.stream().filter(n -> !byName.containsKey(n)).toList();
            if (!unknown.isEmpty()) {
                throw Ec2WireException.of("InvalidInstanceType",
                        "The following supplied instance types do not exist: [" + String.join(", ", unknown) + "]");
            }
            chosen = wanted.stream().distinct().map(byName::get).toList();
        }
        boolean spot = ctx.cloud().supports(Capability.SPOT);
        List<InstanceTypeInfo> infos = new ArrayList<>(chosen.size());
        for (InstanceType t : chosen) {
            infos.add(toSdk(t, spot));
        }
        List<InstanceTypeInfo> matching = TYPE_FILTERS.apply(infos, request.filters());
        // EC2 pages this action even when the caller sets no MaxResults: at most 100 types per answer.
        Integer maxResults = request.maxResults() == null && wanted.isEmpty() ? Integer.valueOf(100)
                : request.maxResults();
        Paging.Page<InstanceTypeInfo> page = Paging.page(matching, maxResults, request.nextToken(), 5, 100,
                Paging.queryKey(request));
        return DescribeInstanceTypesResponse.builder().instanceTypes(page.items()).nextToken(page.nextToken()).build();
    }

    DescribeInstanceTypeOfferingsResponse describeInstanceTypeOfferings(ActionContext ctx,
                                                                        DescribeInstanceTypeOfferingsRequest request) {
        String locationType = request.locationTypeAsString() == null ? "region" : request.locationTypeAsString();
        if (!Set.of("region", "availability-zone", "availability-zone-id").contains(locationType)) {
            throw Checks.invalid("Value (" + locationType + ") for parameter locationType is invalid. "
                    + "Valid values: region, availability-zone, availability-zone-id");
        }
        Checks.dryRun(request.dryRun());
        List<InstanceTypeOffering> offerings = new ArrayList<>();
        if (locationType.equals("region")) {
            for (InstanceType t : ctx.cloud().instanceTypes()) {
                offerings.add(offering(t.name(), locationType, ctx.cloud().region()));
            }
        } else {
            Map<String, Set<String>> byZone = ctx.cloud().instanceTypeOfferingsByZone();
            Map<String, String> zoneIds = ZoneIds.byName(ctx.cloud());
            byZone.forEach((zone, types) -> {
                String location = locationType.equals("availability-zone") ? zone : zoneIds.get(zone);
                for (String type : types) {
                    offerings.add(offering(type, locationType, location));
                }
            });
        }
        List<InstanceTypeOffering> matching = OFFERING_FILTERS.apply(offerings, request.filters());
        Paging.Page<InstanceTypeOffering> page = Paging.page(matching, request.maxResults(), request.nextToken(), 5,
                1000, Paging.queryKey(request));
        return DescribeInstanceTypeOfferingsResponse.builder().instanceTypeOfferings(page.items())
                .nextToken(page.nextToken()).build();
    }

    private static InstanceTypeOffering offering(String type, String locationType, String location) {
        return InstanceTypeOffering.builder().instanceType(type).locationType(locationType).location(location).build();
    }

    static InstanceTypeInfo toSdk(InstanceType t, boolean spot) {
        String family = t.name().contains(".") ? t.name().substring(0, t.name().indexOf('.')) : t.name();
        boolean metal = t.name().contains("metal");
        boolean xen = XEN_FAMILIES.contains(family);
        boolean arm = t.supports(Architecture.ARM64);
        InstanceTypeInfo.Builder b = InstanceTypeInfo.builder()
                .instanceType(t.name())
                .currentGeneration(t.currentGeneration())
                .freeTierEligible(FREE_TIER.contains(t.name()))
                .supportedUsageClassesWithStrings(spot ? List.of("on-demand", "spot") : List.of("on-demand"))
                .supportedRootDeviceTypesWithStrings(List.of("ebs"))
                .supportedVirtualizationTypesWithStrings(List.of("hvm"))
                .bareMetal(metal)
                .processorInfo(ProcessorInfo.builder()
                        .supportedArchitecturesWithStrings(t.architectures().stream().map(Architecture::wireName)
                                .toList())
                        .build())
                .vCpuInfo(VCpuInfo.builder().defaultVCpus(t.vcpus()).build())
                .memoryInfo(MemoryInfo.builder().sizeInMiB(t.memoryMiB()).build())
                .instanceStorageSupported(t.localStorageGiB() > 0)
                .burstablePerformanceSupported(t.burstable())
                // Graviton boots UEFI only; Xen-era x86 types boot the legacy BIOS only.
                .supportedBootModesWithStrings(arm ? List.of("uefi") : xen ? List.of("legacy-bios")
                        : List.of("legacy-bios", "uefi"));
        if (!metal) {
            // EC2 names no hypervisor for bare-metal types.
            b.hypervisor(xen ? "xen" : "nitro");
        }
        if (t.networkPerformance() != null) {
            b.networkInfo(NetworkInfo.builder().networkPerformance(t.networkPerformance()).build());
        }
        if (t.localStorageGiB() > 0) {
            b.instanceStorageInfo(InstanceStorageInfo.builder().totalSizeInGB(t.localStorageGiB()).build());
        }
        // Fractional-GPU types (g6f: a share of an NVIDIA L4) have a model but no whole GPU; the model still matters.
        if (t.gpus() > 0 || t.gpuModel() != null) {
            b.gpuInfo(GpuInfo.builder().gpus(gpu(t)).build());
        }
        return b.build();
    }

    /** The catalog gives the model as "Manufacturer Name" (e.g. "NVIDIA T4"); EC2 reports the two apart. */
    private static GpuDeviceInfo gpu(InstanceType t) {
        GpuDeviceInfo.Builder g = GpuDeviceInfo.builder().count(t.gpus());
        String model = t.gpuModel();
        if (model != null) {
            int space = model.indexOf(' ');
            if (space > 0) {
                g.manufacturer(model.substring(0, space)).name(model.substring(space + 1));
            } else {
                g.name(model);
            }
        }
        return g.build();
    }
}
