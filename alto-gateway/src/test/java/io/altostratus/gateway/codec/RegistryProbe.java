package io.altostratus.gateway.codec;

import software.amazon.awssdk.services.ec2.model.RunInstancesResponse;

/**
 * Measures, in a fresh JVM, what the registry costs at a server start: the first use of one operation (lookup,
 * metadata, one decode and one encode) and the enumeration and metadata of the whole API. Prints one
 * {@code key=value} per line; {@code Ec2OperationRegistryTest} runs it in a child JVM.
 */
public final class RegistryProbe {
    private RegistryProbe() {
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        Ec2OperationRegistry registry = Ec2OperationRegistry.instance();
        Ec2Operation run = registry.require("RunInstances");
        long found = System.nanoTime();
        registry.warm(run);
        long warmed = System.nanoTime();
        DecodedRequest decoded = new Ec2QueryDecoder().decode(Ec2QueryParameters.parse(
                "Action=RunInstances&ImageId=ami-1&MinCount=1&MaxCount=1&TagSpecification.1.ResourceType=instance"
                        + "&TagSpecification.1.Tag.1.Key=Name&TagSpecification.1.Tag.1.Value=web"));
        String xml = new Ec2XmlEncoder().encode(run, RunInstancesResponse.builder().reservationId("r-1").build(), "r");
        long firstRequest = System.nanoTime();
        Ec2Operation describe = registry.require("DescribeInstances");
        registry.warm(describe);
        long secondOperation = System.nanoTime();
        // The rest of the gateway's first wave, each looked up and its metadata built on first use.
        String[] firstWave = {"DescribeRegions", "DescribeAvailabilityZones", "DescribeImages", "CreateKeyPair",
            "DeleteKeyPair", "DescribeKeyPairs", "TerminateInstances", "StartInstances", "StopInstances", "CreateTags",
            "DescribeTags", "CreateVpc", "DescribeVpcs", "CreateSubnet", "DescribeSubnets", "CreateSecurityGroup",
            "AuthorizeSecurityGroupIngress", "DescribeSecurityGroups", "CreateVolume", "DescribeVolumes"};
        for (String action : firstWave) {
            registry.warm(registry.require(action));
        }
        long firstWaveDone = System.nanoTime();

        long allStart = System.nanoTime();
        int operations = registry.all().size();
        long enumerated = System.nanoTime();
        for (Ec2Operation operation : registry.all()) {
            registry.warm(operation);
        }
        long allWarmed = System.nanoTime();

        System.out.println("decoded=" + decoded.operation().action() + "/" + xml.length());
        System.out.printf("one.lookup.ms=%.1f%n", (found - start) / 1e6);
        System.out.printf("one.metadata.ms=%.1f%n", (warmed - found) / 1e6);
        System.out.printf("one.first-request.ms=%.1f%n", (firstRequest - start) / 1e6);
        System.out.printf("second-operation.ms=%.1f%n", (secondOperation - firstRequest) / 1e6);
        System.out.printf("next-%d-operations.ms=%.1f%n", firstWave.length, (firstWaveDone - secondOperation) / 1e6);
        System.out.printf("all.enumerate.ms=%.1f%n", (enumerated - allStart) / 1e6);
        System.out.printf("all.metadata.ms=%.1f%n", (allWarmed - enumerated) / 1e6);
        System.out.println("all.operations=" + operations);
    }
}
