package io.altostratus.gateway.action;

import static io.altostratus.gateway.action.Ec2Calls.assertDryRun;
import static io.altostratus.gateway.action.Ec2Calls.ec2Error;
import static io.altostratus.gateway.action.Ec2Calls.filter;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.LaunchTemplate;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateTagSpecificationRequest;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateVersion;
import software.amazon.awssdk.services.ec2.model.RequestLaunchTemplateData;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;

/** Launch templates and versions through the SDK, and RunInstances from a template with overrides. */
class LaunchTemplateActionsTest {
    @RegisterExtension
    final GatewayHarness gw = new GatewayHarness();

    private String imageId;
    private String groupId;

    private Ec2Client ec2() {
        return gw.client();
    }

    @BeforeEach
    void setUp() {
        imageId = ec2().describeImages(r -> r.owners("099720109477").filters(filter("architecture", "x86_64")))
                .images().get(0).imageId();
        String vpc = ec2().describeVpcs(r -> r.filters(filter("is-default", "true"))).vpcs().get(0).vpcId();
        groupId = ec2().createSecurityGroup(r -> r.groupName("app").description("app").vpcId(vpc)).groupId();
    }

    private RequestLaunchTemplateData data(String type) {
        return RequestLaunchTemplateData.builder().imageId(imageId).instanceType(type)
                .securityGroupIds(groupId).userData("IyEvYmluL3NoCmVjaG8gaGVsbG8K")
                .metadataOptions(m -> m.httpTokens("required").httpPutResponseHopLimit(2))
                .tagSpecifications(LaunchTemplateTagSpecificationRequest.builder().resourceType(ResourceType.INSTANCE)
                        .tags(Tag.builder().key("role").value("app").build()).build())
                .build();
    }

    private LaunchTemplate create(String name) {
        return ec2().createLaunchTemplate(r -> r.launchTemplateName(name).versionDescription("first")
                .launchTemplateData(data("t3.micro"))).launchTemplate();
    }

    @Test
    void versionsDefaultsAndTheirData() {
        LaunchTemplate made = create("app");
        assertThat(made.launchTemplateId()).matches("lt-[0-9a-f]{17}");
        assertThat(made.defaultVersionNumber()).isEqualTo(1L);
        assertThat(made.latestVersionNumber()).isEqualTo(1L);
        assertThat(made.createdBy()).isEqualTo("arn:aws:iam::" + gw.account() + ":root");
        String id = made.launchTemplateId();

        LaunchTemplateVersion second = ec2().createLaunchTemplateVersion(r -> r.launchTemplateId(id)
                .sourceVersion("1").versionDescription("bigger")
                .launchTemplateData(d -> d.instanceType("t3.large"))).launchTemplateVersion();
        assertThat(second.versionNumber()).isEqualTo(2L);
        assertThat(second.defaultVersion()).isFalse();
        // Built on version 1: what it did not set comes from there.
        assertThat(second.launchTemplateData().instanceTypeAsString()).isEqualTo("t3.large");
        assertThat(second.launchTemplateData().imageId()).isEqualTo(imageId);
        assertThat(second.launchTemplateData().securityGroupIds()).containsExactly(groupId);
        assertThat(second.launchTemplateData().metadataOptions().httpTokensAsString()).isEqualTo("required");
        assertThat(second.launchTemplateData().metadataOptions().httpPutResponseHopLimit()).isEqualTo(2);

        assertThat(version(id, "$Latest").versionNumber()).isEqualTo(2L);
        assertThat(version(id, "$Default").versionNumber()).isEqualTo(1L);
        assertThat(ec2().describeLaunchTemplateVersions(r -> r.launchTemplateName("app")).launchTemplateVersions())
                .extracting(LaunchTemplateVersion::versionDescription).containsExactly("first", "bigger");
        assertThat(ec2().describeLaunchTemplateVersions(r -> r.launchTemplateId(id)
                .filters(filter("instance-type", "t3.large"))).launchTemplateVersions())
                .extracting(LaunchTemplateVersion::versionNumber).containsExactly(2L);

        LaunchTemplate modified = ec2().modifyLaunchTemplate(r -> r.launchTemplateId(id).defaultVersion("2"))
                .launchTemplate();
        assertThat(modified.defaultVersionNumber()).isEqualTo(2L);
        assertThat(version(id, "$Default").versionNumber()).isEqualTo(2L);

        var deleted = ec2().deleteLaunchTemplateVersions(r -> r.launchTemplateId(id).versions("1", "2", "7"));
        assertThat(deleted.successfullyDeletedLaunchTemplateVersions()).singleElement()
                .satisfies(s -> assertThat(s.versionNumber()).isEqualTo(1L));
        assertThat(deleted.unsuccessfullyDeletedLaunchTemplateVersions())
                .extracting(e -> e.versionNumber() + ":" + e.responseError().codeAsString())
                .containsExactly("2:launchTemplateVersionIsDefault", "7:launchTemplateVersionDoesNotExist");
        ec2Error(() -> version(id, "1"), "InvalidLaunchTemplateId.VersionNotFound");

        assertThat(ec2().deleteLaunchTemplate(r -> r.launchTemplateName("app")).launchTemplate().launchTemplateId())
                .isEqualTo(id);
        ec2Error(() -> ec2().describeLaunchTemplates(r -> r.launchTemplateIds(id)),
                "InvalidLaunchTemplateId.NotFound");
    }

    private LaunchTemplateVersion version(String id, String version) {
        return ec2().describeLaunchTemplateVersions(r -> r.launchTemplateId(id).versions(version))
                .launchTemplateVersions().get(0);
    }

    @Test
    void runInstancesFromATemplateWithOverrides() {
        String id = create("web").launchTemplateId();
        Instance fromTemplate = ec2().runInstances(r -> r.minCount(1).maxCount(1)
                .launchTemplate(t -> t.launchTemplateId(id).version("$Latest"))).instances().get(0);
        assertThat(fromTemplate.imageId()).isEqualTo(imageId);
        assertThat(fromTemplate.instanceTypeAsString()).isEqualTo("t3.micro");
        assertThat(fromTemplate.securityGroups()).extracting(g -> g.groupId()).containsExactly(groupId);
        assertThat(fromTemplate.metadataOptions().httpTokensAsString()).isEqualTo("required");
        Map<String, String> tags = fromTemplate.tags().stream().collect(Collectors.toMap(Tag::key, Tag::value));
        assertThat(tags).containsEntry("role", "app").containsEntry("aws:ec2launchtemplate:id", id)
                .containsEntry("aws:ec2launchtemplate:version", "1");

        Instance overridden = ec2().runInstances(r -> r.minCount(1).maxCount(1).instanceType("t3.small")
                .tagSpecifications(Ec2Calls.tags(ResourceType.INSTANCE, "Name", "web-1"))
                .launchTemplate(t -> t.launchTemplateName("web"))).instances().get(0);
        assertThat(overridden.instanceTypeAsString()).isEqualTo("t3.small");
        assertThat(overridden.tags()).extracting(Tag::key).contains("Name", "role");
        String userData = ec2().describeInstanceAttribute(r -> r.instanceId(overridden.instanceId())
                .attribute("userData")).userData().value();
        assertThat(userData).isEqualTo("IyEvYmluL3NoCmVjaG8gaGVsbG8K");

        ec2Error(() -> ec2().runInstances(r -> r.minCount(1).maxCount(1)
                .launchTemplate(t -> t.launchTemplateId(id).version("9"))), "InvalidLaunchTemplateId.VersionNotFound");
        ec2Error(() -> ec2().runInstances(r -> r.minCount(1).maxCount(1)
                .launchTemplate(t -> t.launchTemplateName("nope"))), "InvalidLaunchTemplateName.NotFoundException");
        // Only EC2 sets its aws: tags.
        ec2Error(() -> ec2().runInstances(r -> r.minCount(1).maxCount(1).launchTemplate(t -> t.launchTemplateId(id))
                .tagSpecifications(Ec2Calls.tags(ResourceType.INSTANCE, "aws:ec2launchtemplate:id", "lt-x"))),
                "InvalidParameterValue");
    }

    @Test
    void namesFiltersPagingDryRunAndAccounts() {
        create("one");
        create("two");
        create("three");
        ec2Error(() -> create("one"), "InvalidLaunchTemplateName.AlreadyExistsException");
        ec2Error(() -> create("x"), "InvalidLaunchTemplateName.MalformedException");
        assertThat(ec2().describeLaunchTemplates(r -> r.filters(filter("launch-template-name", "t*")))
                .launchTemplates()).extracting(LaunchTemplate::launchTemplateName)
                .containsExactlyInAnyOrder("two", "three");
        var page = ec2().describeLaunchTemplates(r -> r.maxResults(2));
        assertThat(page.launchTemplates()).hasSize(2);
        var rest = ec2().describeLaunchTemplates(r -> r.maxResults(2).nextToken(page.nextToken()));
        assertThat(rest.launchTemplates()).hasSize(1);
        assertThat(rest.nextToken()).isNull();
        ec2Error(() -> ec2().describeLaunchTemplates(r -> r.launchTemplateNames("four")),
                "InvalidLaunchTemplateName.NotFoundException");
        assertThat(ec2().describeLaunchTemplateVersions(r -> r.versions("$Latest")).launchTemplateVersions())
                .hasSize(3);
        assertDryRun(() -> ec2().createLaunchTemplate(r -> r.launchTemplateName("dry")
                .launchTemplateData(data("t3.micro")).dryRun(true)));
        assertDryRun(() -> ec2().describeLaunchTemplates(r -> r.dryRun(true)));
        assertDryRun(() -> ec2().deleteLaunchTemplate(r -> r.launchTemplateName("one").dryRun(true)));
        assertThat(gw.otherAccount().describeLaunchTemplates().launchTemplates()).isEmpty();
        String two = ec2().describeLaunchTemplates(r -> r.launchTemplateNames("two")).launchTemplates().get(0)
                .launchTemplateId();
        ec2().createTags(r -> r.resources(two).tags(t -> t.key("env").value("prod")));
        assertThat(ec2().describeLaunchTemplates(r -> r.filters(filter("tag:env", "prod"))).launchTemplates())
                .extracting(LaunchTemplate::launchTemplateName).containsExactly("two");
    }

    @Test
    void launchTemplateDataOfAnInstanceMakesATemplateThatLaunchesTheSame() {
        String id = create("source").launchTemplateId();
        Instance instance = ec2().runInstances(r -> r.minCount(1).maxCount(1)
                .launchTemplate(t -> t.launchTemplateId(id))).instances().get(0);
        var data = ec2().getLaunchTemplateData(r -> r.instanceId(instance.instanceId())).launchTemplateData();
        assertThat(data.imageId()).isEqualTo(imageId);
        assertThat(data.instanceTypeAsString()).isEqualTo("t3.micro");
        assertThat(data.userData()).isEqualTo("IyEvYmluL3NoCmVjaG8gaGVsbG8K");
        assertThat(data.metadataOptions().httpTokensAsString()).isEqualTo("required");
        assertThat(data.networkInterfaces()).singleElement().satisfies(n -> {
            assertThat(n.deviceIndex()).isZero();
            assertThat(n.groups()).containsExactly(groupId);
            assertThat(n.subnetId()).isEqualTo(instance.subnetId());
        });
        assertThat(data.tagSpecifications()).singleElement()
                .satisfies(t -> assertThat(t.tags()).extracting(Tag::key).containsExactly("role"));
        ec2Error(() -> ec2().getLaunchTemplateData(r -> r.instanceId("i-0123456789abcdef0")),
                "InvalidInstanceID.NotFound");
        assertDryRun(() -> ec2().getLaunchTemplateData(r -> r.instanceId(instance.instanceId()).dryRun(true)));
    }
}
