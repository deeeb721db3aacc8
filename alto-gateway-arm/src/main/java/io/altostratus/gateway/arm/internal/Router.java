package io.altostratus.gateway.arm.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/**
 * Maps {@code /subscriptions/{s}/...} calls to the resources. Segment names match without case ({@code
 * resourceGroups} and {@code resourcegroups} both occur in the wild); names are passed on as the caller spelt them.
 * Every call's {@code api-version} is checked against its namespace first.
 */
public final class Router {
    private final ResourceGroups groups;
    private final VirtualMachines vms;
    private final NetworkResources network;
    private final ManagedImages images;
    private final Disks disks;
    private final SshPublicKeys sshKeys;
    private final Places places;
    private final Operations operations;
    private final AksRoutes aks;

    public Router(ResourceGroups groups, VirtualMachines vms, NetworkResources network, ManagedImages images,
                  Disks disks, SshPublicKeys sshKeys, Places places, Operations operations, AksRoutes aks) {
        this.aks = aks;
        this.disks = disks;
        this.sshKeys = sshKeys;
        this.groups = groups;
        this.vms = vms;
        this.network = network;
        this.images = images;
        this.places = places;
        this.operations = operations;
    }

    public Reply route(ArmRequest req) {
        String m = req.method();
        if (req.size() == 0) {
            ApiVersions.check("Microsoft.Resources", req.apiVersion());
            return get(m, () -> places.subscription(req));
        }
        switch (req.key(0)) {
            case "locations" -> {
                ApiVersions.check("Microsoft.Resources", req.apiVersion());
                return only(req, 1, () -> get(m, () -> places.locations(req)));
            }
            case "resourcegroups" -> {
                return resourceGroups(req);
            }
            case "providers" -> {
                return providers(req);
            }
            default -> throw ArmException.pathNotFound(String.join("/", req.path()));
        }
    }

    private Reply resourceGroups(ArmRequest req) {
        String m = req.method();
        if (req.size() <= 2 || !req.key(2).equals("providers")) {
            ApiVersions.check("Microsoft.Resources", req.apiVersion());
        }
        if (req.size() == 1) {
            return get(m, () -> groups.list(req));
        }
        String group = req.segment(1);
        if (req.size() == 2) {
            return switch (m) {
                case "PUT" -> groups.put(req, group);
                case "GET" -> groups.get(req, group);
                case "HEAD" -> groups.head(req, group);
                case "PATCH" -> groups.patch(req, group);
                case "DELETE" -> groups.delete(req, group, vms);
                default -> throw ArmException.methodNotAllowed(m);
            };
        }
        if (!req.key(2).equals("providers") || req.size() < 5) {
            throw ArmException.pathNotFound(String.join("/", req.path()));
        }
        String namespace = req.segment(3);
        ApiVersions.check(namespace, req.apiVersion());
        String type = req.segment(4);
        String ns = namespace.toLowerCase(Locale.ROOT);
        String t = type.toLowerCase(Locale.ROOT);
        if (ns.equals("microsoft.containerservice")) {
            Reply reply = aks.inGroup(req, group);
            if (reply != null) {
                return reply;
            }
        }
        if (ns.equals("microsoft.compute") && t.equals("virtualmachines")) {
            if (req.size() == 5) {
                return get(m, () -> vms.list(req, group));
            }
            String name = req.segment(5);
            if (req.size() == 6) {
                return switch (m) {
                    case "PUT" -> vms.put(req, group, name);
                    case "PATCH" -> vms.patch(req, group, name);
                    case "GET" -> vms.get(req, group, name);
                    case "DELETE" -> vms.delete(req, group, name);
                    default -> throw ArmException.methodNotAllowed(m);
                };
            }
            if (req.size() == 7) {
                String action = req.key(6);
                if (action.equals("instanceview")) {
                    return get(m, () -> vms.instanceView(req, group, name));
                }
                if (action.equals("vmsizes")) {
                    return get(m, () -> places.vmSizes(req, vms.require(req, group, name).location()));
                }
                if (!m.equals("POST")) {
                    throw ArmException.methodNotAllowed(m);
                }
                return vms.action(req, group, name, action);
            }
        }
        if (ns.equals("microsoft.compute") && t.equals("images")) {
            if (req.size() == 5) {
                return get(m, () -> images.list(req, group));
            }
            if (req.size() == 6) {
                String name = req.segment(5);
                return switch (m) {
                    case "PUT" -> images.put(req, group, name, vms);
                    case "PATCH" -> images.patch(req, group, name);
                    case "GET" -> images.get(req, group, name);
                    case "DELETE" -> images.delete(req, group, name);
                    default -> throw ArmException.methodNotAllowed(m);
                };
            }
        }
        if (ns.equals("microsoft.compute") && t.equals("sshpublickeys")) {
            if (req.size() == 5) {
                return get(m, () -> sshKeys.list(req, group));
            }
            String name = req.segment(5);
            if (req.size() == 6) {
                return switch (m) {
                    case "PUT" -> sshKeys.put(req, group, name);
                    case "PATCH" -> sshKeys.patch(req, group, name);
                    case "GET" -> sshKeys.get(req, group, name);
                    case "DELETE" -> sshKeys.delete(req, group, name);
                    default -> throw ArmException.methodNotAllowed(m);
                };
            }
            if (req.size() == 7 && req.key(6).equals("generatekeypair")) {
                if (!m.equals("POST")) {
                    throw ArmException.methodNotAllowed(m);
                }
                return sshKeys.generate(req, group, name);
            }
        }
        String diskType = t.equals(Disks.DISKS) || t.equals(Disks.SNAPSHOTS) ? t : null;
        if (ns.equals("microsoft.compute") && diskType != null) {
            if (req.size() == 5) {
                return get(m, () -> disks.list(req, diskType, group));
            }
            if (req.size() == 6) {
                String name = req.segment(5);
                return switch (m) {
                    case "PUT", "PATCH" -> disks.put(req, diskType, group, name);
                    case "GET" -> disks.get(req, diskType, group, name);
                    case "DELETE" -> disks.delete(req, diskType, group, name);
                    default -> throw ArmException.methodNotAllowed(m);
                };
            }
        }
        String networkType = NetworkResources.canonicalType(type);
        if (ns.equals("microsoft.network") && networkType != null) {
            if (req.size() == 5) {
                return get(m, () -> network.list(req, networkType, group));
            }
            String name = req.segment(5);
            if (req.size() == 6) {
                return switch (m) {
                    case "PUT" -> network.put(req, networkType, group, name);
                    case "PATCH" -> network.patchTags(req, networkType, group, name);
                    case "GET" -> network.get(req, networkType, group, name);
                    case "DELETE" -> network.delete(req, networkType, group, name);
                    default -> throw ArmException.methodNotAllowed(m);
                };
            }
            if (req.size() == 7 || req.size() == 8) {
                return network.child(req, networkType, group, name, req.segment(6),
                        req.size() == 8 ? req.segment(7) : null);
            }
        }
        throw noType(namespace, type);
    }

    private Reply providers(ArmRequest req) {
        String m = req.method();
        if (req.size() < 2) {
            throw ArmException.pathNotFound(String.join("/", req.path()));
        }
        String namespace = req.segment(1);
        ApiVersions.check(req.size() == 2 || req.key(2).equals("register") ? "Microsoft.Resources" : namespace,
                req.apiVersion());
        String ns = namespace.toLowerCase(Locale.ROOT);
        if (req.size() == 2 || (req.size() == 3 && req.key(2).equals("register"))) {
            ObjectNode provider = Json.MAPPER.createObjectNode();
            provider.put("id", req.subscriptionId() + "/providers/" + namespace);
            provider.put("namespace", namespace);
            provider.put("registrationState", "Registered");
            provider.putArray("resourceTypes");
            return Reply.ok(provider);
        }
        String what = req.key(2);
        if (ns.equals("microsoft.containerservice")) {
            Reply reply = aks.inSubscription(req);
            if (reply != null) {
                return reply;
            }
        }
        if (what.equals("locations") && req.size() >= 5) {
            String location = req.segment(3);
            String sub = req.key(4);
            if (sub.equals("operations") && req.size() == 6) {
                return get(m, () -> operations.poll(req, req.segment(5), "true".equals(req.param("monitor"))));
            }
            if (ns.equals("microsoft.compute") && sub.equals("virtualmachines") && req.size() == 5) {
                return get(m, () -> vms.listByLocation(req, location));
            }
            if (ns.equals("microsoft.compute") && sub.equals("vmsizes") && req.size() == 5) {
                return get(m, () -> places.vmSizes(req, location));
            }
            if (ns.equals("microsoft.compute") && sub.equals("publishers")) {
                return get(m, () -> places.publishers(req, location, req.path().subList(5, req.size())));
            }
        }
        if (req.size() == 3) {
            if (ns.equals("microsoft.compute") && what.equals("virtualmachines")) {
                return get(m, () -> vms.list(req, null));
            }
            if (ns.equals("microsoft.compute") && what.equals("skus")) {
                return get(m, () -> places.skus(req));
            }
            if (ns.equals("microsoft.compute") && (what.equals(Disks.DISKS) || what.equals(Disks.SNAPSHOTS))) {
                return get(m, () -> disks.list(req, what, null));
            }
            if (ns.equals("microsoft.compute") && what.equals("images")) {
                return get(m, () -> images.list(req, null));
            }
            if (ns.equals("microsoft.compute") && what.equals("sshpublickeys")) {
                return get(m, () -> sshKeys.list(req, null));
            }
            String networkType = NetworkResources.canonicalType(req.segment(2));
            if (ns.equals("microsoft.network") && networkType != null) {
                return get(m, () -> network.list(req, networkType, null));
            }
        }
        throw noType(namespace, req.segment(2));
    }

    private static ArmException noType(String namespace, String type) {
        return new ArmException(400, "InvalidResourceType", "The resource type '" + type + "' could not be found in "
                + "the namespace '" + namespace + "' for api version served by this endpoint.");
    }

    private static Reply get(String method, java.util.function.Supplier<Reply> answer) {
        if (!method.equals("GET")) {
            throw ArmException.methodNotAllowed(method);
        }
        return answer.get();
    }

    private static Reply only(ArmRequest req, int size, java.util.function.Supplier<Reply> answer) {
        if (req.size() != size) {
            throw ArmException.pathNotFound(String.join("/", req.path()));
        }
        return answer.get();
    }
}
