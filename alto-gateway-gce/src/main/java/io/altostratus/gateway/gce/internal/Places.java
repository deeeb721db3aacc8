package io.altostratus.gateway.gce.internal;

import com.google.cloud.compute.v1.MachineType;
import com.google.cloud.compute.v1.MachineTypeAggregatedList;
import com.google.cloud.compute.v1.MachineTypeList;
import com.google.cloud.compute.v1.MachineTypesScopedList;
import com.google.cloud.compute.v1.Region;
import com.google.cloud.compute.v1.RegionList;
import com.google.cloud.compute.v1.Warning;
import com.google.cloud.compute.v1.Zone;
import com.google.cloud.compute.v1.ZoneList;
import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.InstanceType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** zones, regions and machineTypes: read-only views of the backend's places and sizes. */
public final class Places {
    /**
     * Places have no creation time in the core model; one fixed instant keeps {@code creationTimestamp} (which
     * clients expect on every resource) stable across calls and restarts.
     */
    static final String PLACES_CREATED = Ids.timestamp(Instant.parse("2020-01-01T00:00:00Z"));

    private final Sessions sessions;

    public Places(Sessions sessions) {
        this.sessions = sessions;
    }

    // ---- the project ---------------------------------------------------------------------------------------

    /**
     * projects.get: tools ask for it before creating instances (the default service account, common metadata).
     * The project is the backend account; nothing of it is stored.
     */
    public com.google.cloud.compute.v1.Project project(Request req) {
        sessions.regions(req.project());
        return com.google.cloud.compute.v1.Project.newBuilder().setKind("compute#project")
                .setId(Ids.stable("project", req.project())).setName(req.project())
                .setCreationTimestamp(PLACES_CREATED).setSelfLink(req.links().project(req.project()))
                .setDefaultServiceAccount(req.project() + "-compute@developer.gserviceaccount.com")
                .setDefaultNetworkTier("PREMIUM")
                .setCommonInstanceMetadata(com.google.cloud.compute.v1.Metadata.newBuilder()
                        .setKind("compute#metadata").setFingerprint(Labels.fingerprint(java.util.Map.of())))
                .build();
    }

    // ---- zones ---------------------------------------------------------------------------------------------

    Zone zone(Request req, io.altostratus.core.model.Zone zone) {
        String status = "available".equalsIgnoreCase(zone.state()) ? "UP" : "DOWN";
        return Zone.newBuilder().setKind("compute#zone").setId(Ids.stable("zone", zone.name()))
                .setCreationTimestamp(PLACES_CREATED).setName(zone.name()).setDescription(zone.name())
                .setStatus(status).setRegion(req.links().region(req.project(), zone.region()))
                .setSelfLink(req.links().zone(req.project(), zone.name())).build();
    }

    public Zone getZone(Request req, String name) {
        return zone(req, sessions.zone(req.project(), name));
    }

    public ZoneList listZones(Request req) {
        Filter filter = Filter.parse(req.param("filter"));
        List<Zone> zones = sessions.allZones(req.project()).stream().map(z -> zone(req, z)).filter(filter::matches)
                .sorted(Comparator.comparing(Zone::getName)).toList();
        Pages.Slice<Zone> page = Pages.slice(zones, Zone::getName, req);
        ZoneList.Builder out = ZoneList.newBuilder().setKind("compute#zoneList")
                .setId("projects/" + req.project() + "/zones").addAllItems(page.items())
                .setSelfLink(req.links().project(req.project()) + "/zones");
        if (page.nextPageToken() != null) {
            out.setNextPageToken(page.nextPageToken());
        }
        return out.build();
    }

    // ---- regions -------------------------------------------------------------------------------------------

    /** A region with the links of its zones (by name only, so the kept names serve). */
    Region region(Request req, io.altostratus.core.model.Region region, List<String> zoneNames) {
        Region.Builder out = Region.newBuilder().setKind("compute#region").setId(Ids.stable("region", region.name()))
                .setCreationTimestamp(PLACES_CREATED).setName(region.name()).setDescription(region.name())
                .setStatus("UP").setSelfLink(req.links().region(req.project(), region.name()));
        for (String zone : zoneNames) {
            out.addZones(req.links().zone(req.project(), zone));
        }
        return out.build();
    }

    public Region getRegion(Request req, String name) {
        io.altostratus.core.model.Region region = sessions.region(req.project(), name)
                .orElseThrow(() -> GceException.notFound("projects/" + req.project() + "/regions/" + name));
        return region(req, region, sessions.zoneNames(req.project(), name));
    }

    public RegionList listRegions(Request req) {
        Filter filter = Filter.parse(req.param("filter"));
        List<Region> regions = Fanout.map(sessions.regions(req.project()),
                r -> region(req, r, sessions.zoneNames(req.project(), r.name()))).stream()
                .filter(filter::matches).toList();
        Pages.Slice<Region> page = Pages.slice(regions, Region::getName, req);
        RegionList.Builder out = RegionList.newBuilder().setKind("compute#regionList")
                .setId("projects/" + req.project() + "/regions").addAllItems(page.items())
                .setSelfLink(req.links().project(req.project()) + "/regions");
        if (page.nextPageToken() != null) {
            out.setNextPageToken(page.nextPageToken());
        }
        return out.build();
    }

    // ---- machine types -------------------------------------------------------------------------------------

    static MachineType machineType(Request req, String zone, InstanceType type) {
        String memory = type.memoryMiB() % 1024 == 0 ? Long.toString(type.memoryMiB() / 1024)
                : String.format(java.util.Locale.ROOT, "%.2f", type.memoryMiB() / 1024.0);
        String cpus = type.vcpus() == 1 ? "1 vCPU" : type.vcpus() + " vCPUs";
        MachineType.Builder out = MachineType.newBuilder().setKind("compute#machineType")
                .setId(Ids.stable("machineType", type.name())).setCreationTimestamp(PLACES_CREATED)
                .setName(type.name()).setDescription(cpus + ", " + memory + " GB RAM")
                .setGuestCpus(type.vcpus()).setMemoryMb((int) type.memoryMiB()).setImageSpaceGb(10)
                .setMaximumPersistentDisks(128).setMaximumPersistentDisksSizeGb(263_168L)
                .setIsSharedCpu(type.burstable()).setZone(zone)
                .setSelfLink(req.links().machineType(req.project(), zone, type.name()));
        if (type.architectures().size() == 1) {
            out.setArchitecture(type.architectures().get(0) == Architecture.ARM64 ? "ARM64" : "X86_64");
        }
        if (type.gpus() > 0 && type.gpuModel() != null) {
            out.addAccelerators(com.google.cloud.compute.v1.Accelerators.newBuilder()
                    .setGuestAcceleratorType(type.gpuModel()).setGuestAcceleratorCount(type.gpus()));
        }
        return out.build();
    }

    /**
     * The machine types each of {@code zones} (of one region) offers, by zone name, each list sorted by name. The
     * region's types and its offerings are two independent backend calls, asked side by side.
     */
    private Map<String, List<MachineType>> typesByZone(Request req, String region, List<String> zones) {
        Fanout.Both<Map<String, Set<String>>, List<InstanceType>> answers = Fanout.both(
                () -> sessions.offeringsByZone(req.project(), region),
                () -> sessions.instanceTypes(req.project(), region));
        Map<String, Set<String>> offerings = answers.first();
        List<InstanceType> types = answers.second();
        Map<String, List<MachineType>> out = new LinkedHashMap<>();
        for (String zone : zones) {
            Set<String> offered = offerings.getOrDefault(zone, Set.of());
            List<MachineType> inZone = new ArrayList<>();
            for (InstanceType type : types) {
                if (offered.contains(type.name())) {
                    inZone.add(machineType(req, zone, type));
                }
            }
            inZone.sort(Comparator.comparing(MachineType::getName));
            out.put(zone, inZone);
        }
        return out;
    }

    private List<MachineType> typesInZone(Request req, String zone) {
        sessions.requireZone(req.project(), zone);
        return typesByZone(req, Links.regionOfZone(zone), List.of(zone)).get(zone);
    }

    public MachineType getMachineType(Request req, String zone, String name) {
        return typesInZone(req, zone).stream().filter(t -> t.getName().equals(name)).findFirst()
                .orElseThrow(() -> GceException.notFound("projects/" + req.project() + "/zones/" + zone
                        + "/machineTypes/" + name));
    }

    public MachineTypeList listMachineTypes(Request req, String zone) {
        Filter filter = Filter.parse(req.param("filter"));
        List<MachineType> types = typesInZone(req, zone).stream().filter(filter::matches).toList();
        Pages.Slice<MachineType> page = Pages.slice(types, MachineType::getName, req);
        MachineTypeList.Builder out = MachineTypeList.newBuilder().setKind("compute#machineTypeList")
                .setId("projects/" + req.project() + "/zones/" + zone + "/machineTypes").addAllItems(page.items())
                .setSelfLink(req.links().zone(req.project(), zone) + "/machineTypes");
        if (page.nextPageToken() != null) {
            out.setNextPageToken(page.nextPageToken());
        }
        return out.build();
    }

    public MachineTypeAggregatedList aggregateMachineTypes(Request req) {
        Filter filter = Filter.parse(req.param("filter"));
        MachineTypeAggregatedList.Builder out = MachineTypeAggregatedList.newBuilder()
                .setKind("compute#machineTypeAggregatedList")
                .setId("projects/" + req.project() + "/aggregated/machineTypes")
                .setSelfLink(req.links().project(req.project()) + "/aggregated/machineTypes");
        // One pair of calls per region (not per zone), the regions side by side.
        List<Map<String, List<MachineType>>> byRegion = Fanout.map(sessions.regions(req.project()), region -> {
            List<String> zones = sessions.zoneNames(req.project(), region.name());
            return zones.isEmpty() ? Map.<String, List<MachineType>>of()
                    : typesByZone(req, region.name(), zones);
        });
        for (Map<String, List<MachineType>> zones : byRegion) {
            zones.forEach((zone, all) -> {
                List<MachineType> types = all.stream().filter(filter::matches).toList();
                MachineTypesScopedList.Builder scoped = MachineTypesScopedList.newBuilder().addAllMachineTypes(types);
                if (types.isEmpty()) {
                    scoped.setWarning(noResults("zones/" + zone));
                }
                out.putItems("zones/" + zone, scoped.build());
            });
        }
        return out.build();
    }

    /** The warning aggregated lists carry for a scope with nothing in it. */
    static Warning noResults(String scope) {
        return Warning.newBuilder().setCode("NO_RESULTS_ON_PAGE")
                .setMessage("There are no results for scope '" + scope + "' on this page.")
                .addData(com.google.cloud.compute.v1.Data.newBuilder().setKey("scope").setValue(scope)).build();
    }
}
