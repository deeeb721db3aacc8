package io.altostratus.gateway.arm.internal;

import com.azure.resourcemanager.compute.fluent.models.VirtualMachineImageInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineImageResourceInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineSizeInner;
import com.azure.resourcemanager.compute.models.ArchitectureTypes;
import com.azure.resourcemanager.compute.models.HyperVGenerationTypes;
import com.azure.resourcemanager.compute.models.OperatingSystemTypes;
import com.azure.resourcemanager.compute.models.OSDiskImage;
import com.azure.resourcemanager.resources.fluent.models.SubscriptionInner;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * What a subscription can see of places and sizes: the subscription itself, its locations (the backend's regions,
 * zones numbered as ARM does: {@code eastus-1} is zone "1"), VM sizes per location, resource SKUs and marketplace
 * images (publishers, offers, skus, versions) from the backend's images whose ids are URNs.
 */
public final class Places {
    private final Sessions sessions;
    private final Images images;

    public Places(Sessions sessions, Images images) {
        this.sessions = sessions;
        this.images = images;
    }

    public Reply subscription(ArmRequest req) {
        return Reply.ok(subscriptionNode(req.subscription()));
    }

    public static ObjectNode subscriptionNode(String subscription) {
        // id, subscriptionId, displayName, state and the policies are read-only in SubscriptionInner: written here.
        SubscriptionInner model = new SubscriptionInner().withAuthorizationSource("RoleBased").withTags(Map.of());
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("id", "/subscriptions/" + subscription);
        out.put("subscriptionId", subscription);
        out.put("displayName", subscription);
        out.put("state", "Enabled");
        ObjectNode policies = out.putObject("subscriptionPolicies");
        policies.put("locationPlacementId", "Public_2014-09-01");
        policies.put("quotaId", "PayAsYouGo_2014-09-01");
        policies.put("spendingLimit", "Off");
        out.setAll(Json.tree(model));
        return out;
    }

    public Reply locations(ArmRequest req) {
        ArrayNode value = Json.MAPPER.createArrayNode();
        for (Region region : sessions.regions(req.subscription())) {
            List<Zone> zones = sessions.zones(req.subscription(), region.name());
            ObjectNode out = Json.MAPPER.createObjectNode();
            out.put("id", req.subscriptionId() + "/locations/" + region.name());
            out.put("name", region.name());
            out.put("type", "Region");
            out.put("displayName", region.displayName());
            out.put("regionalDisplayName", region.displayName());
            // LocationInner's fields, the zone mappings' included, are all read-only in the model: the document is
            // written in its shape (the tests read it back with the SDK).
            if (!zones.isEmpty()) {
                ArrayNode mappings = out.putArray("availabilityZoneMappings");
                for (Zone zone : zones) {
                    ObjectNode mapping = mappings.addObject();
                    mapping.put("logicalZone", Sessions.zoneNumber(region.name(), zone.name(), zones));
                    mapping.put("physicalZone", zone.name());
                }
            }
            ObjectNode metadata = out.putObject("metadata");
            metadata.put("regionType", "Physical");
            metadata.put("regionCategory", "Recommended");
            value.add(out);
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("value", value);
        return Reply.ok(body);
    }

    /** {@code locations/{l}/vmSizes}: every size the location offers. */
    public Reply vmSizes(ArmRequest req, String location) {
        String region = sessions.region(req.subscription(), location);
        ArrayNode value = Json.MAPPER.createArrayNode();
        for (InstanceType type : sorted(sessions.cloud(req.subscription(), region).instanceTypes())) {
            VirtualMachineSizeInner size = new VirtualMachineSizeInner().withName(type.name())
                    .withNumberOfCores(type.vcpus()).withMemoryInMB((int) type.memoryMiB())
                    .withOsDiskSizeInMB(1047552).withResourceDiskSizeInMB((int) (type.localStorageGiB() * 1024))
                    .withMaxDataDiskCount(maxDataDisks(type));
            value.add(Json.tree(size));
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("value", value);
        return Reply.ok(body);
    }

    /**
     * The backend does not say how many data disks a size takes; Azure's sizes allow about two per vCPU, up to 64.
     */
    private static int maxDataDisks(InstanceType type) {
        return Math.max(2, Math.min(64, type.vcpus() * 2));
    }

    private static List<InstanceType> sorted(List<InstanceType> types) {
        List<InstanceType> out = new ArrayList<>(types);
        out.sort(Comparator.comparing(InstanceType::name));
        return out;
    }

    /**
     * {@code Microsoft.Compute/skus}: one virtualMachines SKU per size and location, with vCPUs, MemoryGB, GPUs,
     * the zones that offer it and a Zone restriction listing those that do not. ResourceSkuInner has no setters at
     * all (every field is read-only in the spec), so the document is written in its shape and the tests read it
     * back with {@code ResourceSkuInner.fromJson}. {@code $filter=location eq 'x'} picks one location.
     */
    public Reply skus(ArmRequest req) {
        List<String> regions = new ArrayList<>();
        String filter = req.param("$filter");
        if (filter != null && filter.toLowerCase(Locale.ROOT).contains("location eq")) {
            String wanted = filter.substring(filter.indexOf('\'') + 1, filter.lastIndexOf('\''));
            regions.add(sessions.region(req.subscription(), wanted));
        } else {
            sessions.regions(req.subscription()).forEach(r -> regions.add(r.name()));
        }
        ArrayNode value = Json.MAPPER.createArrayNode();
        for (String region : regions) {
            var cloud = sessions.cloud(req.subscription(), region);
            List<Zone> zones = sessions.zones(req.subscription(), region);
            Map<String, Set<String>> offerings = cloud.instanceTypeOfferingsByZone();
            for (InstanceType type : sorted(cloud.instanceTypes())) {
                value.add(sku(region, type, zones, offerings));
            }
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("value", value);
        return Reply.ok(body);
    }

    private static ObjectNode sku(String region, InstanceType type, List<Zone> zones,
                                  Map<String, Set<String>> offerings) {
        ObjectNode sku = Json.MAPPER.createObjectNode();
        sku.put("resourceType", "virtualMachines");
        sku.put("name", type.name());
        sku.put("tier", type.name().contains("_") ? type.name().substring(0, type.name().indexOf('_')) : "Standard");
        sku.put("size", type.name().contains("_") ? type.name().substring(type.name().indexOf('_') + 1)
                : type.name());
        sku.putArray("locations").add(region);
        ArrayNode capabilities = sku.putArray("capabilities");
        Map<String, String> caps = new LinkedHashMap<>();
        caps.put("vCPUs", Integer.toString(type.vcpus()));
        caps.put("MemoryGB", trim(type.memoryMiB() / 1024.0));
        caps.put("MaxResourceVolumeMB", Long.toString(type.localStorageGiB() * 1024));
        caps.put("OSVhdSizeMB", "1047552");
        caps.put("MaxDataDiskCount", Integer.toString(maxDataDisks(type)));
        if (type.gpus() > 0) {
            caps.put("GPUs", Integer.toString(type.gpus()));
        }
        caps.put("CpuArchitectureType", type.supports(Architecture.ARM64) ? "Arm64" : "x64");
        caps.put("LowPriorityCapable", "True");
        caps.put("HyperVGenerations", "V1,V2");
        caps.put("vCPUsAvailable", Integer.toString(type.vcpus()));
        for (Map.Entry<String, String> e : caps.entrySet()) {
            ObjectNode c = capabilities.addObject();
            c.put("name", e.getKey());
            c.put("value", e.getValue());
        }
        List<String> offered = new ArrayList<>();
        List<String> notOffered = new ArrayList<>();
        for (Zone zone : zones) {
            String number = Sessions.zoneNumber(region, zone.name(), zones);
            (offerings.getOrDefault(zone.name(), Set.of()).contains(type.name()) ? offered : notOffered).add(number);
        }
        ObjectNode info = sku.putArray("locationInfo").addObject();
        info.put("location", region);
        ArrayNode zoneArray = info.putArray("zones");
        offered.forEach(zoneArray::add);
        ArrayNode restrictions = sku.putArray("restrictions");
        if (!notOffered.isEmpty()) {
            ObjectNode r = restrictions.addObject();
            r.put("type", "Zone");
            r.putArray("values").add(region);
            ObjectNode ri = r.putObject("restrictionInfo");
            ri.putArray("locations").add(region);
            ArrayNode rz = ri.putArray("zones");
            notOffered.forEach(rz::add);
            r.put("reasonCode", "NotAvailableForSubscription");
        }
        return sku;
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    // ---- marketplace images -----------------------------------------------------------------------------------

    /**
     * {@code locations/{l}/publishers[/{p}/artifacttypes/vmimage/offers[/{o}/skus[/{s}/versions[/{v}]]]]}: lists are
     * bare arrays of VirtualMachineImageResource, a version is a VirtualMachineImage.
     */
    public Reply publishers(ArmRequest req, String location, List<String> rest) {
        String region = sessions.region(req.subscription(), location);
        List<Images.Marketplace> all = images.marketplace(req.subscription(), region);
        String base = req.subscriptionId() + "/providers/Microsoft.Compute/locations/" + region + "/publishers";
        if (rest.isEmpty()) {
            return names(all, Images.Marketplace::publisher, region, n -> base + "/" + n);
        }
        String publisher = rest.get(0);
        List<Images.Marketplace> ofPublisher = all.stream().filter(m -> m.publisher().equalsIgnoreCase(publisher))
                .toList();
        if (rest.size() < 3 || !rest.get(1).equalsIgnoreCase("artifacttypes")
                || !rest.get(2).equalsIgnoreCase("vmimage")) {
            throw ArmException.pathNotFound(String.join("/", rest));
        }
        String pBase = base + "/" + publisher + "/ArtifactTypes/VMImage/Offers";
        if (rest.size() == 4 && rest.get(3).equalsIgnoreCase("offers")) {
            return names(ofPublisher, Images.Marketplace::offer, region, n -> pBase + "/" + n);
        }
        if (rest.size() < 6 || !rest.get(5).equalsIgnoreCase("skus")) {
            throw ArmException.pathNotFound(String.join("/", rest));
        }
        String offer = rest.get(4);
        List<Images.Marketplace> ofOffer = ofPublisher.stream().filter(m -> m.offer().equalsIgnoreCase(offer))
                .toList();
        String oBase = pBase + "/" + offer + "/Skus";
        if (rest.size() == 6) {
            return names(ofOffer, Images.Marketplace::sku, region, n -> oBase + "/" + n);
        }
        String sku = rest.get(6);
        List<Images.Marketplace> ofSku = ofOffer.stream().filter(m -> m.sku().equalsIgnoreCase(sku)).toList();
        String sBase = oBase + "/" + sku + "/Versions";
        if (rest.size() == 8 && rest.get(7).equalsIgnoreCase("versions")) {
            return names(ofSku, Images.Marketplace::version, region, n -> sBase + "/" + n);
        }
        if (rest.size() == 9 && rest.get(7).equalsIgnoreCase("versions")) {
            String version = rest.get(8);
            Images.Marketplace m = images.resolve(req.subscription(), region, publisher, offer, sku, version);
            VirtualMachineImageInner image = new VirtualMachineImageInner()
                    .withOsDiskImage(new OSDiskImage().withOperatingSystem(OperatingSystemTypes.LINUX))
                    .withHyperVGeneration(HyperVGenerationTypes.V2)
                    .withArchitecture(m.image().architecture() == Architecture.ARM64 ? ArchitectureTypes.ARM64
                            : ArchitectureTypes.X64)
                    .withName(m.version()).withLocation(region).withId(sBase + "/" + m.version());
            return Reply.ok(Json.tree(image));
        }
        throw ArmException.pathNotFound(String.join("/", rest));
    }

    private static Reply names(List<Images.Marketplace> images, Function<Images.Marketplace, String> name,
                               String region, Function<String, String> id) {
        Map<String, String> distinct = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Images.Marketplace m : images) {
            distinct.putIfAbsent(name.apply(m), name.apply(m));
        }
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (String n : distinct.values()) {
            out.add(Json.tree(new VirtualMachineImageResourceInner().withName(n).withLocation(region)
                    .withId(id.apply(n))));
        }
        return Reply.ok(out);
    }
}
