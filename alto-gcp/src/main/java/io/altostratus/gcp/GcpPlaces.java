package io.altostratus.gcp;

import com.google.cloud.compute.v1.ListZonesRequest;
import com.google.cloud.compute.v1.MachineType;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.model.Region;
import io.altostratus.core.model.Zone;
import io.altostratus.gcp.internal.GceConvert;
import io.altostratus.gcp.internal.GceNames;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Regions, zones and machine types. Zones and machine types do not change during a session, so each is read once
 * and kept: every launch and every listing needs the region's zones, and re-reading them would double the calls.
 */
final class GcpPlaces {
    private final GcpContext context;
    private volatile List<Zone> zones;
    private volatile Map<String, List<MachineType>> typesByZone;

    GcpPlaces(GcpContext context) {
        this.context = context;
    }

    List<Region> regions() {
        List<Region> out = new ArrayList<>();
        context.calls().call("regions.list", () -> {
            out.clear();
            context.clients().regions().list(context.project()).iterateAll()
                    .forEach(r -> out.add(GceConvert.region(r)));
            return null;
        });
        out.sort(Comparator.comparing(Region::name));
        return List.copyOf(out);
    }

    /**
     * The region's zones, sorted by name: the region is read first so an unknown region is {@code NOT_FOUND}, then
     * the project's zones are listed and kept where they belong to the region.
     */
    List<Zone> zones() {
        List<Zone> known = zones;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (zones == null) {
                String region = context.region();
                com.google.cloud.compute.v1.Region r = context.calls().call("regions.get",
                        () -> context.clients().regions().get(context.project(), region));
                Set<String> inRegion = new LinkedHashSet<>();
                r.getZonesList().forEach(url -> inRegion.add(GceNames.last(url)));
                List<Zone> out = new ArrayList<>();
                context.calls().call("zones.list", () -> {
                    out.clear();
                    context.clients().zones().list(ListZonesRequest.newBuilder().setProject(context.project())
                            .build()).iterateAll().forEach(z -> {
                                if (inRegion.contains(z.getName()) || region.equals(GceNames.last(z.getRegion()))) {
                                    out.add(GceConvert.zone(z));
                                }
                            });
                    return null;
                });
                out.sort(Comparator.comparing(Zone::name));
                zones = List.copyOf(out);
            }
            return zones;
        }
    }

    List<String> zoneNames() {
        return zones().stream().map(Zone::name).toList();
    }

    /** Every machine type of the region's zones, once per name, sorted by name. */
    List<InstanceType> instanceTypes() {
        Map<String, InstanceType> byName = new TreeMap<>();
        for (List<MachineType> types : machineTypes().values()) {
            for (MachineType t : types) {
                byName.putIfAbsent(t.getName(), GceConvert.instanceType(t));
            }
        }
        return List.copyOf(byName.values());
    }

    Map<String, Set<String>> instanceTypeOfferingsByZone() {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        machineTypes().forEach((zone, types) -> {
            Set<String> names = new java.util.TreeSet<>();
            types.forEach(t -> names.add(t.getName()));
            out.put(zone, Collections.unmodifiableSet(names));
        });
        return Collections.unmodifiableMap(out);
    }

    /** machineTypes.list of every zone, read in parallel once. */
    private Map<String, List<MachineType>> machineTypes() {
        Map<String, List<MachineType>> known = typesByZone;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (typesByZone == null) {
                Map<String, List<MachineType>> out = new LinkedHashMap<>();
                List<String> zoneNames = zoneNames();
                List<List<MachineType>> lists = context.inParallel(zoneNames, zone ->
                        context.calls().call("machineTypes.list", () -> {
                            List<MachineType> types = new ArrayList<>();
                            context.clients().machineTypes().list(context.project(), zone).iterateAll()
                                    .forEach(types::add);
                            return types;
                        }));
                for (int i = 0; i < zoneNames.size(); i++) {
                    out.put(zoneNames.get(i), List.copyOf(lists.get(i)));
                }
                typesByZone = Collections.unmodifiableMap(out);
            }
            return typesByZone;
        }
    }
}
