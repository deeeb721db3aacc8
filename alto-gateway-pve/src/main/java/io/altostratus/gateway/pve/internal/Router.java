package io.altostratus.gateway.pve.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.altostratus.gateway.pve.internal.PveHttpHandler.Caller;
import io.altostratus.gateway.pve.internal.PveHttpHandler.Reply;
import java.util.List;
import java.util.Map;

/** Maps {@code METHOD /api2/json/...} to the front's parts. Paths are given without {@code /api2/json}. */
public final class Router {
    private final Backend backend;
    private final Cluster cluster;
    private final Vms vms;
    private final GuestAgent agent;
    private final Tasks tasks;
    private final Snapshots snapshots;
    private final Storage storage;

    public Router(Backend backend, Cluster cluster, Vms vms, GuestAgent agent, Tasks tasks, Snapshots snapshots,
                  Storage storage) {
        this.snapshots = snapshots;
        this.storage = storage;
        this.backend = backend;
        this.cluster = cluster;
        this.vms = vms;
        this.agent = agent;
        this.tasks = tasks;
    }

    String clusterName() {
        return backend.clusterName();
    }

    public Reply route(Caller caller, String method, List<String> path, Map<String, String> p) {
        String account = caller.account();
        vms.seed(account);
        String joined = String.join("/", path);
        if (path.size() == 1 && path.get(0).equals("version")) {
            return get(method, joined, () -> Reply.of(cluster.version()));
        }
        if (path.size() == 2 && path.get(0).equals("cluster")) {
            switch (path.get(1)) {
                case "status":
                    return get(method, joined, () -> Reply.of(cluster.status(account)));
                case "resources":
                    return get(method, joined, () -> Reply.of(cluster.resources(account, p.get("type"))));
                case "nextid":
                    // PVE answers the id as a string.
                    return get(method, joined, () -> Reply.of(new TextNode(Integer.toString(
                            vms.nextId(account, p.get("vmid"))))));
                default:
                    break;
            }
        }
        if (path.size() == 1 && path.get(0).equals("storage")) {
            return get(method, joined, () -> Reply.of(storage.configs()));
        }
        if (path.size() == 2 && path.get(0).equals("storage")) {
            return get(method, joined, () -> Reply.of(storage.config(path.get(1))));
        }
        if (path.size() == 1 && path.get(0).equals("nodes")) {
            return get(method, joined, () -> Reply.of(cluster.nodes(account)));
        }
        if (path.size() >= 3 && path.get(0).equals("nodes")) {
            String node = backend.node(account, path.get(1));
            return switch (path.get(2)) {
                case "qemu" -> qemu(caller, method, node, path.subList(3, path.size()), p, joined);
                case "tasks" -> task(account, method, node, path.subList(3, path.size()), p, joined);
                case "storage" -> storage(caller, method, node, path.subList(3, path.size()), p, joined);
                default -> throw PveException.notImplemented(method, joined);
            };
        }
        throw PveException.notImplemented(method, joined);
    }

    private Reply qemu(Caller caller, String method, String node, List<String> rest, Map<String, String> p,
                       String joined) {
        String account = caller.account();
        String user = caller.user();
        if (rest.isEmpty()) {
            if (method.equals("POST")) {
                return upid(vms.create(account, user, node, p, volid -> storage.imageOf(account, node, volid)));
            }
            return get(method, joined, () -> Reply.of(vms.list(account, node)));
        }
        if (rest.size() == 3 && rest.get(1).equals("snapshot") && method.equals("DELETE")) {
            return upid(snapshots.delete(account, user, node, rest.get(0), rest.get(2)));
        }
        if (rest.size() == 4 && rest.get(1).equals("snapshot") && rest.get(3).equals("rollback")
                && method.equals("POST")) {
            return upid(snapshots.rollback(account, user, node, rest.get(0), rest.get(2), p));
        }
        String vmid = rest.get(0);
        String action = rest.size() == 1 ? "" : String.join("/", rest.subList(1, rest.size()));
        String call = method + " " + action;
        return switch (call) {
            case "DELETE " -> upid(vms.destroy(account, user, node, vmid));
            case "GET config" -> Reply.of(vms.config(account, node, vmid));
            case "POST config" -> upid(vms.configTask(account, user, node, vmid, p));
            case "PUT config" -> {
                vms.setConfig(account, node, vmid, p);
                yield Reply.of(NullNode.getInstance());
            }
            case "GET status/current" -> Reply.of(vms.current(account, node, vmid));
            case "POST status/start" -> upid(vms.start(account, user, node, vmid));
            case "POST status/stop" -> upid(vms.stop(account, user, node, vmid, true));
            case "POST status/shutdown" -> upid(forceStop(p)
                    ? vms.stop(account, user, node, vmid, true) : vms.stop(account, user, node, vmid, false));
            case "POST status/reboot" -> upid(vms.reboot(account, user, node, vmid));
            case "POST clone" -> upid(vms.clone(account, user, node, vmid, p));
            case "POST template" -> upid(vms.template(account, user, node, vmid));
            case "PUT resize" -> upid(vms.resize(account, user, node, vmid, p));
            case "GET snapshot" -> Reply.of(snapshots.list(account, node, vmid));
            case "POST snapshot" -> upid(snapshots.create(account, user, node, vmid, p));
            case "GET agent/network-get-interfaces" -> Reply.of(agent.networkInterfaces(account, node, vmid));
            default -> throw PveException.notImplemented(method, joined);
        };
    }

    private Reply storage(Caller caller, String method, String node, List<String> rest, Map<String, String> p,
                          String joined) {
        if (rest.isEmpty()) {
            return get(method, joined, () -> Reply.of(storage.list(node)));
        }
        if (rest.size() == 2 && rest.get(1).equals("content")) {
            return get(method, joined, () -> Reply.of(storage.content(caller.account(), node, rest.get(0), p)));
        }
        if (rest.size() == 3 && rest.get(1).equals("content") && method.equals("DELETE")) {
            return upid(storage.delete(caller.account(), caller.user(), node, rest.get(0), rest.get(2)));
        }
        if (rest.size() == 2 && rest.get(1).equals("download-url") && method.equals("POST")) {
            return upid(storage.downloadUrl(caller.account(), caller.user(), node, rest.get(0), p));
        }
        throw PveException.notImplemented(method, joined);
    }

    private static boolean forceStop(Map<String, String> p) {
        return p.get("forceStop") != null && Vms.bool("forceStop", p.get("forceStop"));
    }

    private Reply task(String account, String method, String node, List<String> rest, Map<String, String> p,
                       String joined) {
        if (rest.size() != 2 || !method.equals("GET")) {
            throw PveException.notImplemented(method, joined);
        }
        Kept.Task task = tasks.get(account, node, rest.get(0));
        return switch (rest.get(1)) {
            case "status" -> {
                ObjectNode n = Json.object();
                n.put("upid", task.upid());
                n.put("node", task.node());
                n.put("pid", task.pid());
                n.put("pstart", task.pstart());
                n.put("starttime", task.starttime());
                n.put("type", task.type());
                n.put("id", task.id());
                n.put("user", task.user());
                n.put("status", task.status());
                if (task.exitstatus() != null) {
                    n.put("exitstatus", task.exitstatus());
                }
                yield Reply.of(n);
            }
            case "log" -> {
                int start = intParam(p, "start", 0);
                int limit = intParam(p, "limit", 50);
                ArrayNode lines = Json.MAPPER.createArrayNode();
                List<String> log = task.log();
                for (int i = start; i < log.size() && i < start + limit; i++) {
                    lines.addObject().put("n", i + 1).put("t", log.get(i));
                }
                yield new Reply(lines, Map.of("total", IntNode.valueOf(log.size())));
            }
            default -> throw PveException.notImplemented(method, joined);
        };
    }

    private static int intParam(Map<String, String> p, String name, int fallback) {
        String v = p.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            return Math.max(0, Integer.parseInt(v));
        } catch (NumberFormatException e) {
            throw PveException.param(name, "type check ('integer') failed - got '" + v + "'");
        }
    }

    private static Reply upid(String upid) {
        return Reply.of(new TextNode(upid));
    }

    private static Reply get(String method, String joined, java.util.function.Supplier<Reply> reply) {
        if (!method.equals("GET")) {
            throw PveException.notImplemented(method, joined);
        }
        return reply.get();
    }
}
