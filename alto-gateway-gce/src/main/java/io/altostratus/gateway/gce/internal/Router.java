package io.altostratus.gateway.gce.internal;

import com.google.protobuf.Message;
import java.time.Duration;
import java.util.List;

/**
 * Which resource method a request names: the path after {@code projects/{project}/} and the HTTP method, as in the
 * API's discovery document. An unknown path is Google's 404; a known path with the wrong method is its 405.
 */
public final class Router {
    private final Places places;
    private final Instances instances;
    private final Images images;
    private final Operations operations;
    private final Duration waitBound;
    private final Disks disks;
    private final Sessions sessions;
    private final SnapshotResources snapshots;
    private final NetworkResources networks;
    private final Firewalls firewalls;

    public Router(Places places, Instances instances, Images images, Operations operations, Disks disks,
                  SnapshotResources snapshots, NetworkResources networks, Firewalls firewalls, Sessions sessions,
                  Duration waitBound) {
        this.networks = networks;
        this.firewalls = firewalls;
        this.snapshots = snapshots;
        this.sessions = sessions;
        this.disks = disks;
        this.places = places;
        this.instances = instances;
        this.images = images;
        this.operations = operations;
        this.waitBound = waitBound;
    }

    /** Answers a request; a mutation repeating an earlier {@code requestId} gets that call's operation. */
    public Message route(Request req) {
        String requestId = req.param("requestId");
        if (requestId == null || requestId.isEmpty() || req.method().equals("GET")) {
            return dispatch(req);
        }
        java.util.Optional<com.google.cloud.compute.v1.Operation> earlier =
                operations.byRequestId(req.project(), requestId);
        if (earlier.isPresent()) {
            return earlier.get();
        }
        Message answer = dispatch(req);
        if (answer instanceof com.google.cloud.compute.v1.Operation op) {
            operations.rememberRequest(req.project(), requestId, op);
        }
        return answer;
    }

    private Message dispatch(Request req) {
        List<String> p = req.path();
        int n = p.size();
        if (n == 0) {
            return expect(req, "GET", () -> places.project(req));
        }
        switch (p.get(0)) {
            case "zones" -> {
                if (n == 1) {
                    return expect(req, "GET", () -> places.listZones(req));
                }
                String zone = p.get(1);
                if (n == 2) {
                    return expect(req, "GET", () -> places.getZone(req, zone));
                }
                return switch (p.get(2)) {
                    case "machineTypes" -> n == 3 ? expect(req, "GET", () -> places.listMachineTypes(req, zone))
                            : n == 4 ? expect(req, "GET", () -> places.getMachineType(req, zone, p.get(3)))
                            : unknownMessage(req);
                    case "instances" -> instanceRoute(req, zone);
                    case "operations" -> operationRoute(req, "zones/" + zone, 3);
                    case "disks" -> diskRoute(req, zone);
                    case "imageFamilyViews" -> n == 4
                            ? expect(req, "GET", () -> images.familyView(req, zone, p.get(3))) : unknownMessage(req);
                    case "diskTypes", "instanceGroups", "instanceGroupManagers", "reservations", "nodeGroups",
                         "acceleratorTypes" -> unsupported(req, p.get(2));
                    default -> unknownMessage(req);
                };
            }
            case "regions" -> {
                if (n == 1) {
                    return expect(req, "GET", () -> places.listRegions(req));
                }
                if (n == 2) {
                    return expect(req, "GET", () -> places.getRegion(req, p.get(1)));
                }
                if (p.get(2).equals("operations")) {
                    places.getRegion(req, p.get(1));
                    return operationRoute(req, "regions/" + p.get(1), 3);
                }
                if (p.get(2).equals("subnetworks") && n <= 4) {
                    return expect(req, "GET", () -> n == 3 ? networks.subnetworks(req, p.get(1))
                            : networks.subnetwork(req, p.get(1), p.get(3)));
                }
                return switch (p.get(2)) {
                    case "subnetworks", "addresses", "routers", "forwardingRules", "instanceTemplates" ->
                            unsupported(req, p.get(2));
                    default -> throw unknown(req);
                };
            }
            case "aggregated" -> {
                if (n == 2 && p.get(1).equals("instances")) {
                    return expect(req, "GET", () -> instances.aggregatedList(req));
                }
                if (n == 2 && p.get(1).equals("disks")) {
                    return expect(req, "GET", () -> disks.aggregatedList(req, sessions));
                }
                if (n == 2 && p.get(1).equals("subnetworks")) {
                    return expect(req, "GET", () -> networks.aggregated(req));
                }
                if (n == 2 && p.get(1).equals("machineTypes")) {
                    return expect(req, "GET", () -> places.aggregateMachineTypes(req));
                }
                throw unknown(req);
            }
            case "global" -> {
                if (n >= 2 && p.get(1).equals("operations")) {
                    return operationRoute(req, "global", 2);
                }
                if (n >= 2 && p.get(1).equals("images")) {
                    return imageRoute(req);
                }
                if (n == 2 && p.get(1).equals("networks")) {
                    return expect(req, "GET", () -> networks.networks(req));
                }
                if (n == 3 && p.get(1).equals("networks")) {
                    return expect(req, "GET", () -> networks.network(req, p.get(2)));
                }
                if (n == 2 && p.get(1).equals("firewalls")) {
                    return switch (req.method()) {
                        case "GET" -> firewalls.list(req);
                        case "POST" -> firewalls.insert(req);
                        default -> throw notAllowed(req);
                    };
                }
                if (n == 3 && p.get(1).equals("firewalls")) {
                    return switch (req.method()) {
                        case "GET" -> firewalls.get(req, p.get(2));
                        case "DELETE" -> firewalls.delete(req, p.get(2));
                        case "PATCH", "PUT" -> unsupported(req, "firewalls");
                        default -> throw notAllowed(req);
                    };
                }
                if (n == 2 && p.get(1).equals("snapshots")) {
                    return expect(req, "GET", () -> snapshots.list(req));
                }
                if (n == 3 && p.get(1).equals("snapshots")) {
                    return switch (req.method()) {
                        case "GET" -> snapshots.get(req, p.get(2));
                        case "DELETE" -> snapshots.delete(req, p.get(2));
                        default -> throw notAllowed(req);
                    };
                }
                if (n >= 2) {
                    return switch (p.get(1)) {
                        case "networks", "snapshots", "firewalls", "addresses", "routes", "instanceTemplates" ->
                                unsupported(req, p.get(1));
                        default -> throw unknown(req);
                    };
                }
                throw unknown(req);
            }
            default -> throw unknown(req);
        }
    }

    private Message instanceRoute(Request req, String zone) {
        List<String> p = req.path();
        int n = p.size();
        String m = req.method();
        if (n == 3) {
            return switch (m) {
                case "GET" -> instances.list(req, zone);
                case "POST" -> instances.insert(req, zone);
                default -> throw notAllowed(req);
            };
        }
        String name = p.get(3);
        if (n == 4) {
            return switch (m) {
                case "GET" -> instances.get(req, zone, name);
                case "DELETE" -> instances.delete(req, zone, name);
                default -> throw notAllowed(req);
            };
        }
        if (n == 5) {
            String verb = p.get(4);
            return expect(req, "POST", () -> switch (verb) {
                case "start" -> instances.start(req, zone, name);
                case "stop" -> instances.stop(req, zone, name);
                case "reset" -> instances.reset(req, zone, name);
                case "suspend", "resume" -> instances.suspendOrResume(req, zone, name, verb);
                case "setLabels" -> instances.setLabels(req, zone, name);
                case "setMetadata" -> instances.setMetadata(req, zone, name);
                case "attachDisk" -> disks.attach(req, zone, name);
                case "detachDisk" -> disks.detach(req, zone, name);
                default -> throw unknown(req);
            });
        }
        throw unknown(req);
    }

    private Message diskRoute(Request req, String zone) {
        List<String> p = req.path();
        int n = p.size();
        if (n == 3) {
            return switch (req.method()) {
                case "GET" -> disks.list(req, zone);
                case "POST" -> disks.insert(req, zone, snapshots);
                default -> throw notAllowed(req);
            };
        }
        if (n == 4) {
            return switch (req.method()) {
                case "GET" -> disks.get(req, zone, p.get(3));
                case "DELETE" -> disks.delete(req, zone, p.get(3));
                default -> throw notAllowed(req);
            };
        }
        if (n == 5 && p.get(4).equals("createSnapshot")) {
            return expect(req, "POST", () -> snapshots.create(req, zone, p.get(3)));
        }
        return unsupported(req, "disks." + p.get(4));
    }

    private Message operationRoute(Request req, String scope, int at) {
        List<String> p = req.path();
        int n = p.size();
        if (n == at) {
            return expect(req, "GET", () -> operationList(req, scope));
        }
        String name = p.get(at);
        if (n == at + 1) {
            return switch (req.method()) {
                case "GET" -> operations.get(req.project(), scope, name);
                case "DELETE" -> {
                    operations.delete(req.project(), scope, name);
                    yield com.google.protobuf.Empty.getDefaultInstance();
                }
                default -> throw notAllowed(req);
            };
        }
        if (n == at + 2 && p.get(at + 1).equals("wait")) {
            return expect(req, "POST", () -> operations.await(req.project(), scope, name, waitBound));
        }
        throw unknown(req);
    }

    private Message operationList(Request req, String scope) {
        Filter filter = Filter.parse(req.param("filter"));
        var all = operations.list(req.project(), scope).stream().filter(filter::matches).toList();
        Pages.Slice<com.google.cloud.compute.v1.Operation> page = Pages.slice(all,
                com.google.cloud.compute.v1.Operation::getName, req);
        var out = com.google.cloud.compute.v1.OperationList.newBuilder().setKind("compute#operationList")
                .setId("projects/" + req.project() + "/" + scope + "/operations").addAllItems(page.items())
                .setSelfLink(req.links().project(req.project()) + "/" + scope + "/operations");
        if (page.nextPageToken() != null) {
            out.setNextPageToken(page.nextPageToken());
        }
        return out.build();
    }

    private Message imageRoute(Request req) {
        List<String> p = req.path();
        int n = p.size();
        if (n == 2) {
            return switch (req.method()) {
                case "GET" -> images.list(req, req.project());
                case "POST" -> images.insert(req);
                default -> throw notAllowed(req);
            };
        }
        if (n == 4 && p.get(3).equals("setLabels") && !p.get(2).equals("family")) {
            return expect(req, "POST", () -> images.setLabels(req, p.get(2)));
        }
        if (n == 4 && p.get(2).equals("family")) {
            return expect(req, "GET", () -> images.getFromFamily(req, req.project(), p.get(3)));
        }
        if (n == 3) {
            return switch (req.method()) {
                case "GET" -> images.get(req, req.project(), p.get(2));
                case "DELETE" -> images.delete(req, p.get(2));
                default -> throw notAllowed(req);
            };
        }
        throw unknown(req);
    }

    private static Message expect(Request req, String method, java.util.function.Supplier<Message> call) {
        if (!req.method().equals(method)) {
            throw notAllowed(req);
        }
        return call.get();
    }

    /**
     * A collection of the API this endpoint does not serve over the core SPI yet: Google's error for a request the
     * service cannot do, rather than a 404 that would read as "no such resource".
     */
    private static Message unsupported(Request req, String what) {
        throw GceException.unsupported("'" + what + "' (" + req.method() + ")");
    }

    private static Message unknownMessage(Request req) {
        throw unknown(req);
    }

    private static GceException unknown(Request req) {
        return GceException.notFound("projects/" + req.project() + "/" + String.join("/", req.path()));
    }

    private static GceException notAllowed(Request req) {
        return new GceException(405, "httpMethodNotAllowed", "HTTP method " + req.method()
                + " is not supported by this URL");
    }
}
