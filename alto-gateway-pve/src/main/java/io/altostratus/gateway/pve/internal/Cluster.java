package io.altostratus.gateway.pve.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;

/** The cluster-wide reads: version, cluster status, nodes, resources. Nodes are the backend region's zones. */
public final class Cluster {
    static final String VERSION = "8.2.2";
    static final String RELEASE = "8.2";
    private static final List<String> STORAGES = List.of("local", "local-lvm");

    private final Backend backend;
    private final Vms vms;

    public Cluster(Backend backend, Vms vms) {
        this.backend = backend;
        this.vms = vms;
    }

    public ObjectNode version() {
        ObjectNode n = Json.object();
        n.put("version", VERSION);
        n.put("release", RELEASE);
        n.put("repoid", "alto0000");
        return n;
    }

    public ArrayNode status(String account) {
        List<String> nodes = backend.nodes(account);
        ArrayNode out = Json.MAPPER.createArrayNode();
        ObjectNode cluster = out.addObject();
        cluster.put("type", "cluster");
        cluster.put("id", "cluster");
        cluster.put("name", backend.clusterName());
        cluster.put("version", 1);
        cluster.put("quorate", 1);
        cluster.put("nodes", nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            ObjectNode n = out.addObject();
            n.put("type", "node");
            n.put("id", "node/" + nodes.get(i));
            n.put("name", nodes.get(i));
            n.put("nodeid", i + 1);
            n.put("online", 1);
            n.put("local", i == 0 ? 1 : 0);
            n.put("ip", "10.0.0." + (i + 1));
            n.put("level", "");
        }
        return out;
    }

    public ArrayNode nodes(String account) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (String node : backend.nodes(account)) {
            out.add(node(node));
        }
        return out;
    }

    private static ObjectNode node(String node) {
        ObjectNode n = Json.object();
        n.put("node", node);
        n.put("status", "online");
        n.put("level", "");
        n.put("cpu", 0);
        n.put("maxcpu", 64);
        n.put("mem", 0);
        n.put("maxmem", 256L << 30);
        n.put("uptime", 1);
        return n;
    }

    public ArrayNode resources(String account, String type) {
        if (type != null && !Set.of("vm", "node", "storage", "sdn", "pool").contains(type)) {
            throw PveException.param("type", "value '" + type + "' does not have a value in the enumeration "
                    + "'vm, storage, node, sdn'");
        }
        ArrayNode out = Json.MAPPER.createArrayNode();
        if (type == null || type.equals("vm")) {
            for (Kept.Vm vm : vms.all(account)) {
                ObjectNode n = vms.summary(account, vm, false);
                n.put("id", "qemu/" + vm.vmid());
                n.put("type", "qemu");
                n.put("node", vm.node());
                n.put("maxcpu", n.get("cpus").asInt());
                n.remove("cpus");
                n.put("disk", 0);
                if (!n.has("template")) {
                    n.put("template", 0);
                }
                out.add(n);
            }
        }
        if (type == null || type.equals("node")) {
            for (String node : backend.nodes(account)) {
                ObjectNode n = node(node);
                n.put("id", "node/" + node);
                n.put("type", "node");
                out.add(n);
            }
        }
        if (type == null || type.equals("storage")) {
            for (String node : backend.nodes(account)) {
                for (String storage : STORAGES) {
                    ObjectNode n = out.addObject();
                    n.put("id", "storage/" + node + "/" + storage);
                    n.put("type", "storage");
                    n.put("storage", storage);
                    n.put("node", node);
                    n.put("status", "available");
                    n.put("shared", 0);
                    n.put("plugintype", storage.equals("local") ? "dir" : "lvmthin");
                    n.put("content", storage.equals("local") ? "iso,vztmpl,backup,import,snippets"
                            : "images,rootdir");
                    n.put("disk", 0);
                    n.put("maxdisk", 1L << 40);
                }
            }
        }
        return out;
    }
}
