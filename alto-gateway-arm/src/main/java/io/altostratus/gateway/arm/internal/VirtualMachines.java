package io.altostratus.gateway.arm.internal;

import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInstanceViewInner;
import com.azure.resourcemanager.compute.models.CachingTypes;
import com.azure.resourcemanager.compute.models.DataDisk;
import com.azure.resourcemanager.compute.models.DiskCreateOptionTypes;
import com.azure.resourcemanager.compute.models.LinuxConfiguration;
import com.azure.resourcemanager.compute.models.ManagedDiskParameters;
import com.azure.resourcemanager.compute.models.OSDisk;
import com.azure.resourcemanager.compute.models.OSProfile;
import com.azure.resourcemanager.compute.models.OperatingSystemTypes;
import com.azure.resourcemanager.compute.models.StorageAccountTypes;
import com.azure.resourcemanager.compute.models.StorageProfile;
import com.azure.resourcemanager.compute.models.DeleteOptions;
import com.azure.resourcemanager.compute.models.HyperVGenerationType;
import com.azure.resourcemanager.compute.models.ImageReference;
import com.azure.resourcemanager.compute.models.InstanceViewStatus;
import com.azure.resourcemanager.compute.models.NetworkInterfaceReference;
import com.azure.resourcemanager.compute.models.SshPublicKey;
import com.azure.resourcemanager.compute.models.StatusLevelTypes;
import com.azure.resourcemanager.compute.models.VirtualMachinePriorityTypes;
import com.azure.resourcemanager.compute.models.VirtualMachineSizeTypes;
import com.azure.resourcemanager.compute.models.VirtualMachineEvictionPolicyTypes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.altostratus.core.Cloud;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.ext.KeyPairs;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.model.Tags;
import io.altostratus.core.query.InstanceQuery;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.core.spec.SpotOptions;
import io.altostratus.core.spi.Capability;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Microsoft.Compute/virtualMachines over the backend's instances. The VM name is the ARM identity; the mapping from
 * (group, name) to the backend instance is kept in the store, with the create request (without secrets) that the
 * answers are built from.
 *
 * <p>State mapping from the backend's portable state (documented in the package overview):
 * pending: provisioningState Creating, PowerState/starting; running: Succeeded, PowerState/running; stopping:
 * Updating, PowerState/deallocating after deallocate or PowerState/stopping after powerOff; stopped: Succeeded,
 * PowerState/deallocated or PowerState/stopped (whichever action stopped it); suspended: Succeeded,
 * PowerState/stopped; terminating (and a VM being deleted): Deleting, PowerState/deallocating; error: Failed,
 * PowerState/unknown; terminated or gone: 404.
 */
public final class VirtualMachines {
    public static final String TYPE = "virtualMachines";
    private static final String FULL_TYPE = Ids.COMPUTE + "/" + TYPE;

    private final Kept kept;
    private final Sessions sessions;
    private final Operations operations;
    private final Images images;
    private final NetworkResources network;
    private final Disks disks;
    private final NsgBackend nsgs;
    private final Clock clock;
    private final int pageSize;
    private final Object[] stripes = new Object[64];

    public VirtualMachines(Kept kept, Sessions sessions, Operations operations, Images images,
                           NetworkResources network, Disks disks, NsgBackend nsgs, Clock clock, int pageSize) {
        this.nsgs = nsgs;
        this.kept = kept;
        this.sessions = sessions;
        this.operations = operations;
        this.images = images;
        this.network = network;
        this.disks = disks;
        this.clock = clock;
        this.pageSize = pageSize;
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Object();
        }
    }

    // ---- reads ------------------------------------------------------------------------------------------------

    public Reply get(ArmRequest req, String group, String name) {
        Kept.Vm vm = require(req, group, name);
        Instance instance = instanceOrGone(req.subscription(), vm);
        return Reply.ok(render(req.subscription(), group, vm, instance, req.expandsInstanceView()));
    }

    public Reply instanceView(ArmRequest req, String group, String name) {
        Kept.Vm vm = require(req, group, name);
        Instance instance = instanceOrGone(req.subscription(), vm);
        return Reply.ok(Json.tree(instanceView(vm, instance)));
    }

    /**
     * The VMs of a group (or the subscription when {@code group} is null), a page at a time; the backend is asked
     * once per region for all of them, so power states come with the list and never cost a call per VM.
     */
    public Reply list(ArmRequest req, String group) {
        if (group != null) {
            kept.group(req.subscription(), group).orElseThrow(() -> ArmException.groupNotFound(group));
        }
        return list(req, group, null);
    }

    /** {@code locations/{l}/virtualMachines}: the subscription's VMs in one location. */
    public Reply listByLocation(ArmRequest req, String location) {
        return list(req, null, sessions.region(req.subscription(), location));
    }

    private Reply list(ArmRequest req, String group, String region) {
        List<Kept.Vm> vms = new ArrayList<>();
        for (Kept.Vm vm : kept.vms(req.subscription())) {
            if ((group == null || Ids.same(vm.group(), group)) && (region == null || region.equals(vm.region()))) {
                vms.add(vm);
            }
        }
        int start = 0;
        String token = req.param("$skiptoken");
        if (token != null) {
            try {
                start = Integer.parseInt(token);
            } catch (NumberFormatException e) {
                throw ArmException.invalid("The $skiptoken '" + token + "' is invalid.");
            }
        }
        Map<String, Instance> instances = backendInstances(req.subscription(), vms);
        ArrayNode value = Json.MAPPER.createArrayNode();
        int index = 0;
        int next = -1;
        for (Kept.Vm vm : vms) {
            Instance instance = instances.get(vm.instanceId());
            if (instance == null || instance.state() == InstanceState.TERMINATED) {
                if (vm.deleting()) {
                    kept.deleteVm(req.subscription(), vm.group(), vm.name());
                }
                continue;
            }
            if (index >= start) {
                if (value.size() == pageSize) {
                    next = index;
                    break;
                }
                value.add(render(req.subscription(), group != null ? group : vm.group(), vm, instance,
                        req.expandsInstanceView()));
            }
            index++;
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.set("value", value);
        if (next >= 0) {
            StringBuilder link = new StringBuilder(req.baseUrl()).append(req.subscriptionId());
            for (String segment : req.path()) {
                link.append('/').append(segment);
            }
            link.append("?api-version=").append(req.apiVersion());
            if (req.param("$expand") != null) {
                link.append("&%24expand=").append(req.param("$expand"));
            }
            if (req.param("statusOnly") != null) {
                link.append("&statusOnly=").append(req.param("statusOnly"));
            }
            link.append("&%24skiptoken=").append(next);
            body.put("nextLink", link.toString());
        }
        return Reply.ok(body);
    }

    private Map<String, Instance> backendInstances(String subscription, List<Kept.Vm> vms) {
        Map<String, Instance> out = new HashMap<>();
        Set<String> regions = new HashSet<>();
        for (Kept.Vm vm : vms) {
            regions.add(vm.region());
        }
        for (String region : regions) {
            for (Instance i : sessions.cloud(subscription, region).instances(InstanceQuery.all())) {
                out.put(i.id(), i);
            }
        }
        return out;
    }

    // ---- create and update ------------------------------------------------------------------------------------

    /**
     * PUT: create or update. Calls for the same VM name are taken one at a time (a lock stripe per name), so two
     * PUTs racing for a new name make one VM and an update, not two instances.
     */
    public Reply put(ArmRequest req, String group, String name) {
        Object stripe = stripes[Math.floorMod(Kept.key(req.subscription(), group, name).hashCode(), stripes.length)];
        synchronized (stripe) {
            return putLocked(req, group, name);
        }
    }

    private Reply putLocked(ArmRequest req, String group, String name) {
        Kept.Group g = kept.group(req.subscription(), group).orElseThrow(() -> ArmException.groupNotFound(group));
        VirtualMachineInner model = Json.parse(req.body(), VirtualMachineInner::fromJson);
        var existing = kept.vm(req.subscription(), group, name);
        if (existing.isPresent() && !existing.get().deleting()) {
            return update(req, group, existing.get(), model, false);
        }
        String region = sessions.region(req.subscription(), model.location());
        if (model.hardwareProfile() == null || model.hardwareProfile().vmSize() == null) {
            throw ArmException.invalid("Required parameter 'hardwareProfile.vmSize' is missing (null).");
        }
        String vmId = UUID.randomUUID().toString();
        Cloud cloud = sessions.cloud(req.subscription(), region);
        String id = Ids.resource(req.subscription(), group, Ids.COMPUTE, TYPE, name);
        // The backend instance is named after the VM (its Name tag), unless the caller's tags set a Name of their own.
        String backendName = model.tags() != null && model.tags().containsKey(Tags.NAME)
                ? model.tags().get(Tags.NAME) : name;
        LaunchSpec.Builder spec = LaunchSpec.builder().name(backendName)
                .instanceType(model.hardwareProfile().vmSize().toString())
                .image(imageOf(req.subscription(), region, model))
                .tags(model.tags() == null ? Map.of() : model.tags());
        if (model.storageProfile().osDisk() != null && model.storageProfile().osDisk().diskSizeGB() != null) {
            spec.rootVolumeSizeGiB(model.storageProfile().osDisk().diskSizeGB());
        }
        boolean zonal = model.zones() != null && !model.zones().isEmpty();
        String zone = zonal ? sessions.backendZone(req.subscription(), region, model.zones().get(0)) : null;
        if (zonal) {
            spec.zone(zone);
        }
        if (model.osProfile() != null) {
            String customData = model.osProfile().customData();
            if (customData != null && !customData.isEmpty()) {
                try {
                    spec.userData(new String(Base64.getDecoder().decode(customData), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw ArmException.invalid("Custom data in OSProfile must be in Base64 encoding and with a "
                            + "maximum length of 87380 characters.");
                }
            }
        }
        if (model.priority() == VirtualMachinePriorityTypes.SPOT
                || model.priority() == VirtualMachinePriorityTypes.LOW) {
            Double max = model.billingProfile() == null ? null : model.billingProfile().maxPrice();
            spec.spot(new SpotOptions(max == null || max < 0 ? null : max,
                    model.evictionPolicy() == VirtualMachineEvictionPolicyTypes.DEALLOCATE));
        }
        List<NetworkResources.Attachment> nics = network.attachmentsFor(req, model, id, region);
        if (!nics.isEmpty()) {
            NetworkResources.Attachment primary = nics.get(0);
            String subnet = primary.subnetFor(zone);
            if (subnet != null) {
                spec.subnetId(subnet);
            }
            List<String> groups = nsgs.groupsFor(req.subscription(), region, primary.backendNetworkId(),
                    primary.nsgIds());
            if (!groups.isEmpty()) {
                spec.securityGroupIds(groups);
            }
        }
        // The key is imported last, once everything else is known good, and removed again if the launch fails.
        String keyName = model.osProfile() == null || firstSshKey(model) == null ? null
                : importKey(cloud, vmId, firstSshKey(model), name);
        spec.keyName(keyName);
        Instance instance;
        try {
            instance = cloud.launch(spec.build()).get(0);
        } catch (AltoException | IllegalArgumentException e) {
            if (keyName != null) {
                cloud.extension(KeyPairs.class).ifPresent(keys -> deleteKeyQuietly(keys, keyName));
            }
            if (e instanceof AltoException alto) {
                throw alto.code() == ErrorCode.QUOTA_EXCEEDED ? ArmException.coresQuota(region, alto)
                        : ArmException.from(alto, zonal);
            }
            throw ArmException.invalid(e.getMessage());
        }
        model.withLocation(region);
        withAzureDefaults(model, name, vmId);
        disks.keepOsDisk(req.subscription(), g.name(), region, model, name, instance);
        Kept.Vm vm = new Kept.Vm(g.name(), name, region, region,
                instance.id(), vmId, storedBody(model), null, false,
                OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).toString());
        kept.putVm(req.subscription(), vm);
        network.attach(req.subscription(), nics, group, name);
        Kept.Operation op = operations.start(req.subscription(), Ids.COMPUTE, region, "create",
                List.of(instance.id()));
        Reply reply = Reply.of(201, render(req.subscription(), group, vm, instance, false));
        return operations.accepted(reply, req, op, false);
    }

    /** PATCH: an update of what the body names (tags, size, data disks); the rest stays. */
    public Reply patch(ArmRequest req, String group, String name) {
        Kept.Vm vm = require(req, group, name);
        return update(req, group, vm, Json.parse(req.body(), VirtualMachineInner::fromJson), true);
    }

    /**
     * A PUT of an existing VM (ARM's PUT is idempotent: it updates), or a PATCH ({@code partial}: absent tags are
     * kept, where a PUT without tags clears them).
     */
    private Reply update(ArmRequest req, String group, Kept.Vm vm, VirtualMachineInner model, boolean partial) {
        Instance instance = instanceOrGone(req.subscription(), vm);
        if (model.hardwareProfile() != null && model.hardwareProfile().vmSize() != null
                && !model.hardwareProfile().vmSize().toString().equalsIgnoreCase(instance.instanceType())) {
            throw new ArmException(409, "OperationNotAllowed", "Changing property 'hardwareProfile.vmSize' of VM '"
                    + vm.name() + "' from '" + instance.instanceType() + "' to '" + model.hardwareProfile().vmSize()
                    + "' is not allowed by this endpoint: its backend cannot resize an instance.");
        }
        Map<String, String> current = shownTags(vm, instance);
        Map<String, String> tags = model.tags() != null ? model.tags() : partial ? current : Map.of();
        List<String> removed = new ArrayList<>();
        for (String key : instance.tags().keySet()) {
            if (!tags.containsKey(key) && !key.equals(Tags.NAME)) {
                removed.add(key);
            }
        }
        Map<String, String> toSet = new LinkedHashMap<>(tags);
        if (!tags.containsKey(Tags.NAME) && current.containsKey(Tags.NAME)) {
            // The caller's own Name goes; the backend instance is named after the VM again.
            toSet.put(Tags.NAME, vm.name());
        }
        Cloud cloud = sessions.cloud(req.subscription(), vm.region());
        try {
            if (!toSet.isEmpty()) {
                cloud.tag(vm.instanceId(), toSet);
            }
            if (!removed.isEmpty()) {
                cloud.untag(vm.instanceId(), removed);
            }
        } catch (AltoException e) {
            throw ArmException.from(e, false);
        }
        VirtualMachineInner stored = Json.parse(vm.body(), VirtualMachineInner::fromJson);
        stored.withTags(tags);
        if (model.storageProfile() != null && model.storageProfile().dataDisks() != null) {
            syncDataDisks(req.subscription(), cloud, vm, model.storageProfile().dataDisks());
            stored.storageProfile().withDataDisks(model.storageProfile().dataDisks());
        }
        Kept.Vm updated = vm.withBody(storedBody(stored));
        kept.putVm(req.subscription(), updated);
        return Reply.ok(render(req.subscription(), group, updated, cloud.instance(vm.instanceId()), false));
    }

    /**
     * Attaches the managed disks an update lists (createOption Attach, by {@code managedDisk.id}) and detaches
     * those it no longer lists, over the backend's volumes. The device is derived from the LUN.
     */
    private void syncDataDisks(String subscription, Cloud cloud, Kept.Vm vm, List<DataDisk> wanted) {
        var volumes = cloud.extension(io.altostratus.core.ext.Volumes.class);
        if (volumes.isEmpty()) {
            if (!wanted.isEmpty()) {
                throw new ArmException(400, "OperationNotAllowed", "This endpoint's backend has no disks.");
            }
            return;
        }
        Map<String, DataDisk> byVolume = new LinkedHashMap<>();
        for (DataDisk disk : wanted) {
            if (disk.managedDisk() == null || disk.managedDisk().id() == null) {
                throw ArmException.invalid("This endpoint attaches existing managed disks only: "
                        + "'managedDisk.id' is required on data disk " + disk.lun() + ".");
            }
            byVolume.put(disks.volumeOf(subscription, disk.managedDisk().id()), disk);
        }
        // Only volumes that are ARM data disks are the VM's data disks: its root volume is its OS disk.
        java.util.Set<String> armDisks = new HashSet<>();
        for (Kept.Resource r : kept.resources(subscription)) {
            if (r.type().equals(Disks.DISKS) && !Disks.isOsDisk(r)) {
                armDisks.add(r.backend().get("volume"));
            }
        }
        try {
            for (io.altostratus.core.model.Volume v : volumes.get().volumes()) {
                if (!armDisks.contains(v.id())) {
                    continue;
                }
                boolean attachedHere = v.attachment() != null && vm.instanceId().equals(v.attachment().instanceId());
                if (attachedHere && !byVolume.containsKey(v.id())) {
                    volumes.get().detachVolume(v.id(), false);
                } else if (attachedHere) {
                    byVolume.remove(v.id());
                }
            }
            for (Map.Entry<String, DataDisk> e : byVolume.entrySet()) {
                volumes.get().attachVolume(e.getKey(), vm.instanceId(), "/dev/sd" + (char) ('f' + e.getValue().lun()));
            }
        } catch (AltoException e) {
            throw ArmException.from(e, false);
        }
    }

    private String imageOf(String subscription, String region, VirtualMachineInner model) {
        ImageReference ref = model.storageProfile() == null ? null : model.storageProfile().imageReference();
        if (ref == null) {
            throw ArmException.invalid("Required parameter 'storageProfile.imageReference' is missing (null): this "
                    + "endpoint creates VMs from images only.");
        }
        if (ref.id() != null) {
            return ManagedImages.backendImageId(kept, subscription, ref.id());
        }
        return launchable(images.resolve(subscription, region, ref.publisher(), ref.offer(), ref.sku(),
                ref.version()).image());
    }

    /**
     * How to name an image in a launch. The core reads any image reference with a colon as an alias
     * ({@code distro:release}), so a marketplace URN cannot be passed as an id: such an image is named by its
     * alias with its architecture, which resolves to the newest image of that distribution, release and
     * architecture (the URN's image in the shipped catalog, which has one build of each).
     */
    private static String launchable(io.altostratus.core.model.Image image) {
        try {
            if (!io.altostratus.core.query.ImageRef.parse(image.id()).isAlias()) {
                return image.id();
            }
        } catch (IllegalArgumentException e) {
            // a URN: named by its alias below
        }
        if (image.distro() == null || image.release() == null || image.architecture() == null) {
            throw ArmException.invalid("The image '" + image.id() + "' cannot be launched by this endpoint's "
                    + "backend: it has no distribution and release to name it by.");
        }
        return image.distro() + ":" + image.release() + "/" + image.architecture().debianName();
    }

    private static String firstSshKey(VirtualMachineInner model) {
        var linux = model.osProfile().linuxConfiguration();
        if (linux == null || linux.ssh() == null || linux.ssh().publicKeys() == null) {
            return null;
        }
        for (SshPublicKey key : linux.ssh().publicKeys()) {
            if (key.keyData() != null && !key.keyData().isBlank()) {
                return key.keyData().strip();
            }
        }
        return null;
    }

    /** Imports the VM's SSH key where the backend keeps keys; a backend without key pairs gets none. */
    private static String importKey(Cloud cloud, String vmId, String key, String vmName) {
        var keys = cloud.extension(KeyPairs.class);
        if (keys.isEmpty()) {
            return null;
        }
        try {
            return keys.get().importKeyPair("arm-" + vmId, key, Map.of("arm-vm", vmName)).name();
        } catch (AltoException e) {
            throw ArmException.from(e, false);
        }
    }

    /**
     * Fills what Azure fills in a created VM's profile when the request leaves it out: the OS disk's name, type,
     * caching and storage type, an empty data disk list, and the OS profile's defaults.
     */
    private static void withAzureDefaults(VirtualMachineInner model, String name, String vmId) {
        StorageProfile storage = model.storageProfile();
        OSDisk os = storage.osDisk() != null ? storage.osDisk()
                : new OSDisk().withCreateOption(DiskCreateOptionTypes.FROM_IMAGE);
        storage.withOsDisk(os);
        if (os.osType() == null) {
            os.withOsType(OperatingSystemTypes.LINUX);
        }
        if (os.name() == null) {
            os.withName(name + "_OsDisk_1_" + vmId.replace("-", ""));
        }
        if (os.caching() == null) {
            os.withCaching(CachingTypes.READ_WRITE);
        }
        if (os.managedDisk() == null) {
            os.withManagedDisk(new ManagedDiskParameters().withStorageAccountType(StorageAccountTypes.STANDARD_LRS));
        }
        if (storage.dataDisks() == null) {
            storage.withDataDisks(List.of());
        }
        if (model.osProfile() != null) {
            OSProfile profile = model.osProfile();
            if (profile.computerName() == null) {
                profile.withComputerName(name);
            }
            if (profile.secrets() == null) {
                profile.withSecrets(List.of());
            }
            if (profile.allowExtensionOperations() == null) {
                profile.withAllowExtensionOperations(true);
            }
            if (profile.requireGuestProvisionSignal() == null) {
                profile.withRequireGuestProvisionSignal(true);
            }
            LinuxConfiguration linux = profile.linuxConfiguration() != null ? profile.linuxConfiguration()
                    : new LinuxConfiguration().withDisablePasswordAuthentication(false);
            profile.withLinuxConfiguration(linux);
            if (linux.provisionVMAgent() == null) {
                linux.withProvisionVMAgent(true);
            }
        }
    }

    private static void deleteKeyQuietly(KeyPairs keys, String keyName) {
        try {
            keys.deleteKeyPair(keyName);
        } catch (AltoException e) {
            // Best effort: the launch's own error is the one to report.
        }
    }

    /** The request as kept: the model's normal form without the secrets ARM never returns. */
    private static String storedBody(VirtualMachineInner model) {
        ObjectNode tree = Json.tree(model);
        JsonNode os = Json.properties(tree).get("osProfile");
        if (os instanceof ObjectNode osProfile) {
            osProfile.remove("customData");
            osProfile.remove("adminPassword");
        }
        return tree.toString();
    }

    // ---- actions ----------------------------------------------------------------------------------------------

    /** POST start, deallocate, powerOff, restart: 202 with the async-operation and Location headers. */
    public Reply action(ArmRequest req, String group, String name, String action) {
        Kept.Vm vm = require(req, group, name);
        Instance instance = instanceOrGone(req.subscription(), vm);
        Cloud cloud = sessions.cloud(req.subscription(), vm.region());
        List<String> ids = List.of(vm.instanceId());
        String kind;
        try {
            switch (action) {
                case "start" -> {
                    kind = "start";
                    if (instance.state() != InstanceState.RUNNING && instance.state() != InstanceState.PENDING) {
                        cloud.start(ids);
                    }
                }
                case "deallocate", "poweroff" -> {
                    kind = action.equals("deallocate") ? "deallocate" : "powerOff";
                    boolean force = kind.equals("powerOff") && "true".equalsIgnoreCase(req.param("skipShutdown"))
                            && cloud.supports(Capability.FORCE_STOP);
                    kept.putVm(req.subscription(), vm.withStoppedBy(kind));
                    if (instance.state() != InstanceState.STOPPED) {
                        cloud.stop(ids, force);
                    }
                }
                case "generalize" -> {
                    // Generalizing marks the VM as a source for images; the backend needs nothing, ARM answers 200.
                    if (instance.state() != InstanceState.STOPPED) {
                        throw new ArmException(409, "OperationNotAllowed", "Operation 'generalize' is not allowed on"
                                + " VM '" + name + "' since the VM is running. Please stop or deallocate it first.");
                    }
                    return Reply.empty(200);
                }
                case "restart" -> {
                    kind = "restart";
                    if (instance.state() != InstanceState.RUNNING) {
                        throw new ArmException(409, "OperationNotAllowed", "Operation 'restart' is not allowed on VM '"
                                + name + "' since the VM is " + powerState(vm, instance).substring(11) + ".");
                    }
                    cloud.reboot(ids);
                }
                default -> throw ArmException.pathNotFound(action);
            }
        } catch (AltoException e) {
            throw ArmException.from(e, false);
        }
        Kept.Operation op = operations.start(req.subscription(), Ids.COMPUTE, vm.region(), kind, ids);
        return operations.accepted(Reply.empty(202), req, op, true);
    }

    /**
     * DELETE: terminates the instance; the NICs, public IPs and disks stay unless the VM's profile set their
     * {@code deleteOption} to Delete (as Azure does). 202 with the operation, 204 when there is no such VM.
     */
    public Reply delete(ArmRequest req, String group, String name) {
        kept.group(req.subscription(), group).orElseThrow(() -> ArmException.groupNotFound(group));
        var found = kept.vm(req.subscription(), group, name);
        if (found.isEmpty()) {
            return Reply.empty(204);
        }
        Kept.Vm vm = found.get();
        Kept.Operation op = terminate(req.subscription(), vm);
        return operations.accepted(Reply.empty(202), req, op, true);
    }

    /** Terminates a VM's instance, releases or deletes what it used, and returns the operation that watches it. */
    Kept.Operation terminate(String subscription, Kept.Vm vm) {
        Cloud cloud = sessions.cloud(subscription, vm.region());
        try {
            cloud.terminate(List.of(vm.instanceId()));
        } catch (AltoException e) {
            if (e.code() != ErrorCode.NOT_FOUND) {
                throw ArmException.from(e, false);
            }
        }
        kept.putVm(subscription, vm.markedDeleting());
        // The key pair imported for this VM's SSH key goes with it (a backend without key pairs has none).
        cloud.extension(KeyPairs.class).ifPresent(keys -> deleteKeyQuietly(keys, "arm-" + vm.vmId()));
        VirtualMachineInner model = Json.parse(vm.body(), VirtualMachineInner::fromJson);
        List<String> deleteNics = new ArrayList<>();
        List<String> keepNics = new ArrayList<>();
        if (model.networkProfile() != null && model.networkProfile().networkInterfaces() != null) {
            for (NetworkInterfaceReference ref : model.networkProfile().networkInterfaces()) {
                (ref.deleteOption() == DeleteOptions.DELETE ? deleteNics : keepNics).add(ref.id());
            }
        }
        network.release(subscription, vm.group(), vm.name(), deleteNics, keepNics);
        return operations.start(subscription, Ids.COMPUTE, vm.region(), "delete", List.of(vm.instanceId()));
    }

    // ---- views ------------------------------------------------------------------------------------------------

    Kept.Vm require(ArmRequest req, String group, String name) {
        kept.group(req.subscription(), group).orElseThrow(() -> ArmException.groupNotFound(group));
        return kept.vm(req.subscription(), group, name)
                .orElseThrow(() -> ArmException.resourceNotFound(FULL_TYPE, name, group));
    }

    /** The backend instance, or 404 (forgetting the VM) when it is terminated or gone. */
    Instance instanceOrGone(String subscription, Kept.Vm vm) {
        Instance instance;
        try {
            instance = sessions.cloud(subscription, vm.region()).instance(vm.instanceId());
        } catch (AltoException e) {
            if (e.code() != ErrorCode.NOT_FOUND) {
                throw ArmException.from(e, false);
            }
            instance = null;
        }
        if (instance == null || instance.state() == InstanceState.TERMINATED) {
            kept.deleteVm(subscription, vm.group(), vm.name());
            throw ArmException.resourceNotFound(FULL_TYPE, vm.name(), vm.group());
        }
        return instance;
    }

    /** The backend instance of a VM for other resources' views (a NIC's private IP), or null. */
    Instance instanceQuietly(String subscription, Kept.Vm vm) {
        try {
            Instance instance = sessions.cloud(subscription, vm.region()).instance(vm.instanceId());
            return instance.state() == InstanceState.TERMINATED ? null : instance;
        } catch (AltoException e) {
            return null;
        }
    }

    ObjectNode render(String subscription, String group, Kept.Vm vm, Instance instance, boolean expand) {
        VirtualMachineInner model = Json.parse(vm.body(), VirtualMachineInner::fromJson);
        if (model.hardwareProfile() != null && instance.instanceType() != null) {
            model.hardwareProfile().withVmSize(VirtualMachineSizeTypes.fromString(instance.instanceType()));
        }
        if (instance.zone() != null && model.zones() != null && !model.zones().isEmpty()) {
            model.withZones(List.of(Sessions.zoneNumber(vm.region(), instance.zone(),
                    sessions.zones(subscription, vm.region()))));
        }
        model.withTags(shownTags(vm, instance));
        ObjectNode out = Json.identify(Json.tree(model), Ids.resource(subscription, group, Ids.COMPUTE, TYPE,
                vm.name()), vm.name(), FULL_TYPE);
        ObjectNode props = Json.properties(out);
        props.put("vmId", vm.vmId());
        props.put("provisioningState", provisioningState(vm, instance));
        props.put("timeCreated", vm.timeCreated());
        JsonNode storage = props.get("storageProfile");
        if (storage instanceof ObjectNode storageProfile
                && storageProfile.get("imageReference") instanceof ObjectNode imageReference
                && imageReference.has("publisher") && instance.imageId() != null) {
            imageReference.put("exactVersion", exactVersion(subscription, vm, instance));
        }
        if (expand) {
            props.set("instanceView", Json.tree(instanceView(vm, instance)));
        }
        return out;
    }

    /**
     * The VM's tags: the backend instance's, without the {@code Name} tag the front gives it (the VM's name) unless
     * the caller's own tags carry a Name, which ARM then returns as sent.
     */
    private static Map<String, String> shownTags(Kept.Vm vm, Instance instance) {
        Map<String, String> tags = new LinkedHashMap<>(instance.tags());
        if (!Json.readTree(vm.body()).path("tags").has(Tags.NAME)) {
            tags.remove(Tags.NAME);
        }
        return tags;
    }

    private String exactVersion(String subscription, Kept.Vm vm, Instance instance) {
        for (Images.Marketplace m : images.marketplace(subscription, vm.region())) {
            if (m.image().id().equals(instance.imageId())) {
                return m.version();
            }
        }
        return instance.imageId();
    }

    VirtualMachineInstanceViewInner instanceView(Kept.Vm vm, Instance instance) {
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        String provisioning = provisioningState(vm, instance);
        InstanceViewStatus prov = new InstanceViewStatus()
                .withCode("ProvisioningState/" + provisioning.toLowerCase(java.util.Locale.ROOT))
                .withLevel(provisioning.equals("Failed") ? StatusLevelTypes.ERROR : StatusLevelTypes.INFO)
                .withDisplayStatus(provisioning.equals("Succeeded") ? "Provisioning succeeded"
                        : provisioning.equals("Failed") ? "Provisioning failed" : provisioning)
                .withTime(now);
        String power = powerState(vm, instance);
        InstanceViewStatus powerStatus = new InstanceViewStatus().withCode(power).withLevel(StatusLevelTypes.INFO)
                .withDisplayStatus("VM " + power.substring("PowerState/".length()));
        return new VirtualMachineInstanceViewInner().withComputerName(computerName(vm))
                .withHyperVGeneration(HyperVGenerationType.V2).withStatuses(List.of(prov, powerStatus));
    }

    private static String computerName(Kept.Vm vm) {
        JsonNode name = Json.readTree(vm.body()).path("properties").path("osProfile").path("computerName");
        return name.isTextual() ? name.asText() : vm.name();
    }

    /** ARM's provisioningState for the backend's state. */
    static String provisioningState(Kept.Vm vm, Instance instance) {
        if (vm.deleting()) {
            return "Deleting";
        }
        return switch (instance.state()) {
            case PENDING -> "Creating";
            case STOPPING -> "Updating";
            case TERMINATING, TERMINATED -> "Deleting";
            case ERROR -> "Failed";
            default -> "Succeeded";
        };
    }

    /** ARM's PowerState status code for the backend's state and the action that last stopped the VM. */
    static String powerState(Kept.Vm vm, Instance instance) {
        boolean deallocated = !"powerOff".equals(vm.stoppedBy());
        return "PowerState/" + switch (instance.state()) {
            case PENDING -> "starting";
            case RUNNING -> "running";
            case STOPPING -> deallocated ? "deallocating" : "stopping";
            case STOPPED -> deallocated ? "deallocated" : "stopped";
            case SUSPENDED -> "stopped";
            case TERMINATING, TERMINATED -> "deallocating";
            case ERROR -> "unknown";
        };
    }
}
