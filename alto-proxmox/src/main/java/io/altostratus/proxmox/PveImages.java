package io.altostratus.proxmox;

import com.fasterxml.jackson.databind.JsonNode;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.Image;
import io.altostratus.core.query.ImageQuery;
import io.altostratus.core.query.ImageRef;
import io.altostratus.proxmox.internal.PveTags;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Images are templates ({@code template: 1} VMs). An image's id is the template's {@code node/vmid}, its name the
 * template's name; the template's Proxmox tags {@code alto-distro-<d>} and {@code alto-release-<r>} (or
 * {@code distro=} / {@code release=} in the description block) say which alias ({@code ubuntu:24.04}) it answers.
 */
final class PveImages {
    static final String DISTRO_TAG = "alto-distro-";
    static final String RELEASE_TAG = "alto-release-";
    /** The description-block key that remembers the instance an image was made from. */
    static final String SOURCE_KEY = "alto:source";

    private final PveSession session;
    private final Vms vms;

    PveImages(PveSession session, Vms vms) {
        this.session = session;
        this.vms = vms;
    }

    List<Image> images(ImageQuery query) {
        List<Image> out = new ArrayList<>();
        for (JsonNode r : vms.resources()) {
            if (r.path("template").asInt(0) != 1) {
                continue;
            }
            VmRef ref = new VmRef(r.path("node").asText(), r.path("vmid").asInt());
            if (!query.ids().isEmpty() && !query.ids().contains(ref.id())) {
                continue;
            }
            JsonNode config;
            try {
                config = vms.config(ref);
            } catch (AltoException e) {
                if (e.code() == ErrorCode.NOT_FOUND) {
                    continue; // deleted since the listing
                }
                throw e;
            }
            Image image = image(ref, config, r.path("maxdisk").asLong(0));
            if (query.matchesIgnoringOwner(image)) {
                out.add(image);
            }
        }
        return out;
    }

    /**
     * The template an id or alias names; for an alias, the newest template that answers it: by the creation time
     * in its {@code meta} option (written by Proxmox VE 7.2 and later), then by the highest VMID.
     */
    Image resolve(ImageRef ref) {
        if (!ref.isAlias()) {
            VmRef vm = VmRef.parse(ref.id());
            List<Image> found = images(new ImageQuery(java.util.Set.of(vm.id()), null, null, null, null, null, null));
            if (found.isEmpty()) {
                throw new AltoException(ErrorCode.NOT_FOUND, "ImageNotFound", "no template " + vm.id()
                        + " in the cluster (images are templates, ids NODE/VMID)");
            }
            return found.get(0);
        }
        return images(ImageQuery.distro(ref.distro(), ref.release(), null)).stream()
                .filter(i -> ref.architecture() == null || i.architecture() == ref.architecture())
                .max(Comparator.comparing(Image::creationDate, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparingInt(i -> VmRef.parse(i.id()).vmid()))
                .orElseThrow(() -> new AltoException(ErrorCode.NOT_FOUND, "ImageNotFound", "no template answers "
                        + ref + ": tag one with " + DISTRO_TAG + ref.distro() + " and " + RELEASE_TAG + ref.release()
                        + " (or import the cloud image with 'alto images import --provider proxmox')"));
    }

    /** Clones the instance into a new VM and makes that a template; the instance itself is left as it was. */
    Image create(String instanceId, String name, String description, Map<String, String> tags,
                 java.util.function.Consumer<VmRef> checkLive) {
        VmRef source = VmRef.parse(instanceId);
        checkLive.accept(source);
        Map<String, String> options = new LinkedHashMap<>();
        if (name != null) {
            options.put("name", name);
        }
        options.put("full", "1");
        VmRef copy = vms.cloneOf(source, source.node(), options);
        Map<String, String> kept = new LinkedHashMap<>(tags == null ? Map.of() : tags);
        kept.put(SOURCE_KEY, source.id());
        PveTags.Written written = PveTags.write(kept, description == null ? "" : description + "\n");
        Map<String, String> form = new LinkedHashMap<>();
        form.put("tags", written.tags());
        form.put("description", written.description());
        session.retrier().call("qemu.config " + copy, () -> session.client().put(copy.path() + "/config", form));
        vms.mutate("qemu.template " + copy, () -> session.client().post(copy.path() + "/template", Map.of()));
        return image(copy, vms.config(copy), 0);
    }

    void delete(String imageId) {
        VmRef vm = VmRef.parse(imageId);
        JsonNode config = vms.config(vm);
        if (config.path("template").asInt(0) != 1) {
            throw new AltoException(ErrorCode.INVALID_PARAMETER, "NotATemplate", vm + " is a VM, not a template");
        }
        vms.mutate("qemu.destroy " + vm, () -> session.client().delete(vm.path(), Map.of("purge", "1")));
    }

    static Image image(VmRef ref, JsonNode config, long maxDiskBytes) {
        Map<String, String> tags = PveTags.read(config.path("tags").asText(null), config.path("description")
                .asText(null));
        String distro = tags.get("distro");
        String release = tags.get("release");
        for (String t : PveTags.splitTags(config.path("tags").asText(null))) {
            if (t.startsWith(DISTRO_TAG)) {
                distro = t.substring(DISTRO_TAG.length());
            } else if (t.startsWith(RELEASE_TAG)) {
                release = t.substring(RELEASE_TAG.length());
            }
        }
        Architecture arch = "aarch64".equals(config.path("arch").asText()) ? Architecture.ARM64 : Architecture.X86_64;
        String description = PveTags.withoutBlock(config.path("description").asText(null)).strip();
        String source = tags.remove(SOURCE_KEY);
        return new Image(ref.id(), config.path("name").asText(ref.id()), description, null, null, distro, release,
                arch, Image.AVAILABLE, false, Vms.bootDisk(config), (int) (maxDiskBytes >> 30), List.of(), source,
                created(config.path("meta").asText("")), tags);
    }

    /** The {@code ctime} of a {@code meta} option ({@code creation-qemu=9.0.2,ctime=1733500000}), or null. */
    static java.time.Instant created(String meta) {
        for (String part : meta.split(",")) {
            if (part.startsWith("ctime=") && part.substring(6).matches("\\d{1,12}")) {
                return java.time.Instant.ofEpochSecond(Long.parseLong(part.substring(6)));
            }
        }
        return null;
    }
}
