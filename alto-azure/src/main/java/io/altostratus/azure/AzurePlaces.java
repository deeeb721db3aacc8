package io.altostratus.azure;

import com.azure.core.util.Context;
import com.azure.resourcemanager.compute.fluent.models.ResourceSkuInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineSizeInner;
import com.azure.resourcemanager.compute.models.ResourceSkuLocationInfo;
import com.azure.resourcemanager.compute.models.ResourceSkuRestrictions;
import com.azure.resourcemanager.compute.models.ResourceSkuRestrictionsType;
import com.azure.resourcemanager.resources.fluent.models.LocationInner;
import com.azure.resourcemanager.resources.models.RegionType;
import io.altostratus.azure.internal.ArmNames;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.model.Region;
import io.altostratus.core.model.Zone;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Locations, zones and VM sizes.
 * <ul>
 *   <li>Regions are the subscription's physical locations ({@code GET /subscriptions/{id}/locations}).</li>
 *   <li>Zones and which sizes each zone offers come from one resource SKUs call for the location
 *       ({@code GET .../providers/Microsoft.Compute/skus?$filter=location eq '<loc>'}): a VM size's
 *       {@code locationInfo.zones}, minus zones a {@code Zone} restriction names, are the zones it is offered in;
 *       zone {@code n} is named {@code <location>-<n>} as the shipped catalog names it. An endpoint that does not
 *       serve SKUs (404) gets the zones the catalog in use knows, every size in every zone.</li>
 *   <li>Sizes are the location's {@code vmSizes} with the catalog's price and architecture where it knows the size;
 *       an unknown size's architecture is read from its name (Azure's {@code p} feature letter marks Arm64 sizes,
 *       {@code Standard_D2ps_v5}).</li>
 * </ul>
 * Each is read once per session: none changes within the minutes a session lives.
 */
final class AzurePlaces {
    private static final Pattern ARM_SIZE = Pattern.compile("Standard_[A-Z]+[0-9]+[a-oq-z]*p[a-z]*_v[0-9]+",
            Pattern.CASE_INSENSITIVE);

    private final AzureContext context;
    private volatile List<Region> regions;
    private volatile List<InstanceType> types;
    private volatile Skus skus;

    /** The location's zones and the sizes each offers. */
    private record Skus(List<Zone> zones, Map<String, Set<String>> offerings, boolean known) {
    }

    AzurePlaces(AzureContext context) {
        this.context = context;
    }

    List<Region> regions() {
        List<Region> out = regions;
        if (out == null) {
            List<LocationInner> locations = context.calls().call("locations.list",
                    () -> context.clients().subscriptions().getSubscriptions().listLocations(context.subscription())
                            .stream().toList());
            out = locations.stream()
                    .filter(l -> l.metadata() == null || l.metadata().regionType() == null
                            || l.metadata().regionType() == RegionType.PHYSICAL)
                    .map(l -> new Region(l.name(), l.displayName(), null, false))
                    .sorted(Comparator.comparing(Region::name))
                    .toList();
            regions = out;
        }
        return out;
    }

    List<Zone> zones() {
        return skus().zones();
    }

    List<String> zoneNames() {
        return zones().stream().map(Zone::name).toList();
    }

    Map<String, Set<String>> offerings() {
        Skus s = skus();
        if (!s.known()) {
            Set<String> all = new TreeSet<>();
            instanceTypes().forEach(t -> all.add(t.name()));
            Map<String, Set<String>> out = new LinkedHashMap<>();
            s.zones().forEach(z -> out.put(z.name(), all));
            return out;
        }
        return s.offerings();
    }

    List<InstanceType> instanceTypes() {
        List<InstanceType> out = types;
        if (out == null) {
            List<VirtualMachineSizeInner> sizes = context.calls().call("vmSizes.list",
                    () -> context.clients().compute().getVirtualMachineSizes().list(context.location()).stream()
                            .toList());
            List<InstanceType> made = new ArrayList<>();
            for (VirtualMachineSizeInner size : sizes) {
                made.add(type(size));
            }
            made.sort(Comparator.comparing(InstanceType::name));
            out = List.copyOf(made);
            types = out;
        }
        return out;
    }

    Optional<InstanceType> instanceType(String name) {
        return instanceTypes().stream().filter(t -> t.name().equalsIgnoreCase(name)).findFirst();
    }

    private InstanceType type(VirtualMachineSizeInner size) {
        Optional<InstanceType> known = catalogType(size.name());
        int vcpus = size.numberOfCores() == null ? 0 : size.numberOfCores();
        long memory = size.memoryInMB() == null ? 0 : size.memoryInMB();
        if (known.isPresent()) {
            InstanceType k = known.get();
            return new InstanceType(size.name(), vcpus, memory, k.gpus(), k.gpuModel(), k.architectures(),
                    k.pricePerHour(), k.burstable(), k.currentGeneration(), k.networkPerformance(),
                    size.resourceDiskSizeInMB() == null ? k.localStorageGiB() : size.resourceDiskSizeInMB() / 1024);
        }
        Architecture arch = ARM_SIZE.matcher(size.name()).matches() ? Architecture.ARM64 : Architecture.X86_64;
        boolean gpu = size.name().toUpperCase(Locale.ROOT).startsWith("STANDARD_N");
        return new InstanceType(size.name(), vcpus, memory, gpu ? 1 : 0, null, List.of(arch), null,
                size.name().startsWith("Standard_B"), true, null,
                size.resourceDiskSizeInMB() == null ? 0 : size.resourceDiskSizeInMB() / 1024);
    }

    private Optional<InstanceType> catalogType(String name) {
        try {
            return context.catalog().instanceType(context.location(), name);
        } catch (AltoException e) {
            return Optional.empty();
        }
    }

    private Skus skus() {
        Skus out = skus;
        if (out == null) {
            out = loadSkus();
            skus = out;
        }
        return out;
    }

    private Skus loadSkus() {
        String location = context.location();
        List<ResourceSkuInner> list;
        try {
            list = context.calls().call("resourceSkus.list", () -> context.clients().compute().getResourceSkus()
                    .list("location eq '" + location + "'", null, Context.NONE).stream().toList());
        } catch (AltoException e) {
            if (e.code() != ErrorCode.NOT_FOUND) {
                throw e;
            }
            return new Skus(catalogZones(), Map.of(), false);
        }
        Set<String> numbers = new TreeSet<>();
        Map<String, Set<String>> byZone = new TreeMap<>();
        for (ResourceSkuInner sku : list) {
            if (!"virtualMachines".equalsIgnoreCase(sku.resourceType()) || sku.locationInfo() == null) {
                continue;
            }
            Set<String> restricted = new TreeSet<>();
            boolean locationRestricted = false;
            if (sku.restrictions() != null) {
                for (ResourceSkuRestrictions r : sku.restrictions()) {
                    if (r.type() == ResourceSkuRestrictionsType.ZONE && r.restrictionInfo() != null
                            && r.restrictionInfo().zones() != null) {
                        restricted.addAll(r.restrictionInfo().zones());
                    } else if (r.type() == ResourceSkuRestrictionsType.LOCATION) {
                        locationRestricted = true;
                    }
                }
            }
            for (ResourceSkuLocationInfo info : sku.locationInfo()) {
                if (info.location() == null || !info.location().equalsIgnoreCase(location) || info.zones() == null) {
                    continue;
                }
                for (String zone : info.zones()) {
                    numbers.add(zone);
                    if (!locationRestricted && !restricted.contains(zone)) {
                        byZone.computeIfAbsent(ArmNames.zoneName(location, zone), k -> new TreeSet<>())
                                .add(sku.name());
                    }
                }
            }
        }
        List<Zone> zones = numbers.stream()
                .map(n -> new Zone(ArmNames.zoneName(location, n), n, location, "available"))
                .sorted(Comparator.comparing(Zone::name)).toList();
        Map<String, Set<String>> offerings = new LinkedHashMap<>();
        for (Zone z : zones) {
            offerings.put(z.name(), Set.copyOf(byZone.getOrDefault(z.name(), Set.of())));
        }
        return new Skus(zones, offerings, true);
    }

    private List<Zone> catalogZones() {
        try {
            return context.catalog().zones(context.location());
        } catch (AltoException e) {
            return List.of();
        }
    }
}
