package io.altostratus.azure;

import com.azure.core.management.SubResource;
import com.azure.resourcemanager.compute.fluent.models.ImageInner;
import com.azure.resourcemanager.compute.models.ImageUpdate;
import io.altostratus.azure.internal.ArmNames;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.query.ImageQuery;
import io.altostratus.core.query.ImageRef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Images: the marketplace images the catalog in use names (Ubuntu and Debian by URN, {@code ...:latest}, which ARM
 * resolves to the newest version at launch, the same in every location), and the managed images of the session's
 * resource group, which are the account's own ({@code owners} {@code self} or the subscription id).
 *
 * <p>Aliases resolve among the marketplace images only: {@code ubuntu:24.04} is
 * {@code Canonical:ubuntu-24_04-lts:server:latest}, {@code ubuntu:24.04/arm64} {@code ...:server-arm64:latest},
 * {@code ubuntu:22.04} {@code Canonical:0001-com-ubuntu-server-jammy:22_04-lts-gen2:latest}, {@code debian:12}
 * {@code Debian:debian-12:12-gen2:latest} (Microsoft's and the publishers' documented URNs, as the catalog ships
 * them).
 *
 * <p>{@link #createImage} makes a managed image the only way Azure makes one from a VM: deallocate it (if it is not
 * already), mark it generalized, and PUT an image whose source is the VM. A generalized VM cannot be started again
 * (Azure refuses), so imaging consumes the instance; its description, distribution and architecture are kept as
 * tags beginning {@code alto-image-}, which read back as fields, not tags.
 */
final class AzureImages {
    static final String HIDDEN = "alto-image-";

    private final AzureContext context;

    AzureImages(AzureContext context) {
        this.context = context;
    }

    List<Image> images(ImageQuery query) {
        for (String id : query.ids()) {
            ArmNames.checkImageId(id);
        }
        boolean wantPublic = query.owners().isEmpty() || query.owners().stream().anyMatch(this::isPublicOwner);
        boolean wantOwn = query.owners().isEmpty() || query.owners().stream().anyMatch(this::isSelf);
        boolean ownNeeded = wantOwn && (query.ids().isEmpty() || query.ids().stream().anyMatch(ArmNames::isManagedImageId));
        List<Image> candidates = new ArrayList<>();
        if (wantPublic) {
            for (Image image : publicImages()) {
                if (query.owners().isEmpty() || query.owners().stream().anyMatch(o -> ownsPublic(o, image))) {
                    candidates.add(image);
                }
            }
        }
        if (ownNeeded) {
            candidates.addAll(ownImages());
        }
        for (String id : query.ids()) {
            if (candidates.stream().noneMatch(i -> sameId(i.id(), id))) {
                throw notFound(id);
            }
        }
        return candidates.stream().filter(query::matchesIgnoringOwner)
                .sorted(Comparator.comparing(Image::id)).toList();
    }

    Image get(String id) {
        ArmNames.checkImageId(id);
        if (ArmNames.isUrn(id)) {
            return publicImages().stream().filter(i -> i.id().equalsIgnoreCase(id)).findFirst()
                    .orElseGet(() -> marketplace(ArmNames.urn(id)));
        }
        ArmNames.ManagedImage ref = ownRef(id);
        return convert(context.calls().call("images.get",
                () -> context.clients().compute().getImages().getByResourceGroup(context.group(), ref.name())));
    }

    /** The newest available public image matching the alias; an id is looked up as it is. */
    Image resolveImage(ImageRef ref) {
        if (!ref.isAlias()) {
            return get(ref.id());
        }
        Architecture arch = ref.architecture() == null ? Architecture.X86_64 : ref.architecture();
        return publicImages().stream()
                .filter(i -> ref.distro().equalsIgnoreCase(i.distro()) && ref.release().equals(i.release())
                        && i.architecture() == arch && Image.AVAILABLE.equals(i.state()))
                .max(Comparator.comparing(Image::creationDate, Comparator.nullsFirst(Comparator.naturalOrder())))
                .orElseThrow(() -> new AltoException(ErrorCode.NOT_FOUND, "ImageNotFound", "no azure image for "
                        + ref + " (known: ubuntu:24.04, ubuntu:22.04, debian:12, each also /arm64)"));
    }

    Image createImage(AzureInstances instances, String instanceId, String name, String description,
                      Map<String, String> tags) {
        ArmNames.vm(instanceId);
        if (name == null || !ArmNames.isResourceName(name)) {
            throw AltoException.invalid("InvalidResourceName", "'" + name + "' is not an Azure image name (1-80 "
                    + "letters, digits, '.', '_' or '-')");
        }
        Map<String, String> all = new LinkedHashMap<>(tags == null ? Map.of() : tags);
        AzureTags.check(all, 4);
        Instance vm = instances.instance(instanceId);
        if (vm.state() != InstanceState.RUNNING && vm.state() != InstanceState.STOPPED) {
            throw new AltoException(ErrorCode.INVALID_STATE, "OperationNotAllowed", "instance " + instanceId
                    + " is " + vm.stateName() + "; an image needs a running or stopped instance");
        }
        if (description != null) {
            all.put(HIDDEN + "description", description);
        }
        Image source = vm.imageId() == null ? null : publicImages().stream()
                .filter(i -> i.id().equalsIgnoreCase(vm.imageId())).findFirst().orElse(null);
        if (source != null && source.distro() != null) {
            all.put(HIDDEN + "distro", source.distro());
            all.put(HIDDEN + "release", source.release());
        }
        all.put(HIDDEN + "arch", vm.architecture() == null ? "x86_64" : vm.architecture().wireName());
        all.put(HIDDEN + "source", instanceId);
        String group = context.group();
        if (!"deallocated".equals(vm.rawState() == null ? "" : vm.rawState().substring(vm.rawState().indexOf('/') + 1))) {
            context.calls().await("virtualMachines.deallocate",
                    () -> context.clients().compute().getVirtualMachines().beginDeallocate(group, instanceId));
        }
        context.calls().run("virtualMachines.generalize",
                () -> context.clients().compute().getVirtualMachines().generalize(group, instanceId));
        String vmArmId = "/subscriptions/" + context.subscription() + "/resourceGroups/" + group
                + "/providers/Microsoft.Compute/virtualMachines/" + instanceId;
        ImageInner body = new ImageInner().withSourceVirtualMachine(new SubResource().withId(vmArmId));
        body.withLocation(context.location());
        body.withTags(all);
        ImageInner made = context.calls().await("images.createOrUpdate",
                () -> context.clients().compute().getImages().beginCreateOrUpdate(group, name, body));
        return convert(made);
    }

    void deleteImage(String id) {
        ArmNames.checkImageId(id);
        if (ArmNames.isUrn(id)) {
            throw new AltoException(ErrorCode.AUTH_FAILURE, "AuthorizationFailed", "image " + id
                    + " is a marketplace image; only managed images of resource group " + context.group()
                    + " can be deleted");
        }
        ArmNames.ManagedImage ref = ownRef(id);
        get(id);
        context.calls().await("images.delete",
                () -> context.clients().compute().getImages().beginDelete(context.group(), ref.name()));
    }

    void tag(String id, Map<String, String> tags) {
        ImageInner current = ownRaw(id);
        Map<String, String> merged = new LinkedHashMap<>(current.tags() == null ? Map.of() : current.tags());
        AzureTags.check(tags, (int) merged.keySet().stream().filter(k -> !tags.containsKey(k)).count());
        merged.putAll(tags);
        patch(current.name(), merged);
    }

    void untag(String id, Collection<String> keys) {
        ImageInner current = ownRaw(id);
        Map<String, String> merged = new LinkedHashMap<>(current.tags() == null ? Map.of() : current.tags());
        keys.forEach(merged::remove);
        patch(current.name(), merged);
    }

    private void patch(String name, Map<String, String> tags) {
        context.calls().await("images.update", () -> context.clients().compute().getImages()
                .beginUpdate(context.group(), name, new ImageUpdate().withTags(tags)));
    }

    private ImageInner ownRaw(String id) {
        ArmNames.checkImageId(id);
        if (ArmNames.isUrn(id)) {
            throw new AltoException(ErrorCode.AUTH_FAILURE, "AuthorizationFailed", "image " + id
                    + " is a marketplace image and cannot be tagged");
        }
        ArmNames.ManagedImage ref = ownRef(id);
        return context.calls().call("images.get",
                () -> context.clients().compute().getImages().getByResourceGroup(context.group(), ref.name()));
    }

    private ArmNames.ManagedImage ownRef(String id) {
        ArmNames.ManagedImage ref = ArmNames.managedImage(id);
        if (!ref.subscription().equalsIgnoreCase(context.subscription())
                || !ref.group().equalsIgnoreCase(context.group())) {
            throw notFound(id);
        }
        return ref;
    }

    List<Image> publicImages() {
        try {
            return context.catalog().images(context.location());
        } catch (AltoException e) {
            return List.of();
        }
    }

    private List<Image> ownImages() {
        List<ImageInner> list = context.calls().call("images.listByResourceGroup", () -> {
            try {
                return context.clients().compute().getImages().listByResourceGroup(context.group()).stream()
                        .toList();
            } catch (com.azure.core.management.exception.ManagementException e) {
                // A group not made yet has no images.
                if (e.getResponse() != null && e.getResponse().getStatusCode() == 404) {
                    return List.<ImageInner>of();
                }
                throw e;
            }
        });
        return list.stream().map(this::convert).toList();
    }

    private Image convert(ImageInner image) {
        Map<String, String> tags = new LinkedHashMap<>();
        Map<String, String> hidden = new LinkedHashMap<>();
        if (image.tags() != null) {
            image.tags().forEach((k, v) -> (k.startsWith(HIDDEN) ? hidden : tags).put(k, v));
        }
        String state = switch (image.provisioningState() == null ? "" : image.provisioningState()) {
            case "Succeeded", "" -> Image.AVAILABLE;
            case "Failed" -> "failed";
            case "Deleting" -> "deregistered";
            default -> Image.PENDING;
        };
        Architecture arch = "arm64".equals(hidden.get(HIDDEN + "arch")) ? Architecture.ARM64 : Architecture.X86_64;
        Integer size = image.storageProfile() == null || image.storageProfile().osDisk() == null ? null
                : image.storageProfile().osDisk().diskSizeGB();
        return new Image(ArmNames.managedImageId(context.subscription(), context.group(), image.name()), image.name(),
                hidden.get(HIDDEN + "description"), context.subscription(), null, hidden.get(HIDDEN + "distro"),
                hidden.get(HIDDEN + "release"), arch, state, false, "/dev/sda", size == null ? 0 : size, List.of(),
                hidden.get(HIDDEN + "source"), null, tags);
    }

    private Image marketplace(ArmNames.Urn urn) {
        return new Image(urn.id(), urn.offer() + "/" + urn.sku(), null, urn.publisher(), urn.publisher(), null, null,
                urn.sku().contains("arm64") ? Architecture.ARM64 : Architecture.X86_64, Image.AVAILABLE, true,
                "/dev/sda", 30, List.of(), null, null, Map.of());
    }

    private boolean isSelf(String owner) {
        return owner.equals("self") || owner.equalsIgnoreCase(context.subscription());
    }

    private boolean isPublicOwner(String owner) {
        return !isSelf(owner);
    }

    private static boolean ownsPublic(String owner, Image image) {
        String o = owner.toLowerCase(Locale.ROOT);
        return Set.of("azure", "marketplace").contains(o) || o.equalsIgnoreCase(image.ownerId())
                || o.equalsIgnoreCase(image.ownerAlias() == null ? "" : image.ownerAlias());
    }

    private static boolean sameId(String a, String b) {
        return a.equalsIgnoreCase(b);
    }

    private static AltoException notFound(String id) {
        return new AltoException(ErrorCode.NOT_FOUND, "ImageNotFound", "image " + id + " not found");
    }
}
