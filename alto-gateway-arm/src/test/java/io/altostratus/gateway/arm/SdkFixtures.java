package io.altostratus.gateway.arm;

import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInner;
import com.azure.resourcemanager.compute.models.DeleteOptions;
import com.azure.resourcemanager.compute.models.HardwareProfile;
import com.azure.resourcemanager.compute.models.ImageReference;
import com.azure.resourcemanager.compute.models.LinuxConfiguration;
import com.azure.resourcemanager.compute.models.NetworkInterfaceReference;
import com.azure.resourcemanager.compute.models.NetworkProfile;
import com.azure.resourcemanager.compute.models.OSProfile;
import com.azure.resourcemanager.compute.models.SshConfiguration;
import com.azure.resourcemanager.compute.models.SshPublicKey;
import com.azure.resourcemanager.compute.models.StorageProfile;
import com.azure.resourcemanager.compute.models.VirtualMachineSizeTypes;
import com.azure.resourcemanager.network.NetworkManager;
import com.azure.resourcemanager.network.fluent.models.NetworkInterfaceInner;
import com.azure.resourcemanager.network.fluent.models.NetworkInterfaceIpConfigurationInner;
import com.azure.resourcemanager.network.fluent.models.PublicIpAddressInner;
import com.azure.resourcemanager.network.fluent.models.SubnetInner;
import com.azure.resourcemanager.network.fluent.models.VirtualNetworkInner;
import com.azure.resourcemanager.network.models.AddressSpace;
import com.azure.resourcemanager.network.models.IpAllocationMethod;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** What several tests make through the SDK: a NIC on a fresh virtual network with a public IP, a VM request. */
final class SdkFixtures {
    static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIP/jDGkeWeCQXG+vcQjkL9q3cDY3mr7htpNGeVzT/UHL test@alto";

    private SdkFixtures() {
    }

    /** Makes a group with a virtual network, a public IP and a NIC; returns the NIC's id. */
    static String networkFor(NetworkManager network, String group, String suffix, boolean deleteWithVm) {
        var vnet = network.serviceClient().getVirtualNetworks().createOrUpdate(group, "vnet" + suffix,
                new VirtualNetworkInner().withLocation(ArmEndpoint.LOCATION)
                        .withAddressSpace(new AddressSpace().withAddressPrefixes(List.of("10.20.0.0/16")))
                        .withSubnets(List.of(new SubnetInner().withName("default").withAddressPrefix("10.20.1.0/24"))));
        var pip = new PublicIpAddressInner().withLocation(ArmEndpoint.LOCATION)
                .withPublicIpAllocationMethod(IpAllocationMethod.STATIC);
        if (deleteWithVm) {
            pip.withDeleteOption(com.azure.resourcemanager.network.models.DeleteOptions.DELETE);
        }
        pip = network.serviceClient().getPublicIpAddresses().createOrUpdate(group, "pip" + suffix, pip);
        NetworkInterfaceInner nic = network.serviceClient().getNetworkInterfaces().createOrUpdate(group, "nic" + suffix,
                new NetworkInterfaceInner().withLocation(ArmEndpoint.LOCATION).withIpConfigurations(List.of(
                        new NetworkInterfaceIpConfigurationInner().withName("ipconfig1")
                                .withSubnet(new SubnetInner().withId(vnet.subnets().get(0).id()))
                                .withPublicIpAddress(new PublicIpAddressInner().withId(pip.id())))));
        return nic.id();
    }

    static VirtualMachineInner vmRequest(String name, String nicId, boolean deleteNic) {
        NetworkInterfaceReference ref = new NetworkInterfaceReference().withId(nicId).withPrimary(true);
        if (deleteNic) {
            ref.withDeleteOption(DeleteOptions.DELETE);
        }
        return new VirtualMachineInner().withLocation(ArmEndpoint.LOCATION).withTags(Map.of("team", "alto"))
                .withHardwareProfile(new HardwareProfile().withVmSize(VirtualMachineSizeTypes.fromString("Standard_B2s")))
                .withStorageProfile(new StorageProfile().withImageReference(new ImageReference()
                        .withPublisher("Canonical").withOffer("ubuntu-24_04-lts").withSku("server").withVersion("latest")))
                .withOsProfile(new OSProfile().withComputerName(name).withAdminUsername("azureuser")
                        .withCustomData(Base64.getEncoder().encodeToString(
                                "#cloud-config\nruncmd: [echo hi]\n".getBytes(StandardCharsets.UTF_8)))
                        .withLinuxConfiguration(new LinuxConfiguration().withDisablePasswordAuthentication(true)
                                .withSsh(new SshConfiguration().withPublicKeys(List.of(new SshPublicKey()
                                        .withPath("/home/azureuser/.ssh/authorized_keys").withKeyData(KEY))))))
                .withNetworkProfile(new NetworkProfile().withNetworkInterfaces(List.of(ref)));
    }
}
