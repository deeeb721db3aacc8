package io.altostratus.proxmox;

import com.fasterxml.jackson.databind.JsonNode;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.ext.ImageImports;
import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.Image;
import io.altostratus.core.spec.ImageImportSpec;
import io.altostratus.proxmox.internal.PveClient;
import io.altostratus.proxmox.internal.PveTags;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A cloud image made into a template, the steps an operator otherwise does by hand: the image file reaches a storage
 * with the {@code import} content type (the node downloads a URL itself with {@code download-url}; a local file is
 * uploaded), a new VM's boot disk is imported from it ({@code scsi0: STORAGE:0,import-from=...}) next to a
 * cloud-init drive, a serial console and the guest agent option, and the VM becomes a template tagged with the
 * image's distro and release, so {@code ubuntu:24.04} resolves to it. A failure after the VM exists destroys it;
 * an image file the import itself put on the storage is removed then too.
 */
final class PveImageImports implements ImageImports {
    /** Extensions Proxmox accepts for import content; a qcow2 named {@code .img} (Ubuntu's) must be renamed. */
    private static final java.util.List<String> IMPORT_EXTENSIONS = java.util.List.of(".qcow2", ".raw", ".vmdk");

    private final PveSession session;
    private final Vms vms;
    private final Supplier<String> defaultNode;

    PveImageImports(PveSession session, Vms vms, Supplier<String> defaultNode) {
        this.session = session;
        this.vms = vms;
        this.defaultNode = defaultNode;
    }

    @Override
    public Image importImage(ImageImportSpec spec) {
        String node = spec.zone() != null ? spec.zone() : defaultNode.get();
        String storage = importStorage();
        String name = templateName(spec.name() != null ? spec.name() : spec.sourceBaseName());
        String filename = name + extension(spec);
        String volid = storage + ":import/" + filename;
        String storagePath = "/nodes/" + PveClient.segment(node) + "/storage/" + PveClient.segment(storage);
        boolean present = hasVolume(storagePath, volid);
        boolean placedHere = false;
        if (!present) {
            if (spec.url() != null) {
                vms.mutate("storage.download-url " + volid, () -> session.client().post(storagePath + "/download-url",
                        Map.of("content", "import", "filename", filename, "url", spec.url().toString())));
            } else {
                session.tasks().await("storage.upload " + volid, session.retrier().call("storage.upload " + volid,
                        () -> session.client().upload(storagePath + "/upload", Map.of("content", "import"),
                                filename, spec.file(), session.settings().taskTimeout())));
            }
            placedHere = true;
        }
        VmRef vm = null;
        try {
            vm = new VmRef(node, vms.freshVmid());
            VmRef made = vm;
            Map<String, String> tags = new LinkedHashMap<>(spec.tags());
            if (spec.distro() != null) {
                tags.put(PveImages.DISTRO_TAG + spec.distro().toLowerCase(Locale.ROOT), "");
            }
            if (spec.release() != null) {
                tags.put(PveImages.RELEASE_TAG + spec.release().toLowerCase(Locale.ROOT), "");
            }
            PveTags.Written written = PveTags.write(tags, "cloud image " + (spec.url() != null ? spec.url()
                    : spec.file().getFileName()) + "\n");
            Map<String, String> form = new LinkedHashMap<>();
            form.put("vmid", String.valueOf(made.vmid()));
            form.put("name", name);
            form.put("ostype", "l26");
            form.put("cores", "1");
            form.put("memory", "2048");
            form.put("scsihw", "virtio-scsi-single");
            form.put("scsi0", session.settings().storage() + ":0,import-from=" + volid);
            form.put("ide2", session.settings().storage() + ":cloudinit");
            form.put("boot", "order=scsi0");
            form.put("net0", "virtio,bridge=" + session.settings().bridge());
            // Cloud images print to the serial console, and most carry (or install) qemu-guest-agent.
            form.put("serial0", "socket");
            form.put("vga", "serial0");
            form.put("agent", "1");
            form.put("tags", written.tags());
            form.put("description", written.description());
            if (spec.architecture() == Architecture.ARM64) {
                form.put("arch", "aarch64");
            }
            vms.mutate("qemu.create " + made, () -> session.client().post("/nodes/" + PveClient.segment(node)
                    + "/qemu", form));
            vms.mutate("qemu.template " + made, () -> session.client().post(made.path() + "/template", Map.of()));
            JsonNode config = vms.config(made);
            return PveImages.image(made, config, 0);
        } catch (RuntimeException e) {
            undo(vm, placedHere ? storagePath + "/content/" + PveClient.segment(volid) : null, e);
            throw e;
        }
    }

    /** Removes what a failed import made, keeping the first failure as the one reported. */
    private void undo(VmRef vm, String volumePath, RuntimeException failure) {
        if (vm != null) {
            try {
                vms.mutate("qemu.destroy " + vm, () -> session.client().delete(vm.path(), Map.of("purge", "1")));
            } catch (RuntimeException e) {
                if (!Vms.isGone(e)) {
                    failure.addSuppressed(e);
                }
            }
        }
        if (volumePath != null) {
            try {
                vms.mutate("storage.delete " + volumePath, () -> session.client().delete(volumePath, Map.of()));
            } catch (RuntimeException e) {
                if (!Vms.isGone(e)) {
                    failure.addSuppressed(e);
                }
            }
        }
    }

    /** The import storage, checked to take import content, with what to do when it does not. */
    private String importStorage() {
        String storage = session.settings().importStorage();
        JsonNode config = session.retrier().call("storage " + storage,
                () -> session.client().get("/storage/" + PveClient.segment(storage)));
        String content = config.path("content").asText("");
        if (Arrays.stream(content.split(",")).noneMatch(c -> c.strip().equals("import"))) {
            throw new AltoException(ErrorCode.UNSUPPORTED, "ImportContentDisabled", "storage '" + storage
                    + "' does not allow the 'import' content type (content: " + (content.isEmpty() ? "none" : content)
                    + "): add it ('pvesm set " + storage + " --content " + (content.isEmpty() ? "" : content + ",")
                    + "import', Proxmox VE 8.3 or later) or set import_storage in [proxmox]");
        }
        return storage;
    }

    private boolean hasVolume(String storagePath, String volid) {
        JsonNode content = session.retrier().call("storage.content " + volid,
                () -> session.client().get(storagePath + "/content", Map.of("content", "import")));
        for (JsonNode v : content) {
            if (volid.equals(v.path("volid").asText())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The extension the import file gets: the source's when Proxmox takes it, else what the bytes are (a local file)
     * or qcow2 (a URL's {@code .img}: the cloud images published that way are qcow2).
     */
    static String extension(ImageImportSpec spec) {
        String source = (spec.file() != null ? spec.file().getFileName().toString() : spec.url().getPath())
                .toLowerCase(Locale.ROOT);
        for (String ext : IMPORT_EXTENSIONS) {
            if (source.endsWith(ext)) {
                return ext;
            }
        }
        return spec.file() != null ? sniff(spec.file()) : ".qcow2";
    }

    /** qcow2 and VMDK by their magic numbers; anything else is taken as a raw disk. */
    static String sniff(Path file) {
        byte[] head = new byte[4];
        try (InputStream in = Files.newInputStream(file)) {
            int n = in.readNBytes(head, 0, 4);
            if (n == 4 && head[0] == 'Q' && head[1] == 'F' && head[2] == 'I' && (head[3] & 0xff) == 0xfb) {
                return ".qcow2";
            }
            if (n == 4 && head[0] == 'K' && head[1] == 'D' && head[2] == 'M' && head[3] == 'V') {
                return ".vmdk";
            }
            return ".raw";
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** A name Proxmox accepts for a VM (a DNS name) and a file. */
    static String templateName(String wanted) {
        String n = wanted.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]+", "-").replaceAll("^[-.]+|[-.]+$", "");
        if (n.isEmpty()) {
            throw new AltoException(ErrorCode.INVALID_PARAMETER, "InvalidName", "'" + wanted
                    + "' has nothing a Proxmox VM name can hold (letters, digits, '-', '.')");
        }
        return n.length() > 63 ? n.substring(0, 63) : n;
    }
}
