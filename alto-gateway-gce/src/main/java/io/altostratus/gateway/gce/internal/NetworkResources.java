package io.altostratus.gateway.gce.internal;

import com.google.cloud.compute.v1.Network;
import com.google.cloud.compute.v1.NetworkList;
import com.google.cloud.compute.v1.Subnetwork;
import com.google.cloud.compute.v1.SubnetworkAggregatedList;
import com.google.cloud.compute.v1.SubnetworkList;
import com.google.cloud.compute.v1.SubnetworksScopedList;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.ext.Networks;
import io.altostratus.core.model.Region;
import io.altostratus.core.model.Subnet;
import io.altostratus.core.model.Tags;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * networks (global) and subnetworks (regional), read-only, over the backend's {@link Networks} extension. Compute
 * Engine networks are global and backend networks regional, so a GCE network is every backend network of that name
 * across the regions: the regions' default networks are {@code default}, others go by their {@code Name} tag when it
 * is a valid GCE name, else by a name made from the backend id. A backend subnet is a subnetwork of its network in
 * its region (zonal backend subnets, as EC2's, are each one subnetwork), named the same way. {@code default} always
 * exists, so an instance's network link leads somewhere; without the extension it is all there is.
 */
public final class NetworkResources {
    static final String DEFAULT = "default";

    private final Sessions sessions;

    public NetworkResources(Sessions sessions) {
        this.sessions = sessions;
    }

    /** A backend network of one region under its GCE name. */
    private record Part(String name, String region, io.altostratus.core.model.Network network) {
    }

    /** A backend subnet of one region under its GCE name and its network's. */
    private record Sub(String name, String region, String network, Subnet subnet) {
    }

    private Optional<Networks> networks(String project, String region) {
        try {
            return sessions.cloud(project, region).extension(Networks.class);
        } catch (AltoException e) {
            return Optional.empty();
        }
    }

    private static String gceName(String tagged, String backendId, Map<String, Integer> taken) {
        return tagged != null && InstanceNames.NAME.matcher(tagged).matches() && taken.getOrDefault(tagged, 0) < 2
                ? tagged : InstanceNames.fromId(backendId);
    }

    private static Map<String, Integer> counts(List<String> names) {
        Map<String, Integer> out = new HashMap<>();
        names.forEach(n -> {
            if (n != null) {
                out.merge(n, 1, Integer::sum);
            }
        });
        return out;
    }

    private List<Part> parts(String project, String region) {
        Optional<Networks> ext = networks(project, region);
        if (ext.isEmpty()) {
            return List.of();
        }
        List<io.altostratus.core.model.Network> all = ext.get().networks();
        Map<String, Integer> taken = counts(all.stream().filter(n -> !n.isDefault())
                .map(n -> n.tags().get(Tags.NAME)).toList());
        // A tag naming a network "default" would shadow the real one: such networks go by their ids.
        taken.merge(DEFAULT, 2, Integer::sum);
        List<Part> out = new ArrayList<>();
        for (io.altostratus.core.model.Network network : all) {
            out.add(new Part(network.isDefault() ? DEFAULT : gceName(network.tags().get(Tags.NAME), network.id(),
                    taken), region, network));
        }
        return out;
    }

    private List<Sub> subs(String project, String region) {
        Optional<Networks> ext = networks(project, region);
        if (ext.isEmpty()) {
            return List.of();
        }
        Map<String, String> networkNames = new HashMap<>();
        parts(project, region).forEach(p -> networkNames.put(p.network().id(), p.name()));
        List<Subnet> all = ext.get().subnets();
        Map<String, Integer> taken = counts(all.stream().map(s -> s.tags().get(Tags.NAME)).toList());
        List<Sub> out = new ArrayList<>();
        for (Subnet subnet : all) {
            String network = networkNames.get(subnet.networkId());
            if (network != null) {
                out.add(new Sub(gceName(subnet.tags().get(Tags.NAME), subnet.id(), taken), region, network, subnet));
            }
        }
        out.sort(Comparator.comparing(Sub::name));
        return out;
    }

    /** The backend network a GCE network name stands for in one region, if it has a part there. */
    public Optional<String> backendNetworkId(String project, String region, String name) {
        return parts(project, region).stream().filter(p -> p.name().equals(name)).map(p -> p.network().id())
                .findFirst();
    }

    private List<String> regionNames(String project) {
        return sessions.regions(project).stream().map(Region::name).toList();
    }

    // ---- networks -------------------------------------------------------------------------------------------

    private Network view(Request req, String name, List<Part> parts, List<Sub> subs) {
        Network.Builder out = Network.newBuilder().setKind("compute#network")
                .setId(Ids.stable("network", req.project(), name)).setName(name)
                .setCreationTimestamp(Places.PLACES_CREATED).setSelfLink(req.links().network(req.project(), name))
                .setAutoCreateSubnetworks(name.equals(DEFAULT));
        if (name.equals(DEFAULT)) {
            out.setDescription("Default network for the project");
        }
        subs.stream().filter(s -> s.network().equals(name))
                .forEach(s -> out.addSubnetworks(subnetworkLink(req, s.region(), s.name())));
        return out.build();
    }

    /** Every GCE network with its backend parts, by name; {@code default} is always among them. */
    private Map<String, List<Part>> byName(String project, List<String> regions) {
        Map<String, List<Part>> out = new TreeMap<>();
        out.put(DEFAULT, new ArrayList<>());
        for (String region : regions) {
            parts(project, region).forEach(p -> out.computeIfAbsent(p.name(), k -> new ArrayList<>()).add(p));
        }
        return out;
    }

    private List<Sub> allSubs(String project, List<String> regions) {
        List<Sub> out = new ArrayList<>();
        regions.forEach(r -> out.addAll(subs(project, r)));
        return out;
    }

    public Network network(Request req, String name) {
        List<String> regions = regionNames(req.project());
        Map<String, List<Part>> networks = byName(req.project(), regions);
        if (!networks.containsKey(name)) {
            throw GceException.notFound("projects/" + req.project() + "/global/networks/" + name);
        }
        return view(req, name, networks.get(name), allSubs(req.project(), regions));
    }

    public NetworkList networks(Request req) {
        Filter filter = Filter.parse(req.param("filter"));
        List<String> regions = regionNames(req.project());
        List<Sub> subs = allSubs(req.project(), regions);
        List<Network> all = new ArrayList<>();
        byName(req.project(), regions).forEach((name, parts) -> {
            Network network = view(req, name, parts, subs);
            if (filter.matches(network)) {
                all.add(network);
            }
        });
        Pages.Slice<Network> page = Pages.slice(all, Network::getName, req);
        NetworkList.Builder out = NetworkList.newBuilder().setKind("compute#networkList")
                .setId("projects/" + req.project() + "/global/networks").addAllItems(page.items())
                .setSelfLink(req.links().project(req.project()) + "/global/networks");
        if (page.nextPageToken() != null) {
            out.setNextPageToken(page.nextPageToken());
        }
        return out.build();
    }

    // ---- subnetworks ----------------------------------------------------------------------------------------

    private static String subnetworkLink(Request req, String region, String name) {
        return req.links().region(req.project(), region) + "/subnetworks/" + name;
    }

    private Subnetwork view(Request req, Sub sub) {
        Subnet subnet = sub.subnet();
        Subnetwork.Builder out = Subnetwork.newBuilder().setKind("compute#subnetwork")
                .setId(Ids.stable("subnetwork", sub.region(), subnet.id())).setName(sub.name())
                .setCreationTimestamp(Places.PLACES_CREATED)
                .setNetwork(req.links().network(req.project(), sub.network()))
                .setRegion(req.links().region(req.project(), sub.region()))
                .setSelfLink(subnetworkLink(req, sub.region(), sub.name()))
                .setPrivateIpGoogleAccess(false).setStackType("IPV4_ONLY").setPurpose("PRIVATE");
        if (subnet.cidr() != null) {
            out.setIpCidrRange(subnet.cidr());
            gateway(subnet.cidr()).ifPresent(out::setGatewayAddress);
        }
        if (subnet.zone() != null) {
            // Compute Engine subnetworks span their region; the backend's is one zone's, which is worth saying.
            out.setDescription("Backend subnet " + subnet.id() + " in zone " + subnet.zone());
        }
        return out.build();
    }

    /** The first host of an IPv4 block, which Compute Engine reserves as the subnetwork's gateway. */
    static Optional<String> gateway(String cidr) {
        try {
            String[] parts = cidr.split("/")[0].split("\\.");
            if (parts.length != 4) {
                return Optional.empty();
            }
            long address = 0;
            for (String part : parts) {
                address = address << 8 | Integer.parseInt(part);
            }
            int prefix = Integer.parseInt(cidr.split("/")[1]);
            long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
            long first = (address & mask) + 1;
            return Optional.of((first >> 24 & 255) + "." + (first >> 16 & 255) + "." + (first >> 8 & 255) + "."
                    + (first & 255));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private void checkRegion(Request req, String region) {
        if (sessions.region(req.project(), region).isEmpty()) {
            throw GceException.notFound("projects/" + req.project() + "/regions/" + region);
        }
    }

    public Subnetwork subnetwork(Request req, String region, String name) {
        checkRegion(req, region);
        return subs(req.project(), region).stream().filter(s -> s.name().equals(name)).findFirst()
                .map(s -> view(req, s)).orElseThrow(() -> GceException.notFound("projects/" + req.project()
                        + "/regions/" + region + "/subnetworks/" + name));
    }

    public SubnetworkList subnetworks(Request req, String region) {
        checkRegion(req, region);
        Filter filter = Filter.parse(req.param("filter"));
        List<Subnetwork> all = subs(req.project(), region).stream().map(s -> view(req, s)).filter(filter::matches)
                .toList();
        Pages.Slice<Subnetwork> page = Pages.slice(all, Subnetwork::getName, req);
        SubnetworkList.Builder out = SubnetworkList.newBuilder().setKind("compute#subnetworkList")
                .setId("projects/" + req.project() + "/regions/" + region + "/subnetworks").addAllItems(page.items())
                .setSelfLink(req.links().region(req.project(), region) + "/subnetworks");
        if (page.nextPageToken() != null) {
            out.setNextPageToken(page.nextPageToken());
        }
        return out.build();
    }

    public SubnetworkAggregatedList aggregated(Request req) {
        Filter filter = Filter.parse(req.param("filter"));
        SubnetworkAggregatedList.Builder out = SubnetworkAggregatedList.newBuilder()
                .setKind("compute#subnetworkAggregatedList")
                .setId("projects/" + req.project() + "/aggregated/subnetworks")
                .setSelfLink(req.links().project(req.project()) + "/aggregated/subnetworks");
        Map<String, SubnetworksScopedList> scoped = new LinkedHashMap<>();
        for (String region : regionNames(req.project())) {
            List<Subnetwork> items = subs(req.project(), region).stream().map(s -> view(req, s))
                    .filter(filter::matches).toList();
            SubnetworksScopedList.Builder list = SubnetworksScopedList.newBuilder().addAllSubnetworks(items);
            if (items.isEmpty()) {
                list.setWarning(Places.noResults("regions/" + region));
            }
            scoped.put("regions/" + region, list.build());
        }
        return out.putAllItems(scoped).build();
    }
}
