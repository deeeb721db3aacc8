package io.altostratus.gateway.gce.internal;

import com.google.cloud.compute.v1.Allowed;
import com.google.cloud.compute.v1.Firewall;
import com.google.cloud.compute.v1.FirewallList;
import com.google.cloud.compute.v1.FirewallLogConfig;
import com.google.cloud.compute.v1.Operation;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.ext.SecurityGroups;
import io.altostratus.core.model.SecurityGroup;
import io.altostratus.core.model.SecurityRule;
import io.altostratus.core.spec.SecurityGroupSpec;
import io.altostratus.store.StateStore;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * firewalls (global) over the backend's {@link SecurityGroups} extension: each firewall is one security group of the
 * home region, in the backend network its GCE network stands for there, holding the firewall's {@code allowed}
 * rules from its {@code sourceRanges} (ingress) or to its {@code destinationRanges} (egress). Compute Engine
 * firewalls apply to a network's instances by target tags; security groups apply to their members, and the core has
 * no call that puts a launched instance in a group, so the rules are the backend's record of the firewall and
 * {@code priority} and {@code targetTags} are kept here and shown back. {@code denied} rules and source tags have no
 * security group equivalent and are refused.
 */
public final class Firewalls {
    public static final String KIND = "gce-firewall";
    /** Compute Engine's default priority. */
    private static final int DEFAULT_PRIORITY = 1000;

    /** A firewall made here: its backend group and what the group has no place for. */
    public record Entry(String name, String region, String groupId, String network, String direction, int priority,
                        List<String> targetTags, String description, Instant created) {
        public Entry {
            targetTags = targetTags == null ? List.of() : List.copyOf(targetTags);
        }
    }

    private final Sessions sessions;
    private final StateStore store;
    private final Operations operations;
    private final NetworkResources networks;
    private final Clock clock;

    public Firewalls(Sessions sessions, StateStore store, Operations operations, NetworkResources networks,
                     Clock clock) {
        this.sessions = sessions;
        this.store = store;
        this.operations = operations;
        this.networks = networks;
        this.clock = clock;
    }

    private static String path(String project, String name) {
        return "projects/" + project + "/global/firewalls/" + name;
    }

    private SecurityGroups groups(String project, String region) {
        return sessions.cloud(project, region).extension(SecurityGroups.class)
                .orElseThrow(() -> GceException.unsupported("Firewalls"));
    }

    private Entry entry(Request req, String name) {
        return store.read(view -> view.get(KIND, req.project(), name, Entry.class))
                .filter(e -> e.groupId() != null)
                .orElseThrow(() -> GceException.notFound(path(req.project(), name)));
    }

    private Optional<SecurityGroup> group(String project, Entry entry) {
        return groups(project, entry.region()).securityGroups().stream()
                .filter(g -> g.id().equals(entry.groupId())).findFirst();
    }

    // ---- views ----------------------------------------------------------------------------------------------

    private Firewall view(Request req, Entry entry, SecurityGroup group) {
        boolean ingress = "INGRESS".equals(entry.direction());
        List<SecurityRule> rules = ingress ? group.ingress() : group.egress();
        Map<String, List<String>> ports = new LinkedHashMap<>();
        Set<String> ranges = new LinkedHashSet<>();
        for (SecurityRule rule : rules) {
            String protocol = rule.protocol().equals("-1") ? "all" : rule.protocol();
            List<String> list = ports.computeIfAbsent(protocol, k -> new ArrayList<>());
            if (rule.fromPort() >= 0 && !protocol.equals("icmp") && !protocol.equals("all")) {
                list.add(rule.fromPort() == rule.toPort() ? Integer.toString(rule.fromPort())
                        : rule.fromPort() + "-" + rule.toPort());
            }
            ranges.addAll(rule.cidrs());
        }
        Firewall.Builder out = Firewall.newBuilder().setKind("compute#firewall")
                .setId(Ids.stable("firewall", entry.region(), group.id())).setName(entry.name())
                .setCreationTimestamp(Ids.timestamp(entry.created()))
                .setNetwork(req.links().network(req.project(), entry.network())).setPriority(entry.priority())
                .setDirection(entry.direction()).setDisabled(false)
                .setLogConfig(FirewallLogConfig.newBuilder().setEnable(false))
                .setSelfLink(req.links().global(req.project(), "firewalls", entry.name()))
                .addAllTargetTags(entry.targetTags())
                .setDescription(entry.description() == null ? "" : entry.description());
        ports.forEach((protocol, list) -> out.addAllowed(Allowed.newBuilder().setIPProtocol(protocol)
                .addAllPorts(list)));
        if (ingress) {
            out.addAllSourceRanges(ranges);
        } else {
            out.addAllDestinationRanges(ranges);
        }
        return out.build();
    }

    public Firewall get(Request req, String name) {
        Entry entry = entry(req, name);
        return view(req, entry, group(req.project(), entry)
                .orElseThrow(() -> GceException.notFound(path(req.project(), name))));
    }

    public FirewallList list(Request req) {
        Filter filter = Filter.parse(req.param("filter"));
        List<Firewall> all = new ArrayList<>();
        for (Entry entry : store.read(view -> view.list(KIND, req.project(), Entry.class))) {
            if (entry.groupId() != null) {
                group(req.project(), entry).map(g -> view(req, entry, g)).filter(filter::matches)
                        .ifPresent(all::add);
            }
        }
        all.sort(Comparator.comparing(Firewall::getName));
        Pages.Slice<Firewall> page = Pages.slice(all, Firewall::getName, req);
        FirewallList.Builder out = FirewallList.newBuilder().setKind("compute#firewallList")
                .setId("projects/" + req.project() + "/global/firewalls").addAllItems(page.items())
                .setSelfLink(req.links().project(req.project()) + "/global/firewalls");
        if (page.nextPageToken() != null) {
            out.setNextPageToken(page.nextPageToken());
        }
        return out.build();
    }

    // ---- insert and delete ----------------------------------------------------------------------------------

    /** The security rules of a firewall's {@code allowed} list, each from (or to) every range. */
    static List<SecurityRule> rules(Firewall body, List<String> ranges) {
        List<SecurityRule> out = new ArrayList<>();
        for (int i = 0; i < body.getAllowedCount(); i++) {
            Allowed allowed = body.getAllowed(i);
            String field = "resource.allowed[" + i + "]";
            String protocol = allowed.getIPProtocol().toLowerCase(Locale.ROOT);
            switch (protocol) {
                case "tcp", "udp" -> {
                    if (allowed.getPortsCount() == 0) {
                        out.add(new SecurityRule(protocol, 0, 65535, ranges, List.of(), List.of(), null));
                    }
                    for (String ports : allowed.getPortsList()) {
                        int[] range = ports(ports, field);
                        out.add(new SecurityRule(protocol, range[0], range[1], ranges, List.of(), List.of(), null));
                    }
                }
                case "icmp", "all" -> {
                    if (allowed.getPortsCount() > 0) {
                        throw GceException.invalid("Invalid value for field '" + field + ".ports': ports are only "
                                + "allowed with tcp, udp, sctp and all-numeric protocols of them.");
                    }
                    out.add(new SecurityRule(protocol.equals("all") ? "-1" : "icmp", -1, -1, ranges, List.of(),
                            List.of(), null));
                }
                default -> throw GceException.unsupported("Firewall protocol '" + allowed.getIPProtocol() + "'");
            }
        }
        return out;
    }

    private static int[] ports(String text, String field) {
        try {
            String[] parts = text.split("-", -1);
            int from = Integer.parseInt(parts[0].trim());
            int to = parts.length == 2 ? Integer.parseInt(parts[1].trim()) : from;
            if (parts.length > 2 || from < 0 || to > 65535 || from > to) {
                throw new NumberFormatException(text);
            }
            return new int[] {from, to};
        } catch (NumberFormatException e) {
            throw GceException.invalid("Invalid value for field '" + field + ".ports': '" + text
                    + "'. Invalid port range.");
        }
    }

    public Operation insert(Request req) {
        Firewall body = Json.parse(req.body(), Firewall.newBuilder()).build();
        if (!body.hasName() || body.getName().isEmpty()) {
            throw GceException.required("Required field 'resource.name' not specified");
        }
        String name = body.getName();
        if (!InstanceNames.NAME.matcher(name).matches()) {
            throw GceException.invalid("Invalid value for field 'resource.name': '" + name
                    + "'. Must be a match of regex '(?:[a-z](?:[-a-z0-9]{0,61}[a-z0-9])?)'");
        }
        if (body.getDeniedCount() > 0) {
            throw GceException.unsupported("Firewall 'denied' rules");
        }
        if (body.getSourceTagsCount() > 0 || body.getSourceServiceAccountsCount() > 0
                || body.getTargetServiceAccountsCount() > 0) {
            throw GceException.unsupported("Firewall source tags and service accounts");
        }
        if (body.getAllowedCount() == 0) {
            throw GceException.required("Required field 'resource.allowed' not specified");
        }
        String direction = body.hasDirection() ? body.getDirection() : "INGRESS";
        if (!direction.equals("INGRESS") && !direction.equals("EGRESS")) {
            throw GceException.invalid("Invalid value for field 'resource.direction': '" + direction + "'.");
        }
        boolean ingress = direction.equals("INGRESS");
        int priority = body.hasPriority() ? body.getPriority() : DEFAULT_PRIORITY;
        if (priority < 0 || priority > 65535) {
            throw GceException.invalid("Invalid value for field 'resource.priority': '" + priority + "'.");
        }
        List<String> ranges = ingress ? body.getSourceRangesList() : body.getDestinationRangesList();
        if (ranges.isEmpty()) {
            ranges = List.of("0.0.0.0/0");
        }
        List<SecurityRule> rules = rules(body, ranges);
        String network = body.hasNetwork() && !body.getNetwork().isEmpty() ? Links.lastSegment(body.getNetwork())
                : NetworkResources.DEFAULT;
        String region = sessions.homeRegion();
        SecurityGroups groups = groups(req.project(), region);
        String networkId = networks.backendNetworkId(req.project(), region, network)
                .orElseThrow(() -> GceException.notFound("projects/" + req.project() + "/global/networks/"
                        + network));
        store.write(tx -> {
            if (tx.get(KIND, req.project(), name, Entry.class).isPresent()) {
                throw GceException.alreadyExists(path(req.project(), name));
            }
            tx.put(KIND, req.project(), name, new Entry(name, region, null, network, direction, priority,
                    body.getTargetTagsList(), null, clock.instant()));
            return null;
        });
        SecurityGroup group = null;
        try {
            // Security group names may not start with "sg-", which a GCE name may: a prefix keeps every name legal.
            group = groups.createSecurityGroup(new SecurityGroupSpec(networkId, "gce-fw-" + name,
                    body.hasDescription() && !body.getDescription().isEmpty() ? body.getDescription() : null,
                    Map.of(io.altostratus.core.model.Tags.NAME, name)));
            if (!ingress && !group.egress().isEmpty()) {
                // A new group may start with an allow-all egress rule; the firewall's rules are all it should hold.
                groups.revoke(group.id(), false, group.egress());
            }
            groups.authorize(group.id(), ingress, rules);
        } catch (AltoException | IllegalArgumentException e) {
            if (group != null) {
                try {
                    groups.deleteSecurityGroup(group.id());
                } catch (AltoException ignored) {
                    // The insert failed either way; a leftover group is the backend's to collect.
                }
            }
            store.write(tx -> {
                tx.delete(KIND, req.project(), name);
                return null;
            });
            throw e instanceof AltoException alto ? GceException.from(alto, path(req.project(), name))
                    : GceException.invalid(e.getMessage());
        }
        String groupId = group.id();
        store.write(tx -> {
            tx.put(KIND, req.project(), name, new Entry(name, region, groupId, network, direction, priority,
                    body.getTargetTagsList(), body.hasDescription() ? body.getDescription() : null,
                    clock.instant()));
            return null;
        });
        return operations.record(req, "global", "insert", req.links().global(req.project(), "firewalls", name),
                Ids.stable("firewall", region, groupId), Operations.Until.NOTHING, null, null);
    }

    public Operation delete(Request req, String name) {
        Entry entry = entry(req, name);
        try {
            groups(req.project(), entry.region()).deleteSecurityGroup(entry.groupId());
        } catch (AltoException e) {
            if (e.code() != ErrorCode.NOT_FOUND) {
                throw GceException.from(e, path(req.project(), name));
            }
        }
        store.write(tx -> {
            tx.delete(KIND, req.project(), name);
            return null;
        });
        return operations.record(req, "global", "delete", req.links().global(req.project(), "firewalls", name),
                Ids.stable("firewall", entry.region(), entry.groupId()), Operations.Until.NOTHING, null, null);
    }
}
