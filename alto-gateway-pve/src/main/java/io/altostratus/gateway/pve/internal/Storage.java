package io.altostratus.gateway.pve.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.altostratus.core.model.Image;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Each node's two storages as a default PVE install has them: {@code local} (a directory: ISOs, imports, snippets)
 * and {@code local-lvm} (VM disks). {@code download-url} makes {@code local} content that stands for a backend
 * image: the core SPI has no image import, so the URL's file name must name a distribution release the backend
 * already has (Ubuntu and Debian cloud-image names: {@code noble-server-cloudimg-amd64.img}, {@code
 * debian-12-genericcloud-amd64.qcow2}); any other URL fails its task, saying so.
 */
public final class Storage {
    static final String LOCAL = "local";
    static final String LVM = "local-lvm";
    private static final Map<String, String> CODENAMES = Map.of("noble", "ubuntu:24.04", "jammy", "ubuntu:22.04",
            "focal", "ubuntu:20.04", "bookworm", "debian:12", "bullseye", "debian:11", "trixie", "debian:13");
    private static final Pattern DISTRO_RELEASE = Pattern.compile("(ubuntu|debian|rocky|almalinux|fedora)-"
            + "(\\d+(?:\\.\\d+)?)");

    private final Kept kept;
    private final Vms vms;
    private final Backend backend;
    private final Tasks tasks;
    private final Clock clock;

    public Storage(Kept kept, Vms vms, Backend backend, Tasks tasks, Clock clock) {
        this.kept = kept;
        this.vms = vms;
        this.backend = backend;
        this.tasks = tasks;
        this.clock = clock;
    }

    /** {@code GET /storage}: the datacenter's storage configurations. */
    public ArrayNode configs() {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (String s : List.of(LOCAL, LVM)) {
            out.add(config(s));
        }
        return out;
    }

    /** {@code GET /storage/{storage}}: one storage's configuration, as {@code storage.cfg} holds it. */
    public ObjectNode config(String storageName) {
        String storage = storage(storageName);
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("storage", storage);
        n.put("type", storage.equals(LOCAL) ? "dir" : "lvmthin");
        n.put("content", contents(storage));
        if (storage.equals(LOCAL)) {
            n.put("path", "/var/lib/vz");
        } else {
            n.put("vgname", "pve");
            n.put("thinpool", "data");
        }
        n.put("digest", Integer.toHexString(storage.hashCode()));
        return n;
    }

    /** {@code DELETE .../content/{volume}}: removes a volume the front made (an ISO or an import image). */
    public String delete(String account, String user, String node, String storageName, String volume) {
        String storage = storage(storageName);
        String volid = volume.contains(":") ? volume : storage + ":" + volume;
        Kept.Volume found = kept.volumes(account).stream()
                .filter(v -> v.node().equals(node) && v.volid().equals(volid)).findFirst()
                .orElseThrow(() -> PveException.server("volume '" + volid + "' does not exist"));
        return tasks.start(account, node, "imgdel", volid, user, () -> {
            kept.delete(account, found);
            return List.of("Removed volume '" + volid + "'");
        });
    }

    public ArrayNode list(String node) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (String s : List.of(LOCAL, LVM)) {
            ObjectNode n = out.addObject();
            n.put("storage", s);
            n.put("type", s.equals(LOCAL) ? "dir" : "lvmthin");
            n.put("content", contents(s));
            n.put("active", 1);
            n.put("enabled", 1);
            n.put("shared", 0);
            n.put("total", 1L << 40);
            n.put("used", 0);
            n.put("avail", 1L << 40);
        }
        return out;
    }

    private static String contents(String storage) {
        return storage.equals(LOCAL) ? "iso,vztmpl,backup,import,snippets" : "images,rootdir";
    }

    private static String storage(String storage) {
        if (!storage.equals(LOCAL) && !storage.equals(LVM)) {
            throw PveException.server("storage '" + storage + "' does not exist");
        }
        return storage;
    }

    public ArrayNode content(String account, String node, String storageName, Map<String, String> p) {
        String storage = storage(storageName);
        String content = p.get("content");
        ArrayNode out = Json.MAPPER.createArrayNode();
        if (storage.equals(LOCAL)) {
            for (Kept.Volume v : kept.volumes(account)) {
                if (v.node().equals(node) && (content == null || content.equals(v.content()))) {
                    ObjectNode n = out.addObject();
                    n.put("volid", v.volid());
                    n.put("format", v.volid().endsWith(".iso") ? "iso" : "qcow2");
                    n.put("size", v.size());
                    n.put("ctime", v.ctime());
                }
            }
            return out;
        }
        if (content != null && !content.equals("images")) {
            return out;
        }
        for (Kept.Vm vm : vms.all(account)) {
            if (!vm.node().equals(node) || (p.get("vmid") != null && !p.get("vmid").equals(
                    Integer.toString(vm.vmid())))) {
                continue;
            }
            for (Map.Entry<String, String> disk : vm.config().entrySet()) {
                String value = disk.getValue();
                if (disk.getKey().matches("(scsi|virtio|sata|ide|efidisk)\\d+") && value.startsWith(LVM + ":")
                        && !value.contains("media=cdrom")) {
                    ObjectNode n = out.addObject();
                    n.put("volid", value.split(",")[0]);
                    n.put("vmid", vm.vmid());
                    n.put("format", "raw");
                    n.put("size", Vms.sizeBytes(Vms.option(value, "size")));
                }
            }
        }
        return out;
    }

    public String downloadUrl(String account, String user, String node, String storageName, Map<String, String> p) {
        for (String required : List.of("content", "filename", "url")) {
            if (p.get(required) == null) {
                throw PveException.missing(required);
            }
        }
        String content = p.get("content");
        if (!List.of("iso", "vztmpl", "import").contains(content)) {
            throw PveException.param("content", "value '" + content + "' does not have a value in the enumeration "
                    + "'iso, vztmpl, import'");
        }
        String storage = storage(storageName);
        if (!contents(storage).contains(content)) {
            throw PveException.server("storage '" + storage + "' does not support '" + content + "' content");
        }
        String filename = p.get("filename");
        String url = p.get("url");
        String volid = storage + ":" + content + "/" + filename;
        return tasks.start(account, node, "download", storage, user, () -> {
            String alias = alias(filename).orElseGet(() -> alias(url).orElseThrow(() -> new IllegalStateException(
                    "no backend image matches '" + url + "' (name an Ubuntu or Debian cloud image release)")));
            Image image = backend.cloud(account).image(alias);
            kept.put(account, new Kept.Volume(node, storage, volid, content, image.id(),
                    Math.max(1, image.rootSizeGiB()) * (1L << 30), clock.millis() / 1000));
            return List.of("downloading " + url + " to " + filename, "download of '" + url + "' finished");
        });
    }

    /** The image a storage volume ({@code local:import/x.img}) stands for, or a 500 as PVE gives for a missing one. */
    public String imageOf(String account, String node, String volid) {
        return kept.volumes(account).stream().filter(v -> v.node().equals(node) && v.volid().equals(volid))
                .map(Kept.Volume::imageId).findFirst()
                .orElseThrow(() -> PveException.server("volume '" + volid + "' does not exist"));
    }

    static java.util.Optional<String> alias(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, String> e : CODENAMES.entrySet()) {
            if (lower.contains(e.getKey())) {
                return java.util.Optional.of(e.getValue());
            }
        }
        Matcher m = DISTRO_RELEASE.matcher(lower);
        return m.find() ? java.util.Optional.of(m.group(1) + ":" + m.group(2)) : java.util.Optional.empty();
    }
}
