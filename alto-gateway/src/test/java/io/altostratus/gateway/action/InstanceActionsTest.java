package io.altostratus.gateway.action;

import static io.altostratus.gateway.action.Ec2Calls.filter;
import static io.altostratus.gateway.action.Ec2Calls.tags;
import static io.altostratus.gateway.action.Ec2Calls.ec2Error;
import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.catalog.Catalogs;
import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.Image;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceAttributeName;
import software.amazon.awssdk.services.ec2.model.InstanceBlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.InstanceStateChange;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.RunInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Tag;

class InstanceActionsTest {
    @RegisterExtension
    final GatewayHarness gw = new GatewayHarness();

    static final String AMI = image(Architecture.X86_64).id();
    static final String ARM_AMI = image(Architecture.ARM64).id();
    static final String ROOT_DEVICE = image(Architecture.X86_64).rootDeviceName();

    private static Image image(Architecture architecture) {
        return Catalogs.aws().images("us-east-1").stream()
                .filter(i -> i.architecture() == architecture && Image.AVAILABLE.equals(i.state()))
                .findFirst().orElseThrow();
    }

    private Ec2Client ec2() {
        return gw.client();
    }

    private RunInstancesResponse run(Consumer<RunInstancesRequest.Builder> customizer) {
        RunInstancesRequest.Builder b = RunInstancesRequest.builder().imageId(AMI).instanceType("t3.micro")
                .minCount(1).maxCount(1);
        customizer.accept(b);
        return ec2().runInstances(b.build());
    }

    private Instance runOne(Consumer<RunInstancesRequest.Builder> customizer) {
        return run(customizer).instances().get(0);
    }

    private Instance describe(String id) {
        return ec2().describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0);
    }

    private Set<String> ids(List<Reservation> reservations) {
        return reservations.stream().flatMap(r -> r.instances().stream()).map(Instance::instanceId)
                .collect(Collectors.toSet());
    }

    // ---- RunInstances -------------------------------------------------------------------------------------------

    @Test
    void runInstancesAnswersOneReservationWithCompleteInstances() {
        RunInstancesResponse response = run(r -> r.minCount(2).maxCount(3)
                .tagSpecifications(tags(ResourceType.INSTANCE, "Name", "web", "team", "blue")));

        assertThat(response.reservationId()).startsWith("r-");
        assertThat(response.ownerId()).isEqualTo("000000000000");
        assertThat(response.instances()).hasSize(3);
        assertThat(response.instances()).extracting(Instance::amiLaunchIndex).containsExactly(0, 1, 2);
        Instance i = response.instances().get(0);
        assertThat(i.instanceId()).matches("i-[0-9a-f]{17}");
        // The harness's local cloud has zero transition time, so a launch may already read as running.
        assertThat(i.state().nameAsString() + "/" + i.state().code()).isIn("pending/0", "running/16");
        assertThat(i.imageId()).isEqualTo(AMI);
        assertThat(i.instanceTypeAsString()).isEqualTo("t3.micro");
        assertThat(i.architectureAsString()).isEqualTo("x86_64");
        assertThat(i.placement().availabilityZone()).startsWith("us-east-1");
        assertThat(i.placement().tenancyAsString()).isEqualTo("default");
        assertThat(i.privateIpAddress()).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
        assertThat(i.privateDnsName()).startsWith("ip-").endsWith(".ec2.internal");
        assertThat(i.vpcId()).startsWith("vpc-");
        assertThat(i.subnetId()).startsWith("subnet-");
        assertThat(i.securityGroups()).singleElement()
                .satisfies(g -> assertThat(g.groupName()).isEqualTo("default"));
        assertThat(i.rootDeviceName()).isEqualTo(ROOT_DEVICE);
        assertThat(i.rootDeviceTypeAsString()).isEqualTo("ebs");
        assertThat(i.virtualizationTypeAsString()).isEqualTo("hvm");
        assertThat(i.hypervisorAsString()).isEqualTo("xen");
        assertThat(i.blockDeviceMappings()).singleElement().satisfies(m -> {
            assertThat(m.deviceName()).isEqualTo(ROOT_DEVICE);
            assertThat(m.ebs().volumeId()).startsWith("vol-");
            assertThat(m.ebs().statusAsString()).isEqualTo("attached");
            assertThat(m.ebs().deleteOnTermination()).isTrue();
            assertThat(m.ebs().attachTime()).isNotNull();
        });
        assertThat(i.networkInterfaces()).singleElement().satisfies(n -> {
            assertThat(n.networkInterfaceId()).startsWith("eni-");
            assertThat(n.subnetId()).isEqualTo(i.subnetId());
            assertThat(n.vpcId()).isEqualTo(i.vpcId());
            assertThat(n.privateIpAddress()).isEqualTo(i.privateIpAddress());
            assertThat(n.macAddress()).matches("([0-9a-f]{2}:){5}[0-9a-f]{2}");
            assertThat(n.ownerId()).isEqualTo("000000000000");
            assertThat(n.attachment().deviceIndex()).isZero();
            assertThat(n.attachment().attachmentId()).startsWith("eni-attach-");
            assertThat(n.groups()).extracting(GroupIdentifier::groupId)
                    .containsExactlyElementsOf(i.securityGroups().stream().map(GroupIdentifier::groupId).toList());
            assertThat(n.privateIpAddresses()).singleElement().satisfies(a -> assertThat(a.primary()).isTrue());
        });
        assertThat(i.tags()).extracting(Tag::key, Tag::value)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("Name", "web"),
                        org.assertj.core.groups.Tuple.tuple("team", "blue"));
        assertThat(i.clientToken()).isNotNull();
        assertThat(i.launchTime()).isNotNull();
        assertThat(i.monitoring().stateAsString()).isEqualTo("disabled");
        assertThat(i.sourceDestCheck()).isTrue();
        assertThat(i.ebsOptimized()).isFalse();
        assertThat(i.enaSupport()).isTrue();
        assertThat(i.platformDetails()).isEqualTo("Linux/UNIX");
        assertThat(i.usageOperation()).isEqualTo("RunInstances");
        assertThat(i.productCodes()).isEmpty();
        assertThat(i.cpuOptions().coreCount()).isEqualTo(1);
        assertThat(i.cpuOptions().threadsPerCore()).isEqualTo(2);
        assertThat(i.metadataOptions().httpTokensAsString()).isEqualTo("optional");
        assertThat(i.metadataOptions().httpPutResponseHopLimit()).isEqualTo(1);
    }

    @Test
    void minCountAboveMaxCountAndBadCountsAreInvalidParameterValue() {
        ec2Error(() -> run(r -> r.minCount(3).maxCount(2)), "InvalidParameterValue");
        ec2Error(() -> run(r -> r.minCount(0).maxCount(1)), "InvalidParameterValue");
    }

    @Test
    void imagesAreNamedByAmiIdOnly() {
        ec2Error(() -> run(r -> r.imageId("ubuntu:24.04")), "InvalidAMIID.Malformed");
        ec2Error(() -> run(r -> r.imageId("ami-0123456789abcdef0")), "InvalidAMIID.NotFound");
    }

    @Test
    void unknownKeyPairAndInstanceTypeAreRefused() {
        ec2Error(() -> run(r -> r.keyName("nobody")), "InvalidKeyPair.NotFound");
        ec2Error(() -> run(r -> r.instanceType("q9.gigantic")), "InvalidParameterValue");
        assertThat(ec2().describeInstances().reservations()).isEmpty();
    }

    @Test
    void withoutInstanceTypeEc2sDefaultIsUsed() {
        RunInstancesRequest request = RunInstancesRequest.builder().imageId(AMI).minCount(1).maxCount(1).build();

        assertThat(ec2().runInstances(request).instances().get(0).instanceTypeAsString()).isEqualTo("m1.small");
    }

    @Test
    void armImagesGiveArmInstancesWithOneThreadPerCore() {
        Instance i = runOne(r -> r.imageId(ARM_AMI).instanceType("t4g.medium"));

        assertThat(i.architectureAsString()).isEqualTo("arm64");
        assertThat(i.cpuOptions().coreCount()).isEqualTo(2);
        assertThat(i.cpuOptions().threadsPerCore()).isEqualTo(1);
        ec2Error(() -> run(r -> r.imageId(ARM_AMI).instanceType("t3.micro")), "InvalidParameterValue");
    }

    @Test
    void userDataIsDecodedAndReadBackBase64() {
        String script = "#!/bin/sh\necho héllo > /tmp/x\n";
        String encoded = Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_8));
        Instance i = runOne(r -> r.userData(encoded));

        var attribute = ec2().describeInstanceAttribute(r -> r.instanceId(i.instanceId())
                .attribute(InstanceAttributeName.USER_DATA));
        assertThat(attribute.userData().value()).isEqualTo(encoded);
        assertThat(new String(Base64.getDecoder().decode(attribute.userData().value()), StandardCharsets.UTF_8))
                .isEqualTo(script);
    }

    @Test
    void userDataThatIsNotBase64IsInvalidParameterValue() {
        Ec2Exception e = ec2Error(() -> run(r -> r.userData("#!/bin/sh\necho hi")), "InvalidParameterValue");
        assertThat(e.awsErrorDetails().errorMessage()).contains("BASE64");
    }

    @Test
    void clientTokenMakesRunInstancesIdempotent() {
        RunInstancesResponse first = run(r -> r.clientToken("token-1").minCount(2).maxCount(2));
        RunInstancesResponse again = run(r -> r.clientToken("token-1").minCount(2).maxCount(2));

        assertThat(again.reservationId()).isEqualTo(first.reservationId());
        assertThat(again.instances()).extracting(Instance::instanceId)
                .containsExactlyElementsOf(first.instances().stream().map(Instance::instanceId).toList());
        assertThat(again.instances()).allSatisfy(i -> assertThat(i.clientToken()).isEqualTo("token-1"));
        assertThat(ids(ec2().describeInstances().reservations())).hasSize(2);
        ec2Error(() -> run(r -> r.clientToken("token-1").minCount(1).maxCount(1)), "IdempotentParameterMismatch");
    }

    @Test
    void securityGroupNamesResolveInTheDefaultVpc() {
        Instance byId = runOne(r -> { });
        String defaultGroup = byId.securityGroups().get(0).groupId();

        Instance byName = runOne(r -> r.securityGroups("default"));

        assertThat(byName.securityGroups()).extracting(GroupIdentifier::groupId).containsExactly(defaultGroup);
        ec2Error(() -> run(r -> r.securityGroups("no-such-group")), "InvalidGroup.NotFound");
        ec2Error(() -> run(r -> r.securityGroups("default").subnetId(byId.subnetId())),
                "InvalidParameterCombination");
        ec2Error(() -> run(r -> r.securityGroupIds("sg-0123456789abcdef0")), "InvalidGroup.NotFound");
    }

    @Test
    void subnetAndZoneChooseWhereInstancesGo() {
        Instance first = runOne(r -> r.placement(p -> p.availabilityZone("us-east-1c")));
        assertThat(first.placement().availabilityZone()).isEqualTo("us-east-1c");

        Instance second = runOne(r -> r.subnetId(first.subnetId()));
        assertThat(second.subnetId()).isEqualTo(first.subnetId());
        assertThat(second.placement().availabilityZone()).isEqualTo("us-east-1c");

        // Terraform's aws provider sends Placement.AvailabilityZone= (empty) beside a subnet: EC2 takes it as unset.
        Instance emptyZone = runOne(r -> r.subnetId(first.subnetId()).placement(p -> p.availabilityZone("")));
        assertThat(emptyZone.placement().availabilityZone()).isEqualTo("us-east-1c");

        Instance viaInterface = runOne(r -> r.networkInterfaces(n -> n.deviceIndex(0).subnetId(first.subnetId())
                .groups(first.securityGroups().get(0).groupId())));
        assertThat(viaInterface.subnetId()).isEqualTo(first.subnetId());

        ec2Error(() -> run(r -> r.subnetId("subnet-0123456789abcdef0")), "InvalidSubnetID.NotFound");
        ec2Error(() -> run(r -> r.subnetId(first.subnetId()).networkInterfaces(n -> n.deviceIndex(0)
                .subnetId(first.subnetId()))), "InvalidParameterCombination");
    }

    @Test
    void blockDeviceMappingsSizeTheRootAndAddVolumesWithTags() {
        Instance i = runOne(r -> r
                .blockDeviceMappings(
                        BlockDeviceMapping.builder().deviceName(ROOT_DEVICE).ebs(e -> e.volumeSize(20)).build(),
                        BlockDeviceMapping.builder().deviceName("/dev/sdf").ebs(e -> e.volumeSize(10)
                                .volumeType("gp2").deleteOnTermination(false)).build())
                .tagSpecifications(tags(ResourceType.INSTANCE, "Name", "disks"),
                        tags(ResourceType.VOLUME, "backup", "daily"),
                        tags(ResourceType.NETWORK_INTERFACE, "net", "blue")));

        assertThat(i.blockDeviceMappings()).extracting(InstanceBlockDeviceMapping::deviceName)
                .containsExactly(ROOT_DEVICE, "/dev/sdf");
        InstanceBlockDeviceMapping extra = i.blockDeviceMappings().get(1);
        assertThat(extra.ebs().deleteOnTermination()).isFalse();

        var volumes = ec2().describeVolumes(r -> r.volumeIds(i.blockDeviceMappings().stream()
                .map(m -> m.ebs().volumeId()).toList())).volumes();
        assertThat(volumes).hasSize(2).allSatisfy(v -> assertThat(v.tags())
                .contains(Tag.builder().key("backup").value("daily").build()));
        assertThat(volumes).allSatisfy(v -> assertThat(v.tags()).extracting(Tag::key).containsExactly("backup"));
        assertThat(ec2().describeNetworkInterfaces(r -> r.networkInterfaceIds(i.networkInterfaces().get(0)
                .networkInterfaceId())).networkInterfaces()).singleElement()
                .satisfies(eni -> assertThat(eni.tagSet()).containsExactly(Tag.builder().key("net").value("blue")
                        .build()));
        assertThat(volumes).filteredOn(v -> v.volumeId().equals(i.blockDeviceMappings().get(0).ebs().volumeId()))
                .singleElement().satisfies(v -> assertThat(v.size()).isEqualTo(20));
        assertThat(volumes).filteredOn(v -> v.volumeId().equals(extra.ebs().volumeId()))
                .singleElement().satisfies(v -> {
                    assertThat(v.size()).isEqualTo(10);
                    assertThat(v.volumeTypeAsString()).isEqualTo("gp2");
                });
        ec2Error(() -> run(r -> r.blockDeviceMappings(BlockDeviceMapping.builder().deviceName(ROOT_DEVICE)
                .ebs(e -> e.volumeSize(1)).build())), "InvalidBlockDeviceMapping");
    }

    @Test
    void tagSpecificationsForOtherResourceTypesAreRefused() {
        ec2Error(() -> run(r -> r.tagSpecifications(tags(ResourceType.VPC, "a", "b"))), "InvalidParameterValue");
    }

    @Test
    void metadataOptionsAskedForAreEchoedByRunInstances() {
        Instance i = runOne(r -> r.metadataOptions(m -> m.httpTokens("required").httpPutResponseHopLimit(2)));

        assertThat(i.metadataOptions().httpTokensAsString()).isEqualTo("required");
        assertThat(i.metadataOptions().httpPutResponseHopLimit()).isEqualTo(2);
        assertThat(i.metadataOptions().httpEndpointAsString()).isEqualTo("enabled");
        assertThat(i.metadataOptions().stateAsString()).isEqualTo("applied");
    }

    @Test
    void parametersTheBackendCannotHonourAreRefusedByName() {
        Ec2Exception e = ec2Error(() -> run(r -> r.iamInstanceProfile(p -> p.name("admin"))), "UnsupportedOperation");
        assertThat(e.awsErrorDetails().errorMessage()).contains("IamInstanceProfile");
        ec2Error(() -> run(r -> r.privateIpAddress("172.31.0.50")), "UnsupportedOperation");
    }

    @Test
    void dryRunValidatesAndLaunchesNothing() {
        Ec2Exception e = ec2Error(() -> run(r -> r.dryRun(true)), "DryRunOperation");
        assertThat(e.statusCode()).isEqualTo(412);
        assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Request would have succeeded, but DryRun flag is set.");
        ec2Error(() -> run(r -> r.dryRun(true).imageId("ami-0123456789abcdef0")), "InvalidAMIID.NotFound");
        assertThat(ec2().describeInstances().reservations()).isEmpty();
    }

    // ---- DescribeInstances --------------------------------------------------------------------------------------

    @Test
    void describeInstancesGroupsByReservationAndShowsRunningState() {
        RunInstancesResponse a = run(r -> r.minCount(2).maxCount(2));
        RunInstancesResponse b = run(r -> { });

        List<Reservation> reservations = ec2().describeInstances().reservations();

        assertThat(reservations).extracting(Reservation::reservationId)
                .containsExactlyInAnyOrder(a.reservationId(), b.reservationId());
        assertThat(reservations).allSatisfy(r -> {
            assertThat(r.ownerId()).isEqualTo("000000000000");
            assertThat(r.groups()).isEmpty();
        });
        assertThat(reservations).filteredOn(r -> r.reservationId().equals(a.reservationId())).singleElement()
                .satisfies(r -> assertThat(r.instances()).hasSize(2));
        assertThat(reservations).flatExtracting(Reservation::instances)
                .allSatisfy(i -> {
                    assertThat(i.state().code()).isEqualTo(16);
                    assertThat(i.state().nameAsString()).isEqualTo("running");
                });
    }

    @Test
    void unknownIdsAreNamedAllTogetherAndMalformedIdsRefused() {
        String real = runOne(r -> { }).instanceId();

        Ec2Exception one = ec2Error(() -> ec2().describeInstances(r -> r.instanceIds("i-0123456789abcdef0")),
                "InvalidInstanceID.NotFound");
        assertThat(one.awsErrorDetails().errorMessage()).contains("i-0123456789abcdef0");
        Ec2Exception two = ec2Error(() -> ec2().describeInstances(r -> r.instanceIds(real, "i-0123456789abcdef0",
                "i-0fedcba9876543210")), "InvalidInstanceID.NotFound");
        assertThat(two.awsErrorDetails().errorMessage()).contains("i-0123456789abcdef0", "i-0fedcba9876543210")
                .doesNotContain(real);
        ec2Error(() -> ec2().describeInstances(r -> r.instanceIds("instance-1")), "InvalidInstanceID.Malformed");
        ec2Error(() -> ec2().terminateInstances(r -> r.instanceIds("i-0123456789abcdef0", "i-0fedcba9876543210")),
                "InvalidInstanceID.NotFound");
    }

    @Test
    void maxResultsIsBoundedAndNotCombinedWithIds() {
        String id = runOne(r -> { }).instanceId();

        ec2Error(() -> ec2().describeInstances(r -> r.maxResults(4)), "InvalidParameterValue");
        ec2Error(() -> ec2().describeInstances(r -> r.maxResults(1001)), "InvalidParameterValue");
        ec2Error(() -> ec2().describeInstances(r -> r.instanceIds(id).maxResults(5)), "InvalidParameterCombination");
    }

    @Test
    void paginatorWalksEveryInstanceOnce() {
        Set<String> launched = new java.util.HashSet<>();
        for (int k = 0; k < 3; k++) {
            run(r -> r.minCount(4).maxCount(4)).instances().forEach(i -> launched.add(i.instanceId()));
        }

        List<String> seen = new ArrayList<>();
        int[] pages = {0};
        ec2().describeInstancesPaginator(r -> r.maxResults(5)).forEach(page -> {
            pages[0]++;
            assertThat(page.reservations().stream().mapToInt(r -> r.instances().size()).sum()).isLessThanOrEqualTo(5);
            page.reservations().forEach(r -> r.instances().forEach(i -> seen.add(i.instanceId())));
        });

        assertThat(pages[0]).isEqualTo(3);
        assertThat(seen).hasSize(12).doesNotHaveDuplicates();
        assertThat(Set.copyOf(seen)).isEqualTo(launched);
        ec2Error(() -> ec2().describeInstances(r -> r.maxResults(5).nextToken("garbage")), "InvalidParameterValue");
    }

    @Test
    void filtersOrValuesAndFiltersWithWildcardsAndTags() {
        Instance web1 = runOne(r -> r.tagSpecifications(tags(ResourceType.INSTANCE, "Name", "web-1", "env", "prod")));
        Instance web2 = runOne(r -> r.instanceType("t2.micro")
                .tagSpecifications(tags(ResourceType.INSTANCE, "Name", "web-2", "env", "dev")));
        Instance db = runOne(r -> r.tagSpecifications(tags(ResourceType.INSTANCE, "Name", "db", "role", "primary")));

        assertThat(find(filter("tag:Name", "web-*"))).containsExactlyInAnyOrder(web1.instanceId(), web2.instanceId());
        assertThat(find(filter("tag:env", "prod", "dev"))).containsExactlyInAnyOrder(web1.instanceId(),
                web2.instanceId());
        assertThat(find(filter("tag:Name", "web-?"), filter("instance-type", "t3.micro")))
                .containsExactly(web1.instanceId());
        assertThat(find(filter("tag-key", "role"))).containsExactly(db.instanceId());
        assertThat(find(filter("tag-value", "pro*"))).containsExactly(web1.instanceId());
        assertThat(find(filter("instance-id", db.instanceId(), web2.instanceId())))
                .containsExactlyInAnyOrder(db.instanceId(), web2.instanceId());
        assertThat(find(filter("instance-state-name", "running"))).hasSize(3);
        assertThat(find(filter("instance-state-code", "16"))).hasSize(3);
        assertThat(find(filter("instance-state-name", "stopped"))).isEmpty();
        assertThat(find(filter("image-id", AMI))).hasSize(3);
        assertThat(find(filter("architecture", "x86_64"))).hasSize(3);
        assertThat(find(filter("availability-zone", web1.placement().availabilityZone())))
                .contains(web1.instanceId());
        assertThat(find(filter("vpc-id", web1.vpcId()))).hasSize(3);
        assertThat(find(filter("subnet-id", web1.subnetId()))).contains(web1.instanceId());
        assertThat(find(filter("private-ip-address", web2.privateIpAddress()))).containsExactly(web2.instanceId());
        assertThat(find(filter("private-dns-name", web2.privateDnsName()))).containsExactly(web2.instanceId());
        assertThat(find(filter("reservation-id", "r-*"))).hasSize(3);
        assertThat(find(filter("client-token", web1.clientToken()))).containsExactly(web1.instanceId());
        assertThat(find(filter("root-device-name", ROOT_DEVICE))).hasSize(3);
        assertThat(find(filter("network-interface.network-interface-id",
                db.networkInterfaces().get(0).networkInterfaceId()))).containsExactly(db.instanceId());
        assertThat(find(filter("block-device-mapping.volume-id",
                web2.blockDeviceMappings().get(0).ebs().volumeId()))).containsExactly(web2.instanceId());
        assertThat(find(filter("instance.group-name", "default"))).hasSize(3);
        assertThat(find(filter("instance.group-id", db.securityGroups().get(0).groupId()))).hasSize(3);
        assertThat(find(filter("launch-time", "20*"))).hasSize(3);
        assertThat(find(filter("key-name", "*"))).isEmpty();
        assertThat(find(filter("owner-id", "000000000000"))).hasSize(3);
        ec2Error(() -> ec2().describeInstances(r -> r.filters(filter("colour", "blue"))), "InvalidParameterValue");
    }

    @Test
    void addressFiltersMatchPublicAddressesAndNames() {
        Instance i = runOne(r -> { });
        Instance described = describe(i.instanceId());
        assertThat(described.publicIpAddress()).isNotNull();
        assertThat(described.publicDnsName()).startsWith("ec2-").endsWith(".compute-1.amazonaws.com");

        assertThat(find(filter("ip-address", described.publicIpAddress()))).containsExactly(i.instanceId());
        assertThat(find(filter("dns-name", described.publicDnsName()))).containsExactly(i.instanceId());
        assertThat(described.networkInterfaces().get(0).association().publicIp())
                .isEqualTo(described.publicIpAddress());
    }

    private List<String> find(Filter... filters) {
        return ec2().describeInstances(r -> r.filters(filters)).reservations().stream()
                .flatMap(r -> r.instances().stream()).map(Instance::instanceId).toList();
    }

    // ---- lifecycle ----------------------------------------------------------------------------------------------

    @Test
    void stopStartRebootTerminateReportStateChangesWithCodes() {
        String id = runOne(r -> { }).instanceId();

        InstanceStateChange stop = ec2().stopInstances(r -> r.instanceIds(id)).stoppingInstances().get(0);
        assertThat(stop.previousState().code()).isEqualTo(16);
        assertThat(stop.currentState().nameAsString()).isIn("stopping", "stopped");
        Instance stopped = describe(id);
        assertThat(stopped.state().nameAsString()).isEqualTo("stopped");
        assertThat(stopped.state().code()).isEqualTo(80);
        assertThat(stopped.stateReason().code()).isEqualTo("Client.UserInitiatedShutdown");
        assertThat(stopped.stateTransitionReason()).startsWith("User initiated");
        assertThat(stopped.publicIpAddress()).isNull();

        ec2Error(() -> ec2().rebootInstances(r -> r.instanceIds(id)), "IncorrectInstanceState");
        InstanceStateChange start = ec2().startInstances(r -> r.instanceIds(id)).startingInstances().get(0);
        assertThat(start.previousState().code()).isEqualTo(80);
        assertThat(start.currentState().code()).isIn(0, 16);
        ec2().rebootInstances(r -> r.instanceIds(id));

        InstanceStateChange force = ec2().stopInstances(r -> r.instanceIds(id).force(true)).stoppingInstances().get(0);
        assertThat(force.previousState().nameAsString()).isEqualTo("running");

        InstanceStateChange end = ec2().terminateInstances(r -> r.instanceIds(id)).terminatingInstances().get(0);
        assertThat(end.previousState().code()).isEqualTo(80);
        assertThat(end.currentState().code()).isIn(32, 48);
        assertThat(describe(id).state().code()).isEqualTo(48);
        assertThat(describe(id).blockDeviceMappings()).isEmpty();
        ec2Error(() -> ec2().startInstances(r -> r.instanceIds(id)), "IncorrectInstanceState");
    }

    @Test
    void hibernationIsRefusedAndDryRunChangesNothing() {
        String id = runOne(r -> { }).instanceId();

        ec2Error(() -> ec2().stopInstances(r -> r.instanceIds(id).hibernate(true)),
                "UnsupportedHibernationConfiguration");
        ec2Error(() -> ec2().terminateInstances(r -> r.instanceIds(id).dryRun(true)), "DryRunOperation");
        ec2Error(() -> ec2().stopInstances(r -> r.instanceIds(id).dryRun(true)), "DryRunOperation");
        ec2Error(() -> ec2().describeInstances(r -> r.dryRun(true)), "DryRunOperation");
        ec2Error(() -> ec2().terminateInstances(r -> r.instanceIds("i-0123456789abcdef0").dryRun(true)),
                "InvalidInstanceID.NotFound");

        assertThat(describe(id).state().nameAsString()).isEqualTo("running");
    }

    @Test
    void terminationProtectionBlocksTerminateUntilCleared() {
        String id = runOne(r -> r.disableApiTermination(true)).instanceId();

        ec2Error(() -> ec2().terminateInstances(r -> r.instanceIds(id)), "OperationNotPermitted");
        assertThat(ec2().describeInstanceAttribute(r -> r.instanceId(id)
                .attribute(InstanceAttributeName.DISABLE_API_TERMINATION)).disableApiTermination().value()).isTrue();

        ec2().modifyInstanceAttribute(r -> r.instanceId(id).disableApiTermination(v -> v.value(false)));

        assertThat(ec2().terminateInstances(r -> r.instanceIds(id)).terminatingInstances()).hasSize(1);
    }

    // ---- DescribeInstanceStatus ---------------------------------------------------------------------------------

    @Test
    void instanceStatusListsRunningInstancesUnlessAllAreAsked() {
        String running = runOne(r -> { }).instanceId();
        String stopped = runOne(r -> { }).instanceId();
        ec2().stopInstances(r -> r.instanceIds(stopped));

        var statuses = ec2().describeInstanceStatus().instanceStatuses();
        assertThat(statuses).singleElement().satisfies(s -> {
            assertThat(s.instanceId()).isEqualTo(running);
            assertThat(s.instanceState().code()).isEqualTo(16);
            assertThat(s.instanceStatus().statusAsString()).isEqualTo("ok");
            assertThat(s.systemStatus().statusAsString()).isEqualTo("ok");
            assertThat(s.instanceStatus().details()).singleElement()
                    .satisfies(d -> assertThat(d.statusAsString()).isEqualTo("passed"));
            assertThat(s.events()).isEmpty();
            assertThat(s.availabilityZone()).startsWith("us-east-1");
        });

        var all = ec2().describeInstanceStatus(r -> r.includeAllInstances(true)).instanceStatuses();
        assertThat(all).hasSize(2);
        assertThat(all).filteredOn(s -> s.instanceId().equals(stopped)).singleElement()
                .satisfies(s -> assertThat(s.instanceStatus().statusAsString()).isEqualTo("not-applicable"));
        assertThat(ec2().describeInstanceStatus(r -> r.instanceIds(stopped)).instanceStatuses()).isEmpty();
        assertThat(ec2().describeInstanceStatus(r -> r.includeAllInstances(true)
                .filters(filter("instance-state-name", "stopped"))).instanceStatuses())
                .extracting(s -> s.instanceId()).containsExactly(stopped);
        assertThat(ec2().describeInstanceStatus(r -> r.filters(filter("instance-status.reachability", "passed")))
                .instanceStatuses()).hasSize(1);
        ec2Error(() -> ec2().describeInstanceStatus(r -> r.instanceIds(running).maxResults(5)),
                "InvalidParameterCombination");
    }

    // ---- attributes ---------------------------------------------------------------------------------------------

    @Test
    void instanceAttributesAnswerWithEc2Defaults() {
        Instance i = runOne(r -> { });
        String id = i.instanceId();

        assertThat(attr(id, InstanceAttributeName.INSTANCE_TYPE).instanceType().value()).isEqualTo("t3.micro");
        assertThat(attr(id, InstanceAttributeName.INSTANCE_INITIATED_SHUTDOWN_BEHAVIOR)
                .instanceInitiatedShutdownBehavior().value()).isEqualTo("stop");
        assertThat(attr(id, InstanceAttributeName.SOURCE_DEST_CHECK).sourceDestCheck().value()).isTrue();
        assertThat(attr(id, InstanceAttributeName.EBS_OPTIMIZED).ebsOptimized().value()).isFalse();
        assertThat(attr(id, InstanceAttributeName.ENA_SUPPORT).enaSupport().value()).isTrue();
        assertThat(attr(id, InstanceAttributeName.ROOT_DEVICE_NAME).rootDeviceName().value()).isEqualTo(ROOT_DEVICE);
        assertThat(attr(id, InstanceAttributeName.GROUP_SET).groups()).extracting(GroupIdentifier::groupName)
                .containsExactly("default");
        assertThat(attr(id, InstanceAttributeName.BLOCK_DEVICE_MAPPING).blockDeviceMappings())
                .singleElement().satisfies(m -> assertThat(m.ebs().volumeId())
                        .isEqualTo(i.blockDeviceMappings().get(0).ebs().volumeId()));
        assertThat(attr(id, InstanceAttributeName.USER_DATA).userData().value()).isNull();
        assertThat(attr(id, InstanceAttributeName.DISABLE_API_TERMINATION).disableApiTermination().value()).isFalse();
        ec2Error(() -> attr("i-0123456789abcdef0", InstanceAttributeName.INSTANCE_TYPE), "InvalidInstanceID.NotFound");
    }

    private software.amazon.awssdk.services.ec2.model.DescribeInstanceAttributeResponse attr(String id,
                                                                                           InstanceAttributeName a) {
        return ec2().describeInstanceAttribute(r -> r.instanceId(id).attribute(a));
    }

    @Test
    void modifyInstanceAttributeChangesTypeAndUserDataOfStoppedInstances() {
        String id = runOne(r -> { }).instanceId();

        ec2Error(() -> ec2().modifyInstanceAttribute(r -> r.instanceId(id).instanceType(v -> v.value("t3.small"))),
                "IncorrectInstanceState");
        ec2().stopInstances(r -> r.instanceIds(id));
        ec2().modifyInstanceAttribute(r -> r.instanceId(id).instanceType(v -> v.value("t3.small")));
        ec2().modifyInstanceAttribute(r -> r.instanceId(id)
                .userData(v -> v.value(SdkBytes.fromUtf8String("#cloud-config\n"))));

        assertThat(describe(id).instanceTypeAsString()).isEqualTo("t3.small");
        assertThat(new String(Base64.getDecoder().decode(attr(id, InstanceAttributeName.USER_DATA).userData().value()),
                StandardCharsets.UTF_8)).isEqualTo("#cloud-config\n");
        ec2().modifyInstanceAttribute(r -> r.instanceId(id).attribute(InstanceAttributeName.INSTANCE_TYPE)
                .value("t3.medium"));
        assertThat(describe(id).instanceTypeAsString()).isEqualTo("t3.medium");
    }

    @Test
    void modifyingOtherAttributesIsRefusedByNameUnlessUnchanged() {
        String id = runOne(r -> { }).instanceId();

        Ec2Exception e = ec2Error(() -> ec2().modifyInstanceAttribute(r -> r.instanceId(id)
                .sourceDestCheck(v -> v.value(false))), "UnsupportedOperation");
        assertThat(e.awsErrorDetails().errorMessage()).contains("sourceDestCheck");
        ec2().modifyInstanceAttribute(r -> r.instanceId(id).sourceDestCheck(v -> v.value(true)));
        ec2Error(() -> ec2().modifyInstanceAttribute(r -> r.instanceId(id)), "MissingParameter");
        ec2Error(() -> ec2().modifyInstanceAttribute(r -> r.instanceId(id).disableApiTermination(v -> v.value(true))
                .ebsOptimized(v -> v.value(false))), "InvalidParameterCombination");
        ec2Error(() -> ec2().modifyInstanceAttribute(r -> r.instanceId(id).disableApiTermination(v -> v.value(true))
                .dryRun(true)), "DryRunOperation");
        assertThat(attr(id, InstanceAttributeName.DISABLE_API_TERMINATION).disableApiTermination().value()).isFalse();
    }

    @Test
    void creditSpecificationsFollowAwsDefaultsPerFamily() {
        String t2 = runOne(r -> r.instanceType("t2.micro")).instanceId();
        String t3 = runOne(r -> r.instanceType("t3.micro")).instanceId();
        String m5 = runOne(r -> r.instanceType("m5.large")).instanceId();

        var named = ec2().describeInstanceCreditSpecifications(r -> r.instanceIds(t2, t3, m5))
                .instanceCreditSpecifications();
        assertThat(named).extracting(c -> c.instanceId() + "=" + c.cpuCredits())
                .containsExactlyInAnyOrder(t2 + "=standard", t3 + "=unlimited");
        assertThat(ec2().describeInstanceCreditSpecifications().instanceCreditSpecifications())
                .extracting(c -> c.instanceId()).containsExactly(t3);
        ec2Error(() -> ec2().describeInstanceCreditSpecifications(r -> r.instanceIds(t2).maxResults(5)),
                "InvalidParameterCombination");
        runOne(r -> r.instanceType("t3.micro").creditSpecification(c -> c.cpuCredits("unlimited")));
        ec2Error(() -> run(r -> r.instanceType("t3.micro").creditSpecification(c -> c.cpuCredits("standard"))),
                "UnsupportedOperation");
    }

    @Test
    void consoleOutputIsBase64OfTheConsole() {
        String id = runOne(r -> { }).instanceId();

        var out = ec2().getConsoleOutput(r -> r.instanceId(id));

        assertThat(out.instanceId()).isEqualTo(id);
        assertThat(out.timestamp()).isNotNull();
        assertThat(new String(Base64.getDecoder().decode(out.output()), StandardCharsets.UTF_8)).contains(id);
        ec2Error(() -> ec2().getConsoleOutput(r -> r.instanceId("i-0123456789abcdef0")), "InvalidInstanceID.NotFound");
    }

    // ---- isolation ----------------------------------------------------------------------------------------------

    @Test
    void anotherAccountNeitherSeesNorTouchesTheInstances() {
        String id = runOne(r -> { }).instanceId();

        assertThat(gw.otherAccount().describeInstances().reservations()).isEmpty();
        ec2Error(() -> gw.otherAccount().describeInstances(r -> r.instanceIds(id)), "InvalidInstanceID.NotFound");
        ec2Error(() -> gw.otherAccount().terminateInstances(r -> r.instanceIds(id)), "InvalidInstanceID.NotFound");
        ec2Error(() -> gw.otherAccount().describeInstanceAttribute(r -> r.instanceId(id)
                .attribute(InstanceAttributeName.USER_DATA)), "InvalidInstanceID.NotFound");
        ec2Error(() -> gw.otherAccount().getConsoleOutput(r -> r.instanceId(id)), "InvalidInstanceID.NotFound");
        assertThat(describe(id).state().nameAsString()).isEqualTo("running");
    }

    @Test
    void uefiDataOfAnInstanceIsItsIdWithAnEmptyStore() {
        Instance instance = runOne(r -> { });
        var uefi = ec2().getInstanceUefiData(r -> r.instanceId(instance.instanceId()));
        assertThat(uefi.instanceId()).isEqualTo(instance.instanceId());
        assertThat(uefi.uefiData()).isNull();
        ec2Error(() -> ec2().getInstanceUefiData(r -> r.instanceId("i-0123456789abcdef0")), "InvalidInstanceID.NotFound");
        ec2Error(() -> ec2().getInstanceUefiData(r -> r.instanceId("instance-1")), "InvalidInstanceID.Malformed");
    }
}
