package io.altostratus.aws;

import io.altostratus.aws.internal.Ec2Convert;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.ext.NetworkInterfaces;
import io.altostratus.core.model.NetworkInterface;
import io.altostratus.core.spec.InterfaceSpec;
import io.altostratus.core.wait.Retrier;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/** Elastic network interfaces. */
final class AwsInterfaces implements NetworkInterfaces {
    private final AwsContext context;
    private final Ec2Client ec2;
    private final Retrier retrier;

    AwsInterfaces(AwsContext context) {
        this.context = context;
        this.ec2 = context.ec2();
        this.retrier = context.retrier();
    }

    @Override
    public NetworkInterface createNetworkInterface(InterfaceSpec spec) {
        var made = retrier.callUntilVisible("CreateNetworkInterface", context.visibleBy(List.of(spec.subnetId())),
                () -> ec2.createNetworkInterface(r -> {
                    r.subnetId(spec.subnetId()).privateIpAddress(spec.privateIp()).description(spec.description())
                            .tagSpecifications(context.tagSpec(ResourceType.NETWORK_INTERFACE, spec.tags()));
                    if (!spec.securityGroupIds().isEmpty()) {
                        r.groups(spec.securityGroupIds());
                    }
                })).networkInterface();
        context.remember(made.networkInterfaceId());
        return Ec2Convert.networkInterface(made);
    }

    @Override
    public List<NetworkInterface> networkInterfaces() {
        return retrier.call("DescribeNetworkInterfaces", () -> ec2.describeNetworkInterfaces(r -> {
        })).networkInterfaces().stream().map(Ec2Convert::networkInterface).toList();
    }

    /**
     * The interfaces with these ids that exist, asked by filter: EC2 fails a DescribeNetworkInterfaces by id when one
     * id is unknown, and a missing interface is to be left out here.
     */
    @Override
    public List<NetworkInterface> networkInterfaces(Collection<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<String> wanted = List.copyOf(new LinkedHashSet<>(ids));
        return retrier.call("DescribeNetworkInterfaces", () -> ec2.describeNetworkInterfaces(r -> r
                .filters(Ec2Filters.filter("network-interface-id", wanted)))).networkInterfaces().stream()
                .map(Ec2Convert::networkInterface).toList();
    }

    private NetworkInterface networkInterface(String id) {
        return retrier.callUntilVisible("DescribeNetworkInterfaces", context.visibleBy(List.of(id)),
                () -> ec2.describeNetworkInterfaces(r -> r.networkInterfaceIds(id))).networkInterfaces().stream()
                .map(Ec2Convert::networkInterface).findFirst().orElseThrow(() -> AltoException.notFound(
                        "InvalidNetworkInterfaceID.NotFound", "interface " + id + " does not exist"));
    }

    @Override
    public NetworkInterface attachNetworkInterface(String interfaceId, String instanceId, int deviceIndex) {
        retrier.callUntilVisible("AttachNetworkInterface", context.visibleBy(List.of(interfaceId, instanceId)),
                () -> ec2.attachNetworkInterface(r -> r.networkInterfaceId(interfaceId).instanceId(instanceId)
                        .deviceIndex(deviceIndex)));
        return networkInterface(interfaceId);
    }

    @Override
    public NetworkInterface detachNetworkInterface(String interfaceId, boolean force) {
        NetworkInterface current = networkInterface(interfaceId);
        if (current.attachment() == null) {
            throw new AltoException(ErrorCode.INVALID_STATE, "InvalidAttachmentID.NotFound",
                    "interface " + interfaceId + " is not attached");
        }
        retrier.run("DetachNetworkInterface", () -> ec2.detachNetworkInterface(r -> r
                .attachmentId(current.attachment().attachmentId()).force(force)));
        return networkInterface(interfaceId);
    }

    @Override
    public void deleteNetworkInterface(String interfaceId) {
        retrier.run("DeleteNetworkInterface", () -> ec2.deleteNetworkInterface(r -> r.networkInterfaceId(interfaceId)));
    }
}
