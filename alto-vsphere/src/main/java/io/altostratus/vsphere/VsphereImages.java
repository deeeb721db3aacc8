package io.altostratus.vsphere;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.Image;
import io.altostratus.core.query.ImageQuery;
import io.altostratus.core.query.ImageRef;
import io.altostratus.vsphere.internal.MoRef;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Images are the datacenter's templates, id the template's MoRef, name the template's name. An alias such as
 * {@code ubuntu:24.04} resolves to the newest template whose tags {@code alto-distro} and {@code alto-release} say so
 * (set by {@code alto images import}, by hand with {@code alto tag}, or as vCenter custom fields of those names in
 * the vSphere Client), else whose name reads {@code ubuntu-24.04}
 * (or {@code ubuntu_24.04}, {@code ubuntu 24.04 ...}), the way operators name imported cloud images.
 */
final class VsphereImages {
    static final String DISTRO_TAG = "alto-distro";
    static final String RELEASE_TAG = "alto-release";
    /** How cloud-init gets its data on VMs of this template: {@code guestinfo} or {@code nocloud}. */
    static final String GUEST_CONFIG_TAG = "alto-guest-config";
    static final String SOURCE_KEY = "alto:source";
    private static final Pattern NAMED = Pattern.compile("(?i)([a-z][a-z-]*?)[-_ ](\\d+(?:\\.\\d+)*)\\b.*");

    private final VsphereSession session;

    VsphereImages(VsphereSession session) {
        this.session = session;
    }

    List<Image> images(ImageQuery query) {
        query.ids().forEach(VmIds::vm);
        List<Image> all = new ArrayList<>();
        List<VmView> templates = Inventory.read(session).vms().stream().filter(VmView::template).toList();
        Map<Integer, String> fields = templates.stream().anyMatch(t -> !t.customValues().isEmpty())
                ? session.call("customFields", () -> session.vim().customFields()) : Map.of();
        for (VmView vm : templates) {
            all.add(image(vm, fields));
        }
        for (String id : query.ids()) {
            if (all.stream().noneMatch(i -> i.id().equals(id))) {
                throw new AltoException(ErrorCode.NOT_FOUND, "ImageNotFound", "no template " + id);
            }
        }
        return all.stream().filter(query::matchesIgnoringOwner).toList();
    }

    Image resolve(ImageRef ref) {
        if (!ref.isAlias()) {
            VmIds.vm(ref.id());
            return images(new ImageQuery(java.util.Set.of(ref.id()), null, null, null, null, null, null)).get(0);
        }
        return images(ImageQuery.distro(ref.distro(), ref.release(), null)).stream()
                .filter(i -> ref.architecture() == null || i.architecture() == ref.architecture())
                .max(Comparator.comparingLong(i -> Inventory.number(i.id())))
                .orElseThrow(() -> new AltoException(ErrorCode.NOT_FOUND, "ImageNotFound", "no template answers "
                        + ref + ": name one " + ref.distro() + "-" + ref.release() + ", tag one with "
                        + DISTRO_TAG + "=" + ref.distro() + " and " + RELEASE_TAG + "=" + ref.release()
                        + ", or import the cloud image with 'alto images import --provider vsphere'"));
    }

    /** The template of an image id, as the inventory shows it. */
    VmView template(Inventory inventory, String imageId) {
        return inventory.vms().stream().filter(v -> v.template() && v.ref().value().equals(imageId)).findFirst()
                .orElseThrow(() -> new AltoException(ErrorCode.NOT_FOUND, "ImageNotFound", "no template "
                        + imageId));
    }

    /** Clones the instance into a new template; the instance itself is left as it was. */
    Image create(String instanceId, String name, String description, Map<String, String> tags) {
        MoRef source = VmIds.vm(instanceId);
        Inventory inventory = Inventory.read(session);
        VmView vm = inventory.vms().stream().filter(v -> !v.template() && v.ref().equals(source)).findFirst()
                .orElseThrow(() -> session.tombstones().find(instanceId, session.clock()) != null
                        ? new AltoException(ErrorCode.INVALID_STATE, "IncorrectInstanceState", instanceId
                        + " is terminated")
                        : new AltoException(ErrorCode.NOT_FOUND, "InstanceNotFound", "no instance " + instanceId));
        Map<String, String> kept = new LinkedHashMap<>(tags == null ? Map.of() : tags);
        kept.put(SOURCE_KEY, instanceId);
        String annotation = AnnotationTags.write(description, kept);
        String templateName = name != null && !name.isBlank() ? name
                : vm.name() + "-image-" + session.clock().millis();
        MoRef copy = session.call("CloneVM_Task " + instanceId, () -> session.vim().cloneVm(source,
                session.datacenter().vmFolder(), templateName, b -> {
                    b.open("location").close();
                    b.element("template", "true");
                    b.open("config").element("annotation", annotation).close();
                    b.element("powerOn", "false");
                }));
        // A clone's config spec may be ignored for the annotation (vcsim does): write it where it sticks.
        session.run("ReconfigVM_Task " + copy.value(), () -> session.vim().reconfigure(copy,
                b -> b.element("annotation", annotation)));
        return images(new ImageQuery(java.util.Set.of(copy.value()), null, null, null, null, null, null)).get(0);
    }

    void delete(String imageId) {
        MoRef ref = VmIds.vm(imageId);
        template(Inventory.read(session), imageId);
        session.run("Destroy_Task " + imageId, () -> session.vim().destroy(ref));
    }

    /** A template as an image; its custom fields (vCenter) are tags too, under the annotation's. */
    static Image image(VmView vm, Map<Integer, String> fields) {
        Map<String, String> tags = new LinkedHashMap<>();
        vm.customValues().forEach((key, value) -> {
            String name = fields.get(key);
            if (name != null && !value.isEmpty()) {
                tags.put(name, value);
            }
        });
        tags.putAll(AnnotationTags.read(vm.annotation()));
        String source = tags.remove(SOURCE_KEY);
        tags.keySet().removeIf(k -> k.startsWith("alto:"));
        String distro = tags.get(DISTRO_TAG);
        String release = tags.get(RELEASE_TAG);
        if (distro == null) {
            Matcher m = NAMED.matcher(vm.name());
            if (m.matches()) {
                distro = m.group(1).toLowerCase(Locale.ROOT);
                release = release == null ? m.group(2) : release;
            }
        }
        VmView.Device disk = vm.firstDisk();
        int rootGiB = disk == null ? 0 : (int) Math.max(1, (disk.capacityKiB() + (1 << 20) - 1) >> 20);
        return new Image(vm.ref().value(), vm.name(), AnnotationTags.text(vm.annotation()), null, null, distro,
                release, Architecture.X86_64, Image.AVAILABLE, false, disk == null ? null : "disk-" + disk.key(),
                disk == null ? 0 : rootGiB, List.of(), source, null, tags);
    }
}
