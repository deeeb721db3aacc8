package io.altostratus.aws;

import io.altostratus.aws.internal.Ec2Convert;
import io.altostratus.core.ec2.Address;
import io.altostratus.core.ec2.ElasticAddresses;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.wait.Retrier;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/** Elastic IP addresses. */
final class AwsAddresses implements ElasticAddresses {
    private final AwsContext context;
    private final Ec2Client ec2;
    private final Retrier retrier;

    AwsAddresses(AwsContext context) {
        this.context = context;
        this.ec2 = context.ec2();
        this.retrier = context.retrier();
    }

    @Override
    public Address allocateAddress(Map<String, String> tags) {
        String id = retrier.call("AllocateAddress", () -> ec2.allocateAddress(r -> r.domain("vpc")
                .tagSpecifications(context.tagSpec(ResourceType.ELASTIC_IP, tags)))).allocationId();
        context.remember(id);
        return address(id);
    }

    private Address address(String allocationId) {
        return retrier.callUntilVisible("DescribeAddresses", context.visibleBy(List.of(allocationId)),
                () -> ec2.describeAddresses(r -> r.allocationIds(allocationId))).addresses().stream()
                .map(Ec2Convert::address).findFirst().orElseThrow(() -> AltoException.notFound(
                        "InvalidAllocationID.NotFound", "address " + allocationId + " does not exist"));
    }

    @Override
    public List<Address> addresses() {
        return retrier.call("DescribeAddresses", () -> ec2.describeAddresses(r -> {
        })).addresses().stream().map(Ec2Convert::address).toList();
    }

    @Override
    public Address associateAddress(String allocationId, String instanceId, String networkInterfaceId,
                                    boolean allowReassociation) {
        retrier.callUntilVisible("AssociateAddress", context.visibleBy(List.of(allocationId)),
                () -> ec2.associateAddress(r -> r.allocationId(allocationId).instanceId(instanceId)
                        .networkInterfaceId(networkInterfaceId).allowReassociation(allowReassociation)));
        return address(allocationId);
    }

    @Override
    public void disassociateAddress(String associationId) {
        retrier.run("DisassociateAddress", () -> ec2.disassociateAddress(r -> r.associationId(associationId)));
    }

    @Override
    public void releaseAddress(String allocationId) {
        retrier.run("ReleaseAddress", () -> ec2.releaseAddress(r -> r.allocationId(allocationId)));
    }
}
