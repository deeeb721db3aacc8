package io.altostratus.azure.catalog;

import com.azure.resourcemanager.compute.fluent.models.ResourceSkuInner;
import com.azure.resourcemanager.compute.models.ResourceSkuCapabilities;
import com.azure.resourcemanager.compute.models.ResourceSkuLocationInfo;
import com.azure.resourcemanager.compute.models.ResourceSkuRestrictions;
import com.azure.resourcemanager.compute.models.ResourceSkuRestrictionsType;
import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.InstanceType;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a location's resource SKUs ({@code Microsoft.Compute/skus}) say about a VM size: its figures from the
 * capabilities ({@code vCPUs}, {@code MemoryGB}, {@code GPUs}, {@code CpuArchitectureType},
 * {@code MaxResourceVolumeMB}), and where it can be used: the zones of its {@code locationInfo}, less the zones a
 * {@code Zone} restriction names; nowhere in the location when a {@code Location} restriction names it (a size not
 * available to the subscription there).
 */
final class ResourceSkus {
    static final String VIRTUAL_MACHINES = "virtualMachines";

    private ResourceSkus() {
    }

    static boolean isVirtualMachine(ResourceSkuInner sku) {
        return VIRTUAL_MACHINES.equalsIgnoreCase(sku.resourceType()) && sku.name() != null;
    }

    /** The size's figures; prices are per location and come elsewhere. */
    static InstanceType instanceType(ResourceSkuInner sku) {
        int vcpus = (int) number(sku, "vCPUs", 0);
        long memoryMiB = Math.round(number(sku, "MemoryGB", 0) * 1024);
        int gpus = (int) number(sku, "GPUs", 0);
        long localGiB = (long) (number(sku, "MaxResourceVolumeMB", 0) / 1024);
        String arch = capability(sku, "CpuArchitectureType");
        Architecture architecture = arch != null && arch.toLowerCase(Locale.ROOT).startsWith("arm")
                ? Architecture.ARM64 : Architecture.X86_64;
        String family = sku.family() == null ? "" : sku.family().toLowerCase(Locale.ROOT);
        // The B series earns and spends CPU credits (families standardBSFamily, standardBsv2Family, ...).
        boolean burstable = family.startsWith("standardb");
        return new InstanceType(sku.name(), vcpus, memoryMiB, gpus, null, List.of(architecture), null, burstable,
                true, null, localGiB);
    }

    /** Whether a {@code Location} restriction keeps the size out of the location. */
    static boolean restrictedIn(ResourceSkuInner sku, String location) {
        if (sku.restrictions() == null) {
            return false;
        }
        for (ResourceSkuRestrictions r : sku.restrictions()) {
            if (ResourceSkuRestrictionsType.LOCATION.equals(r.type())) {
                List<String> where = r.restrictionInfo() != null && r.restrictionInfo().locations() != null
                        ? r.restrictionInfo().locations() : r.values();
                if (where == null || where.stream().anyMatch(location::equalsIgnoreCase)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Every zone number the SKU lists in the location, restricted or not: the location's zones. */
    static Set<String> listedZones(ResourceSkuInner sku, String location) {
        Set<String> out = new TreeSet<>();
        if (sku.locationInfo() != null) {
            for (ResourceSkuLocationInfo info : sku.locationInfo()) {
                if (location.equalsIgnoreCase(info.location()) && info.zones() != null) {
                    out.addAll(info.zones());
                }
            }
        }
        return out;
    }

    /** The zone numbers the size can be placed in: those listed, less those a {@code Zone} restriction names. */
    static Set<String> usableZones(ResourceSkuInner sku, String location) {
        Set<String> out = listedZones(sku, location);
        if (sku.restrictions() != null) {
            for (ResourceSkuRestrictions r : sku.restrictions()) {
                if (ResourceSkuRestrictionsType.ZONE.equals(r.type()) && r.restrictionInfo() != null
                        && r.restrictionInfo().zones() != null) {
                    List<String> where = r.restrictionInfo().locations();
                    if (where == null || where.isEmpty() || where.stream().anyMatch(location::equalsIgnoreCase)) {
                        r.restrictionInfo().zones().forEach(out::remove);
                    }
                }
            }
        }
        return out;
    }

    private static String capability(ResourceSkuInner sku, String name) {
        if (sku.capabilities() == null) {
            return null;
        }
        for (ResourceSkuCapabilities c : sku.capabilities()) {
            if (name.equalsIgnoreCase(c.name())) {
                return c.value();
            }
        }
        return null;
    }

    private static double number(ResourceSkuInner sku, String name, double otherwise) {
        String value = capability(sku, name);
        if (value == null) {
            return otherwise;
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }
}
