package io.altostratus.proxmox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A small Proxmox VE API for the provider's tests, on the JDK's HTTP server: VMs and templates with their configs,
 * tasks that finish after a poll, and the faults users meet, each switched on by a test (a lock held for some calls,
 * a task that fails with a log line, a guest agent that does not answer, a VMID taken between nextid and clone).
 * Bodies follow the API schema ({@code pve_api_schema_subset.json.gz}); errors carry {@code message} as Proxmox's JSON
 * formatter does.
 */
final class FakePve implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String TOKEN = "root@pam!alto=00000000-0000-0000-0000-000000000000";

    static final class Vm {
        final String node;
        final int vmid;
        final Map<String, String> config = new LinkedHashMap<>();
        String status = "stopped";
        final Map<String, String> snapshots = new LinkedHashMap<>();
        /** The agent's network-get-interfaces result (the array), or null when no agent answers. */
        String agent;

        Vm(String node, int vmid) {
            this.node = node;
            this.vmid = vmid;
        }
    }

    record Task(String upid, String exitstatus, List<String> log) {
    }

    final Map<Integer, Vm> vms = new TreeMap<>();
    final Map<String, Task> tasks = new LinkedHashMap<>();
    final List<String> requests = new CopyOnWriteArrayList<>();
    /** The raw form bodies of POST/PUT calls, by path. */
    final Map<String, String> forms = new LinkedHashMap<>();
    /** Calls (method + path suffix) that answer 500 "VM is locked (clone)" this many more times. */
    final Map<String, Integer> locked = new LinkedHashMap<>();
    /** A task kind (qmstart, qmclone, ...) that fails with this log line. */
    final Map<String, String> failingTasks = new LinkedHashMap<>();
    /** VMIDs another client takes right after nextid hands them out. */
    final List<Integer> stolenIds = new ArrayList<>();
    /** Raw bodies served as they are for GET paths (the recordings). */
    final Map<String, String> recorded = new LinkedHashMap<>();
    /** Storage id -> its content types ({@code GET /storage/{storage}}). */
    final Map<String, String> storageContent = new LinkedHashMap<>();
    /** "storage body" of each upload. */
    final List<String> uploads = new ArrayList<>();
    /** Import volumes on storage ({@code local:import/x.qcow2} -> node). */
    final Map<String, String> importVolumes = new LinkedHashMap<>();
    private String rawBody = "";
    String agentAnswerWhenNone = "QEMU guest agent is not running";
    private int taskSeq;
    private final HttpServer server;

    FakePve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api2/json/", this::handle);
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    Vm template(String node, int vmid, String name, String tags) {
        Vm vm = new Vm(node, vmid);
        vm.config.put("name", name);
        vm.config.put("template", "1");
        vm.config.put("tags", tags);
        vm.config.put("agent", "1");
        vm.config.put("boot", "order=scsi0");
        vm.config.put("scsi0", "local-lvm:base-" + vmid + "-disk-0,size=3584M");
        vm.config.put("net0", "virtio=BC:24:11:00:00:01,bridge=vmbr0");
        vm.config.put("cores", "1");
        vm.config.put("memory", "2048");
        vms.put(vmid, vm);
        return vm;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private synchronized void handle(HttpExchange ex) throws IOException {
        try (ex) {
            handleOpen(ex);
        }
    }

    private void handleOpen(HttpExchange ex) throws IOException {
        try {
            String method = ex.getRequestMethod();
            String path = ex.getRequestURI().getRawPath().substring("/api2/json".length());
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(method + " " + path);
            if (!("PVEAPIToken=" + TOKEN).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                send(ex, 401, error("authentication failure"));
                return;
            }
            if (!body.isEmpty()) {
                forms.put(method + " " + path, body);
            }
            Integer lockedLeft = locked.get(method + " " + path);
            if (lockedLeft != null && lockedLeft > 0) {
                locked.put(method + " " + path, lockedLeft - 1);
                send(ex, 500, error("VM is locked (clone)"));
                return;
            }
            if (method.equals("GET") && recorded.containsKey(path)) {
                send(ex, 200, recorded.get(path));
                return;
            }
            rawBody = body;
            Map<String, String> form = body.startsWith("--") ? new LinkedHashMap<>() : parse(body);
            form.putAll(parse(ex.getRequestURI().getRawQuery()));
            Object answer = route(method, path.split("/"), form);
            send(ex, 200, JSON.writeValueAsString(Map.of("data", answer == null ? "" : answer))
                    .replace("\"data\":\"\"", "\"data\":null"));
        } catch (Failure f) {
            send(ex, f.status, error(f.getMessage()));
        }
    }

    static final class Failure extends RuntimeException {
        final int status;

        Failure(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private Object route(String method, String[] p, Map<String, String> form) {
        // p[0] is "" (the path starts with a slash)
        if (p[1].equals("cluster") && p[2].equals("nextid")) {
            if (form.containsKey("vmid")) {
                int wanted = Integer.parseInt(form.get("vmid"));
                if (vms.containsKey(wanted)) {
                    throw new Failure(400, "VM " + wanted + " already exists");
                }
                return String.valueOf(wanted);
            }
            int id = 100;
            while (vms.containsKey(id)) {
                id++;
            }
            if (!stolenIds.isEmpty() && stolenIds.get(0) == id) {
                stolenIds.remove(0);
                vms.put(id, new Vm("pve1", id)); // another client's clone lands first
            }
            return String.valueOf(id);
        }
        if (p[1].equals("cluster") && p[2].equals("resources")) {
            ArrayNode out = JSON.createArrayNode();
            for (Vm vm : vms.values()) {
                out.addObject().put("id", "qemu/" + vm.vmid).put("type", "qemu").put("node", vm.node)
                        .put("vmid", vm.vmid).put("name", vm.config.getOrDefault("name", ""))
                        .put("status", vm.status).put("template", vm.config.containsKey("template") ? 1 : 0)
                        .put("maxdisk", 3758096384L);
            }
            return out;
        }
        if (p[1].equals("cluster") && p[2].equals("status")) {
            ArrayNode out = JSON.createArrayNode();
            out.addObject().put("type", "node").put("name", "pve1").put("id", "node/pve1").put("online", 1);
            return out;
        }
        if (p[1].equals("nodes") && p.length == 2) {
            ArrayNode out = JSON.createArrayNode();
            out.addObject().put("node", "pve1").put("status", "online").put("id", "node/pve1").put("type", "node");
            return out;
        }
        if (p[1].equals("storage") && p.length == 3) {
            String content = storageContent.get(p[2]);
            if (content == null) {
                throw new Failure(500, "storage '" + p[2] + "' does not exist");
            }
            return JSON.createObjectNode().put("storage", p[2]).put("content", content);
        }
        String node = p[2];
        if (p[3].equals("storage") && p.length == 6 && p[5].equals("upload")) {
            uploads.add(p[4] + " " + rawBody);
            java.util.regex.Matcher file = java.util.regex.Pattern.compile("filename=\"([^\"]+)\"").matcher(rawBody);
            if (rawBody.contains("name=\"content\"\r\n\r\nimport") && file.find()) {
                String volid = p[4] + ":import/" + file.group(1);
                return task(node, "imgcopy", 0, () -> importVolumes.put(volid, node));
            }
            return task(node, "imgcopy", 0, null);
        }
        if (p[3].equals("storage") && p.length == 6 && p[5].equals("download-url")) {
            String volid = p[4] + ":" + form.get("content") + "/" + form.get("filename");
            return task(node, "download", 0, () -> importVolumes.put(volid, node));
        }
        if (p[3].equals("storage") && p.length == 6 && p[5].equals("content")) {
            ArrayNode out = JSON.createArrayNode();
            importVolumes.forEach((volid, on) -> {
                if (on.equals(node) && volid.startsWith(p[4] + ":")) {
                    out.addObject().put("volid", volid).put("content", "import").put("format", "qcow2");
                }
            });
            return out;
        }
        if (p[3].equals("storage") && p.length == 7 && p[5].equals("content") && method.equals("DELETE")) {
            String volid = URLDecoder.decode(p[6], StandardCharsets.UTF_8);
            if (importVolumes.remove(volid) == null) {
                throw new Failure(500, "volume '" + volid + "' does not exist");
            }
            return task(node, "imgdel", 0, null);
        }
        if (p[3].equals("qemu") && p.length == 4 && method.equals("POST")) {
            int newid = Integer.parseInt(form.get("vmid"));
            if (vms.containsKey(newid)) {
                throw new Failure(500, "unable to create VM " + newid + ": config file already exists");
            }
            return task(node, "qmcreate", newid, () -> {
                Vm made = new Vm(node, newid);
                form.forEach((k, v) -> {
                    if (!k.equals("vmid")) {
                        made.config.put(k, v);
                    }
                });
                vms.put(newid, made);
            });
        }
        if (p[3].equals("tasks")) {
            String upid = URLDecoder.decode(p[4], StandardCharsets.UTF_8);
            Task task = tasks.get(upid);
            if (task == null) {
                throw new Failure(500, "no such task");
            }
            if (p[5].equals("status")) {
                ObjectNode s = JSON.createObjectNode().put("upid", upid).put("node", node).put("status", "stopped");
                s.put("exitstatus", task.exitstatus());
                return s;
            }
            ArrayNode log = JSON.createArrayNode();
            int n = 1;
            for (String line : task.log()) {
                log.addObject().put("n", n++).put("t", line);
            }
            return log;
        }
        int vmid = Integer.parseInt(p[4]);
        Vm vm = vms.get(vmid);
        String rest = String.join("/", java.util.Arrays.copyOfRange(p, 5, p.length));
        if (vm == null || !vm.node.equals(node)) {
            throw new Failure(500, "Configuration file 'nodes/" + node + "/qemu-server/" + vmid + ".conf' does not exist");
        }
        if (method.equals("POST") && rest.startsWith("snapshot/") && rest.endsWith("/rollback")) {
            String name = rest.substring("snapshot/".length(), rest.length() - "/rollback".length());
            if (!vm.snapshots.containsKey(name)) {
                throw new Failure(500, "snapshot '" + name + "' does not exist");
            }
            return task(node, "qmrollback", vmid, () -> vm.status = "stopped");
        }
        switch (method + " " + rest) {
            case "GET config" -> {
                ObjectNode c = JSON.createObjectNode();
                vm.config.forEach(c::put);
                return c;
            }
            case "POST config", "PUT config" -> {
                form.forEach((k, v) -> {
                    if (k.equals("delete")) {
                        for (String d : v.split(",")) {
                            vm.config.remove(d);
                        }
                    } else {
                        vm.config.put(k, v);
                    }
                });
                return method.equals("POST") ? task(node, "qmconfig", vmid, null) : null;
            }
            case "GET status/current" -> {
                ObjectNode s = JSON.createObjectNode().put("status", vm.status).put("vmid", vmid)
                        .put("qmpstatus", vm.status);
                if (vm.config.containsKey("agent")) {
                    s.put("agent", 1);
                }
                return s;
            }
            case "POST status/start" -> {
                return task(node, "qmstart", vmid, () -> vm.status = "running");
            }
            case "POST status/stop", "POST status/shutdown" -> {
                return task(node, rest.endsWith("stop") ? "qmstop" : "qmshutdown", vmid, () -> vm.status = "stopped");
            }
            case "POST status/reboot" -> {
                return task(node, "qmreboot", vmid, null);
            }
            case "PUT resize" -> {
                return task(node, "resize", vmid, () -> vm.config.put(form.get("disk"), vm.config
                        .getOrDefault(form.get("disk"), "") + ",resized=" + form.get("size")));
            }
            case "POST template" -> {
                return task(node, "qmtemplate", vmid, () -> vm.config.put("template", "1"));
            }
            case "DELETE " -> {
                return task(node, "qmdestroy", vmid, () -> vms.remove(vmid));
            }
            case "POST clone" -> {
                int newid = Integer.parseInt(form.get("newid"));
                if (vms.containsKey(newid)) {
                    throw new Failure(500, "unable to create VM " + newid + ": config file already exists");
                }
                String target = form.getOrDefault("target", node);
                return task(node, "qmclone", vmid, () -> {
                    Vm copy = new Vm(target, newid);
                    copy.config.putAll(vm.config);
                    copy.config.remove("template");
                    copy.config.put("name", form.getOrDefault("name", "Copy-of-VM-" + vm.config.get("name")));
                    copy.agent = vm.agent;
                    vms.put(newid, copy);
                });
            }
            case "GET snapshot" -> {
                ArrayNode out = JSON.createArrayNode();
                vm.snapshots.forEach((name, description) -> out.addObject().put("name", name)
                        .put("description", description).put("snaptime", 1765083600));
                out.addObject().put("name", "current").put("description", "You are here!").put("running", 1);
                return out;
            }
            case "POST snapshot" -> {
                String name = form.get("snapname");
                return task(node, "qmsnapshot", vmid, () -> vm.snapshots.put(name, form.getOrDefault("description", "")));
            }
            case "GET agent/network-get-interfaces" -> {
                if (vm.agent == null || !"running".equals(vm.status)) {
                    throw new Failure(500, agentAnswerWhenNone);
                }
                try {
                    return JSON.createObjectNode().set("result", JSON.readTree(vm.agent));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
            default -> {
                if (method.equals("DELETE") && rest.startsWith("snapshot/")) {
                    String name = rest.substring("snapshot/".length());
                    if (!vm.snapshots.containsKey(name)) {
                        throw new Failure(500, "snapshot '" + name + "' does not exist");
                    }
                    return task(node, "qmdelsnapshot", vmid, () -> vm.snapshots.remove(name));
                }
                throw new Failure(501, "Method '" + method + " /nodes/" + node + "/qemu/" + vmid + "/" + rest
                    + "' not implemented");
            }
        }
    }

    private String task(String node, String type, int vmid, Runnable effect) {
        String upid = "UPID:" + node + ":" + String.format("%08X", ++taskSeq) + ":00000000:6750A2C0:" + type + ":"
                + vmid + ":root@pam!alto:";
        String failure = failingTasks.get(type);
        if (failure != null) {
            tasks.put(upid, new Task(upid, failure, List.of("starting " + type, "TASK ERROR: " + failure)));
        } else {
            if (effect != null) {
                effect.run();
            }
            tasks.put(upid, new Task(upid, "OK", List.of("TASK OK")));
        }
        return upid;
    }

    private static String error(String message) {
        return "{\"data\":null,\"message\":\"" + message.replace("\"", "\\\"") + "\\n\"}";
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json;charset=UTF-8");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    static Map<String, String> parse(String form) {
        Map<String, String> out = new LinkedHashMap<>();
        if (form == null || form.isEmpty()) {
            return out;
        }
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            Function<String, String> dec = s -> URLDecoder.decode(s, StandardCharsets.UTF_8);
            out.put(dec.apply(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : dec.apply(pair.substring(eq + 1)));
        }
        return out;
    }
}
