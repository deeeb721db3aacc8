package io.altostratus.azure;

import io.altostratus.core.spi.Fan;
import com.azure.resourcemanager.compute.fluent.models.SshPublicKeyResourceInner;
import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInner;
import com.azure.resourcemanager.compute.models.BillingProfile;
import com.azure.resourcemanager.compute.models.DeleteOptions;
import com.azure.resourcemanager.compute.models.DiskCreateOptionTypes;
import com.azure.resourcemanager.compute.models.DiskDeleteOptionTypes;
import com.azure.resourcemanager.compute.models.HardwareProfile;
import com.azure.resourcemanager.compute.models.ImageReference;
import com.azure.resourcemanager.compute.models.LinuxConfiguration;
import com.azure.resourcemanager.compute.models.ManagedDiskParameters;
import com.azure.resourcemanager.compute.models.NetworkInterfaceReference;
import com.azure.resourcemanager.compute.models.NetworkProfile;
import com.azure.resourcemanager.compute.models.OSDisk;
import com.azure.resourcemanager.compute.models.OSProfile;
import com.azure.resourcemanager.compute.models.SshConfiguration;
import com.azure.resourcemanager.compute.models.SshPublicKey;
import com.azure.resourcemanager.compute.models.StorageAccountTypes;
import com.azure.resourcemanager.compute.models.StorageProfile;
import com.azure.resourcemanager.compute.models.VirtualMachineEvictionPolicyTypes;
import com.azure.resourcemanager.compute.models.VirtualMachinePriorityTypes;
import com.azure.resourcemanager.compute.models.VirtualMachineSizeTypes;
import com.azure.resourcemanager.network.fluent.models.NetworkInterfaceInner;
import com.azure.resourcemanager.network.fluent.models.NetworkInterfaceIpConfigurationInner;
import com.azure.resourcemanager.network.fluent.models.NetworkSecurityGroupInner;
import com.azure.resourcemanager.network.fluent.models.PublicIpAddressInner;
import com.azure.resourcemanager.network.fluent.models.SecurityRuleInner;
import com.azure.resourcemanager.network.fluent.models.SubnetInner;
import com.azure.resourcemanager.network.fluent.models.VirtualNetworkInner;
import com.azure.resourcemanager.network.models.AddressSpace;
import com.azure.resourcemanager.network.models.IpAllocationMethod;
import com.azure.resourcemanager.network.models.PublicIpAddressSku;
import com.azure.resourcemanager.network.models.PublicIpAddressSkuName;
import com.azure.resourcemanager.network.models.SecurityRuleAccess;
import com.azure.resourcemanager.network.models.SecurityRuleDirection;
import com.azure.resourcemanager.network.models.SecurityRuleProtocol;
import com.azure.resourcemanager.resources.fluent.models.ResourceGroupInner;
import io.altostratus.azure.internal.ArmNames;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.error.PartialLaunchException;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.model.Tags;
import io.altostratus.core.query.ImageRef;
import io.altostratus.core.query.TypeQuery;
import io.altostratus.core.spec.LaunchSpec;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Launching: per VM, in parallel (bounded by {@code parallelism}), a public IP (when {@code public_ip}), a NIC, then
 * the VM, each PUT waited on until its operation ends. Once per session before the first launch: the resource group
 * (made if missing, tagged {@code alto:managed=true} so {@code alto gc} finds it), the virtual network
 * {@code alto-vnet} 10.0.0.0/16 with subnet {@code default} 10.0.0.0/24 (unless the launch names a subnet) and the
 * network security group {@code alto-default-nsg} allowing SSH in (unless the launch names one).
 *
 * <p>Zone: the launch's ({@code eastus-1} is zone 1), else the VMs are spread over the location's zones that offer
 * the size, in turn.
 *
 * <p>The VM gets: user data as {@code customData} (base64; cloud-init reads it), the SSH public key of the launch's
 * key name (an {@code sshPublicKeys} resource of the group), else {@code ssh_public_key}, else a throwaway key nobody
 * holds (Azure refuses a Linux VM without any credential); the zone ({@code eastus-1} is zone 1); spot as priority
 * Spot with eviction Deallocate (persistent) or Delete (one-time) and the max price (-1: up to on-demand); tags,
 * checked against Azure's rules before any call; {@code deleteOption: Delete} on NIC, public IP and OS disk.
 *
 * <p>Names: with count 1 and a {@code Name} tag that is a valid VM name not taken in the group (one GET), that is the
 * VM's name (its id); otherwise {@code <name-or-alto>-<8 hex>}, derived from the client token when there is one.
 * (ARM's PUT on a taken name would update that VM, not make a new one.) A client token is kept as a tag;
 * a launch whose token is already on VMs of the group returns them and makes nothing.
 *
 * <p>Failure: a VM whose IP, NIC or VM PUT fails has what was made for it deleted (VM, NIC, IP, disk) before the
 * failure is reported. A launch that made fewer than {@code minCount} deletes the VMs it made and throws the first
 * failure (saying what it rolled back), or {@link PartialLaunchException} with the VMs it could not delete; one that
 * made at least {@code minCount} returns them.
 */
final class AzureLaunches {
    static final String VNET = "alto-vnet";
    static final String SUBNET = "default";
    static final String NSG = "alto-default-nsg";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final AzureContext context;
    private final AzurePlaces places;
    private final AzureImages images;
    private final AzureInstances instances;
    private volatile boolean groupReady;
    private volatile String defaultSubnet;
    private volatile String defaultNsg;

    AzureLaunches(AzureContext context, AzurePlaces places, AzureImages images, AzureInstances instances) {
        this.context = context;
        this.places = places;
        this.images = images;
        this.instances = instances;
    }

    /** What every VM of one launch shares. */
    private record Plan(String size, ImageReference image, String imageId, String subnetId,
                        String nsgId, String sshKey, Map<String, String> tags, LaunchSpec spec) {
    }

    List<Instance> launch(LaunchSpec spec) {
        refuseWhatAzureLacks(spec);
        Map<String, String> tags = new LinkedHashMap<>(spec.tags());
        AzureTags.check(tags, 4);
        for (String key : tags.keySet()) {
            if (AzureInstances.isOurs(key)) {
                throw AltoException.invalid("InvalidTag", "tag " + key + " is kept by alto itself");
            }
        }
        String zoneNumber = null;
        if (spec.zone() != null) {
            zoneNumber = ArmNames.zoneNumber(context.location(), spec.zone());
            if (zoneNumber == null || !places.zoneNames().contains(spec.zone())) {
                throw AltoException.invalid("InvalidZone", "zone " + spec.zone() + " is not in location "
                        + context.location() + " (zones: " + places.zoneNames() + ")");
            }
        }
        String subnetId = spec.subnetId() == null ? null : subnetId(spec.subnetId());
        String nsgId = spec.securityGroupIds().isEmpty() ? null : nsgId(spec.securityGroupIds().get(0));
        Image image = image(spec);
        String size = size(spec);
        // Without a zone, the VMs of a launch are spread over the zones that offer the size (the first to the first
        // zone, and so on), so a fleet does not pile into one zone: one zone down takes a third, not all of it.
        List<String> zones = zoneNumber != null ? List.of(zoneNumber) : zonesOffering(size);
        if (spec.clientToken() != null) {
            List<Instance> earlier = instances.listAll().stream()
                    .filter(i -> spec.clientToken().equals(i.clientToken())).toList();
            if (!earlier.isEmpty()) {
                return earlier;
            }
        }
        String sshKey = sshKey(spec);
        ensureGroup();
        subnetId = subnetId != null ? subnetId : defaultSubnet();
        nsgId = nsgId != null ? nsgId : defaultNsg();
        tags.put(AzureInstances.IMAGE_TAG, image.id());
        if (spec.name() != null) {
            tags.put(AzureInstances.NAME_TAG, spec.name());
        }
        if (spec.keyName() != null) {
            tags.put(AzureInstances.KEY_TAG, spec.keyName());
        }
        if (spec.clientToken() != null) {
            tags.put(AzureInstances.TOKEN_TAG, spec.clientToken());
        }
        Plan plan = new Plan(size, reference(image.id()), image.id(), subnetId, nsgId, sshKey,
                Map.copyOf(tags), spec);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < spec.count(); i++) {
            names.add(vmName(spec, i));
        }
        if (spec.count() == 1 && names.get(0).equals(spec.name()) && exists(names.get(0))) {
            // ARM's PUT on an existing name updates that VM: a second launch named like a live VM must make a new
            // one, so it gets a generated name (the Name tag still reads back as the name asked for).
            names.set(0, generatedName(spec, 0));
        }
        Map<String, String> zoneOf = new java.util.HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            zoneOf.put(names.get(i), zones.isEmpty() ? null : zones.get(i % zones.size()));
        }
        List<Fan.Outcome<Instance>> outcomes = context.eachInParallel(names,
                name -> createOne(plan, name, zoneOf.get(name)));
        List<Instance> launched = new ArrayList<>();
        AltoException failure = null;
        for (Fan.Outcome<Instance> o : outcomes) {
            if (o.failure() == null) {
                launched.add(o.value());
            } else if (failure == null) {
                failure = o.failure();
            }
        }
        if (failure == null || launched.size() >= spec.minCount()) {
            return List.copyOf(launched);
        }
        List<String> made = launched.stream().map(Instance::id).toList();
        List<String> left = instances.deleteQuietly(made);
        if (!left.isEmpty()) {
            // The rollback could not delete everything: say which VMs still exist, so the caller can clean up.
            throw new PartialLaunchException(spec.count(),
                    launched.stream().filter(i -> left.contains(i.id())).toList(), failure);
        }
        throw new AltoException(failure.code(), failure.providerCode(), failure.getMessage()
                + (made.isEmpty() ? "" : " (rolled back: deleted " + made.size() + " instance(s) " + made + ")"),
                failure);
    }

    /** One VM and its own resources; on failure, what it made is deleted before the failure is rethrown. */
    private Instance createOne(Plan plan, String name, String zoneNumber) {
        String group = context.group();
        try {
            PublicIpAddressInner ip = null;
            if (context.settings().publicIp()) {
                PublicIpAddressInner body = new PublicIpAddressInner()
                        .withSku(new PublicIpAddressSku().withName(PublicIpAddressSkuName.STANDARD))
                        .withPublicIpAllocationMethod(IpAllocationMethod.STATIC)
                        .withDeleteOption(com.azure.resourcemanager.network.models.DeleteOptions.DELETE)
                        .withLocation(context.location())
                        .withTags(Map.of("alto-vm", name));
                if (zoneNumber != null) {
                    body.withZones(List.of(zoneNumber));
                }
                ip = context.calls().await("publicIPAddresses.createOrUpdate", () -> context.clients().network()
                        .getPublicIpAddresses().beginCreateOrUpdate(group, ArmNames.ipName(name), body));
            }
            NetworkInterfaceIpConfigurationInner ipc = new NetworkInterfaceIpConfigurationInner()
                    .withName("ipconfig1")
                    .withPrimary(true)
                    .withPrivateIpAllocationMethod(IpAllocationMethod.DYNAMIC)
                    .withSubnet(new SubnetInner().withId(plan.subnetId()));
            if (ip != null) {
                ipc.withPublicIpAddress(new PublicIpAddressInner().withId(ip.id()));
            }
            NetworkInterfaceInner nicBody = new NetworkInterfaceInner()
                    .withIpConfigurations(List.of(ipc))
                    .withNetworkSecurityGroup(new NetworkSecurityGroupInner().withId(plan.nsgId()))
                    .withLocation(context.location())
                    .withTags(Map.of("alto-vm", name));
            NetworkInterfaceInner nic = context.calls().await("networkInterfaces.createOrUpdate",
                    () -> context.clients().network().getNetworkInterfaces()
                            .beginCreateOrUpdate(group, ArmNames.nicName(name), nicBody));
            VirtualMachineInner vm = vmBody(plan, name, nic.id(), zoneNumber);
            context.calls().await("virtualMachines.createOrUpdate", () -> context.clients().compute()
                    .getVirtualMachines().beginCreateOrUpdate(group, name, vm));
        } catch (AltoException e) {
            try {
                instances.delete(name);
            } catch (AltoException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        context.tombstones().forget(context.subscription() + "/" + group, name);
        return instances.instance(name);
    }

    private VirtualMachineInner vmBody(Plan plan, String name, String nicId, String zoneNumber) {
        LaunchSpec spec = plan.spec();
        String user = context.settings().adminUser();
        OSDisk osDisk = new OSDisk()
                .withName(ArmNames.osDiskName(name))
                .withCreateOption(DiskCreateOptionTypes.FROM_IMAGE)
                .withDeleteOption(DiskDeleteOptionTypes.DELETE)
                .withManagedDisk(new ManagedDiskParameters()
                        .withStorageAccountType(StorageAccountTypes.fromString(context.settings().osDiskType())));
        if (spec.rootVolumeSizeGiB() != null) {
            osDisk.withDiskSizeGB(spec.rootVolumeSizeGiB());
        }
        OSProfile os = new OSProfile()
                .withComputerName(name)
                .withAdminUsername(user)
                .withLinuxConfiguration(new LinuxConfiguration()
                        .withDisablePasswordAuthentication(true)
                        .withSsh(new SshConfiguration().withPublicKeys(List.of(new SshPublicKey()
                                .withPath("/home/" + user + "/.ssh/authorized_keys")
                                .withKeyData(plan.sshKey())))));
        if (spec.userData() != null) {
            os.withCustomData(Base64.getEncoder().encodeToString(spec.userData().getBytes(StandardCharsets.UTF_8)));
        }
        VirtualMachineInner vm = new VirtualMachineInner()
                .withHardwareProfile(new HardwareProfile().withVmSize(VirtualMachineSizeTypes.fromString(plan.size())))
                .withStorageProfile(new StorageProfile().withImageReference(plan.image()).withOsDisk(osDisk))
                .withOsProfile(os)
                .withNetworkProfile(new NetworkProfile().withNetworkInterfaces(List.of(new NetworkInterfaceReference()
                        .withId(nicId).withPrimary(true).withDeleteOption(DeleteOptions.DELETE))));
        vm.withLocation(context.location());
        vm.withTags(plan.tags());
        if (zoneNumber != null) {
            vm.withZones(List.of(zoneNumber));
        }
        if (spec.spot() != null) {
            vm.withPriority(VirtualMachinePriorityTypes.SPOT)
                    .withEvictionPolicy(spec.spot().persistent() ? VirtualMachineEvictionPolicyTypes.DEALLOCATE
                            : VirtualMachineEvictionPolicyTypes.DELETE)
                    .withBillingProfile(new BillingProfile().withMaxPrice(
                            spec.spot().maxPricePerHour() == null ? -1.0 : spec.spot().maxPricePerHour()));
        }
        return vm;
    }

    // ---- what every launch needs once ---------------------------------------------------------------------------

    private synchronized void ensureGroup() {
        if (groupReady) {
            return;
        }
        String group = context.group();
        boolean exists = context.calls().call("resourceGroups.checkExistence",
                () -> context.clients().resources().getResourceGroups().checkExistence(group));
        if (!exists) {
            context.calls().call("resourceGroups.createOrUpdate", () -> context.clients().resources()
                    .getResourceGroups().createOrUpdate(group, new ResourceGroupInner()
                            .withLocation(context.location()).withTags(Map.of("alto:managed", "true"))));
        }
        groupReady = true;
    }

    private synchronized String defaultSubnet() {
        if (defaultSubnet == null) {
            String group = context.group();
            VirtualNetworkInner vnet = getOrNull("virtualNetworks.get",
                    () -> context.clients().network().getVirtualNetworks().getByResourceGroup(group, VNET));
            if (vnet == null) {
                VirtualNetworkInner body = new VirtualNetworkInner()
                        .withAddressSpace(new AddressSpace().withAddressPrefixes(List.of("10.0.0.0/16")))
                        .withSubnets(List.of(new SubnetInner().withName(SUBNET).withAddressPrefix("10.0.0.0/24")))
                        .withLocation(context.location())
                        .withTags(Map.of("alto:managed", "true"));
                vnet = context.calls().await("virtualNetworks.createOrUpdate", () -> context.clients().network()
                        .getVirtualNetworks().beginCreateOrUpdate(group, VNET, body));
            }
            defaultSubnet = vnet.id() + "/subnets/" + SUBNET;
        }
        return defaultSubnet;
    }

    private synchronized String defaultNsg() {
        if (defaultNsg == null) {
            String group = context.group();
            NetworkSecurityGroupInner nsg = getOrNull("networkSecurityGroups.get",
                    () -> context.clients().network().getNetworkSecurityGroups().getByResourceGroup(group, NSG));
            if (nsg == null) {
                NetworkSecurityGroupInner body = new NetworkSecurityGroupInner()
                        .withSecurityRules(List.of(new SecurityRuleInner()
                                .withName("allow-ssh")
                                .withProtocol(SecurityRuleProtocol.TCP)
                                .withSourcePortRange("*")
                                .withDestinationPortRange("22")
                                .withSourceAddressPrefix("*")
                                .withDestinationAddressPrefix("*")
                                .withAccess(SecurityRuleAccess.ALLOW)
                                .withPriority(1000)
                                .withDirection(SecurityRuleDirection.INBOUND)))
                        .withLocation(context.location())
                        .withTags(Map.of("alto:managed", "true"));
                nsg = context.calls().await("networkSecurityGroups.createOrUpdate", () -> context.clients()
                        .network().getNetworkSecurityGroups().beginCreateOrUpdate(group, NSG, body));
            }
            defaultNsg = nsg.id();
        }
        return defaultNsg;
    }

    private <T> T getOrNull(String operation, java.util.function.Supplier<T> call) {
        try {
            return context.calls().call(operation, call);
        } catch (AltoException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                return null;
            }
            throw e;
        }
    }

    // ---- the launch's choices -----------------------------------------------------------------------------------

    private void refuseWhatAzureLacks(LaunchSpec spec) {
        if (spec.metadataOptions() != null) {
            throw AltoException.unsupported("azure", "instance metadata options (EC2's IMDS settings)");
        }
        if (!spec.volumeTags().isEmpty()) {
            throw AltoException.unsupported("azure", "volume tags at launch");
        }
        if (!spec.interfaceTags().isEmpty()) {
            throw AltoException.unsupported("azure", "network-interface tags at launch");
        }
        if (spec.disableApiTermination()) {
            throw AltoException.unsupported("azure", "termination protection at launch (Azure uses resource locks)");
        }
        if (!spec.disks().isEmpty()) {
            throw AltoException.unsupported("azure", "data disks at launch");
        }
        if (spec.securityGroupIds().size() > 1) {
            throw AltoException.unsupported("azure", "more than one security group (a NIC has one NSG)");
        }
    }

    /**
     * The location's zones (by name) that offer the size, as zone numbers; empty where the location has no zones (the
     * VMs are then regional).
     */
    private List<String> zonesOffering(String size) {
        List<String> zones = new ArrayList<>();
        for (Map.Entry<String, java.util.Set<String>> zone : new java.util.TreeMap<>(places.offerings()).entrySet()) {
            if (zone.getValue().stream().anyMatch(size::equalsIgnoreCase)) {
                zones.add(ArmNames.zoneNumber(context.location(), zone.getKey()));
            }
        }
        return zones;
    }

    private Image image(LaunchSpec spec) {
        // A URN has colons, as an alias does: read it as an id first.
        ImageRef ref = ArmNames.isUrn(spec.image().trim()) ? new ImageRef(spec.image().trim(), null, null, null)
                : ImageRef.parse(spec.image());
        Image image = ref.isAlias() ? images.resolveImage(ref) : images.get(ref.id());
        if (!Image.AVAILABLE.equals(image.state())) {
            throw new AltoException(ErrorCode.INVALID_STATE, "ImageNotReady", "image " + image.id() + " is "
                    + image.state());
        }
        return image;
    }

    private static ImageReference reference(String imageId) {
        if (ArmNames.isUrn(imageId)) {
            ArmNames.Urn urn = ArmNames.urn(imageId);
            return new ImageReference().withPublisher(urn.publisher()).withOffer(urn.offer()).withSku(urn.sku())
                    .withVersion(urn.version());
        }
        return new ImageReference().withId(imageId);
    }

    private String size(LaunchSpec spec) {
        List<InstanceType> types = places.instanceTypes();
        if (spec.instanceType() != null && !spec.instanceType().isBlank()) {
            return types.stream().filter(t -> t.name().equalsIgnoreCase(spec.instanceType())).findFirst()
                    .map(InstanceType::name)
                    .orElseThrow(() -> AltoException.invalid("InvalidVmSize", "VM size " + spec.instanceType()
                            + " is not offered in " + context.location()));
        }
        List<InstanceType> fit = new TypeQuery(spec.minVcpus(), spec.minMemoryMiB(), null, spec.architecture(), null)
                .select(types);
        if (fit.isEmpty()) {
            throw AltoException.invalid("InvalidVmSize", "no VM size in " + context.location() + " has "
                    + spec.minVcpus() + " vCPUs and " + spec.minMemoryMiB() + " MiB");
        }
        return fit.get(0).name();
    }

    /** A subnet's ARM id, or {@code <vnet>/<subnet>} of the session's group. */
    private String subnetId(String given) {
        if (given.startsWith("/subscriptions/") && given.toLowerCase().contains("/subnets/")) {
            return given;
        }
        String[] parts = given.split("/");
        if (parts.length != 2 || !ArmNames.isResourceName(parts[0]) || !ArmNames.isResourceName(parts[1])) {
            throw AltoException.invalid("InvalidSubnetId", "'" + given + "' is not a subnet (an ARM subnet id, or "
                    + "<vnet>/<subnet> in resource group " + context.group() + ")");
        }
        return "/subscriptions/" + context.subscription() + "/resourceGroups/" + context.group()
                + "/providers/Microsoft.Network/virtualNetworks/" + parts[0] + "/subnets/" + parts[1];
    }

    /** A network security group's ARM id, or its name in the session's group. */
    private String nsgId(String given) {
        if (given.startsWith("/subscriptions/")) {
            return given;
        }
        if (!ArmNames.isResourceName(given)) {
            throw AltoException.invalid("InvalidSecurityGroupId", "'" + given + "' is not a network security group");
        }
        return "/subscriptions/" + context.subscription() + "/resourceGroups/" + context.group()
                + "/providers/Microsoft.Network/networkSecurityGroups/" + given;
    }

    private String sshKey(LaunchSpec spec) {
        if (spec.keyName() != null) {
            SshPublicKeyResourceInner key;
            try {
                key = context.calls().call("sshPublicKeys.get", () -> context.clients().compute().getSshPublicKeys()
                        .getByResourceGroup(context.group(), spec.keyName()));
            } catch (AltoException e) {
                if (e.code() == ErrorCode.NOT_FOUND) {
                    throw new AltoException(ErrorCode.NOT_FOUND, "ResourceNotFound", "key pair " + spec.keyName()
                            + " not found (an SSH public key resource of resource group " + context.group() + ")");
                }
                throw e;
            }
            return key.publicKey();
        }
        if (context.settings().sshPublicKey() != null) {
            return context.settings().sshPublicKey();
        }
        return ThrowawayKey.openSsh();
    }

    private boolean exists(String vm) {
        try {
            instances.raw(vm);
            return true;
        } catch (AltoException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                return false;
            }
            throw e;
        }
    }

    private String vmName(LaunchSpec spec, int index) {
        String name = spec.tags().get(Tags.NAME);
        if (spec.count() == 1 && ArmNames.isVmName(name)) {
            return name;
        }
        return generatedName(spec, index);
    }

    private static String generatedName(LaunchSpec spec, int index) {
        String name = spec.tags().get(Tags.NAME);
        String prefix = name != null && name.matches("[A-Za-z0-9][A-Za-z0-9-]{0,40}") ? name : "alto";
        byte[] suffix = new byte[4];
        if (spec.clientToken() != null) {
            UUID derived = UUID.nameUUIDFromBytes((spec.clientToken() + "#" + index).getBytes(StandardCharsets.UTF_8));
            long bits = derived.getMostSignificantBits();
            for (int i = 0; i < 4; i++) {
                suffix[i] = (byte) (bits >>> (8 * i));
            }
        } else {
            RANDOM.nextBytes(suffix);
        }
        return prefix + "-" + HexFormat.of().formatHex(suffix);
    }
}
