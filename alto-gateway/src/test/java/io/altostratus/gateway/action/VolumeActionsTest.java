package io.altostratus.gateway.action;

import static io.altostratus.gateway.action.Ec2Calls.filter;
import static io.altostratus.gateway.action.Ec2Calls.tags;
import static io.altostratus.gateway.action.Ec2Calls.ec2Error;
import static io.altostratus.gateway.action.Ec2Calls.code;
import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.core.model.Instance;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.model.CreateVolumeResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.Volume;
import software.amazon.awssdk.services.ec2.model.VolumeAttachmentState;
import software.amazon.awssdk.services.ec2.model.VolumeState;
import software.amazon.awssdk.services.ec2.model.VolumeStatusItem;
import software.amazon.awssdk.services.ec2.model.VolumeType;

class VolumeActionsTest {
    @RegisterExtension
    final GatewayHarness gw = new GatewayHarness();

    private CreateVolumeResponse create(String zone, int size, VolumeType type, String... tagKeyValues) {
        return gw.client().createVolume(r -> r.availabilityZone(zone).size(size).volumeType(type)
                .tagSpecifications(tags(ResourceType.VOLUME, tagKeyValues)));
    }

    private List<String> idsMatching(Filter... filters) {
        return gw.client().describeVolumes(r -> r.filters(filters)).volumes().stream().map(Volume::volumeId).toList();
    }

    @Test
    void createVolumeAnswersTheVolumeAtTopLevelAndDescribeShowsTheSame() {
        CreateVolumeResponse created = create("us-east-1a", 10, VolumeType.GP3, "Name", "data", "team", "infra");

        assertThat(created.volumeId()).matches("vol-[0-9a-f]{17}");
        assertThat(created.size()).isEqualTo(10);
        assertThat(created.availabilityZone()).isEqualTo("us-east-1a");
        assertThat(created.availabilityZoneId()).startsWith("use1-az");
        assertThat(created.state()).isEqualTo(VolumeState.AVAILABLE);
        assertThat(created.volumeType()).isEqualTo(VolumeType.GP3);
        assertThat(created.iops()).isEqualTo(3000);
        assertThat(created.throughput()).isEqualTo(125);
        assertThat(created.encrypted()).isFalse();
        assertThat(created.multiAttachEnabled()).isFalse();
        assertThat(created.createTime()).isNotNull();
        assertThat(created.tags()).extracting(Tag::key, Tag::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Name", "data"),
                        org.assertj.core.groups.Tuple.tuple("team", "infra"));

        Volume described = gw.client().describeVolumes(r -> r.volumeIds(created.volumeId())).volumes().get(0);
        assertThat(gw.lastBody()).contains("<attachmentSet/>");
        assertThat(described.attachments()).isEmpty();
        assertThat(described.size()).isEqualTo(10);
        assertThat(described.createTime()).isEqualTo(created.createTime());
        assertThat(described.iops()).isEqualTo(3000);
        assertThat(described.throughput()).isEqualTo(125);
        assertThat(described.multiAttachEnabled()).isFalse();
        assertThat(described.tags()).hasSize(2);
    }

    @Test
    void defaultsFollowEc2AndTypesReportIopsAsEc2Does() {
        var gp2 = gw.client().createVolume(r -> r.availabilityZone("us-east-1a").size(100));
        var io1 = gw.client().createVolume(r -> r.availabilityZone("us-east-1a").size(10).volumeType(VolumeType.IO1)
                .iops(500));
        var st1 = gw.client().createVolume(r -> r.availabilityZone("us-east-1a").size(500).volumeType(VolumeType.ST1));
        var encrypted = gw.client().createVolume(r -> r.availabilityZone("us-east-1b").size(1).encrypted(true));

        gw.client().describeVolumes(r -> r.volumeIds(gp2.volumeId()));
        // EC2 always sends the lists, empty or not; SDKs and Terraform rely on them being there.
        assertThat(gw.lastBody()).contains("<attachmentSet/>", "<tagSet/>");
        assertThat(gp2.volumeType()).isEqualTo(VolumeType.GP2);
        assertThat(gp2.iops()).isEqualTo(300);
        assertThat(gp2.throughput()).isNull();
        assertThat(io1.iops()).isEqualTo(500);
        assertThat(st1.iops()).isNull();
        assertThat(encrypted.encrypted()).isTrue();
        assertThat(idsMatching(filter("encrypted", "true"))).containsExactly(encrypted.volumeId());
    }

    @Test
    void createVolumeRefusesBadInputWithEc2Codes() {
        assertThat(code(() -> gw.client().createVolume(r -> r.size(10)))).isEqualTo("MissingParameter");
        assertThat(code(() -> gw.client().createVolume(r -> r.availabilityZone("us-east-1a"))))
                .isEqualTo("MissingParameter");
        assertThat(code(() -> gw.client().createVolume(r -> r.availabilityZone("us-east-1q").size(1))))
                .isEqualTo("InvalidZone.NotFound");
        assertThat(code(() -> gw.client().createVolume(r -> r.availabilityZone("us-east-1a").size(10)
                .volumeType(VolumeType.IO2)))).isEqualTo("MissingParameter");
        assertThat(code(() -> gw.client().createVolume(r -> r.availabilityZone("us-east-1a").size(1)
                .volumeType(VolumeType.GP2).iops(3000)))).isEqualTo("InvalidParameterCombination");
        assertThat(code(() -> gw.client().createVolume(r -> r.availabilityZone("us-east-1a").size(20000)
                .volumeType(VolumeType.GP2)))).isEqualTo("InvalidParameterValue");
        assertThat(code(() -> gw.client().createVolume(r -> r.availabilityZone("us-east-1a").size(10)
                .volumeType(VolumeType.ST1)))).isEqualTo("InvalidParameterValue");
        assertThat(code(() -> gw.client().createVolume(r -> r.availabilityZone("us-east-1a").size(1)
                .volumeType("floppy")))).isEqualTo("InvalidParameterValue");
        assertThat(code(() -> gw.client().createVolume(r -> r.availabilityZone("us-east-1a").size(1)
                .tagSpecifications(tags(ResourceType.INSTANCE, "a", "b"))))).isEqualTo("InvalidParameterValue");
        assertThat(code(() -> gw.client().createVolume(r -> r.availabilityZone("us-east-1a").size(1)
                .snapshotId("snap-nothex")))).isEqualTo("InvalidSnapshotID.Malformed");
        assertThat(code(() -> gw.client().createVolume(r -> r.availabilityZone("us-east-1a").size(1)
                .snapshotId("snap-0123456789abcdef0")))).isEqualTo("InvalidSnapshot.NotFound");
        assertThat(gw.client().describeVolumes().volumes()).isEmpty();
    }

    @Test
    void describeVolumesByIdFailsForMalformedUnknownAndPagedRequests() {
        String id = create("us-east-1a", 1, VolumeType.GP3).volumeId();

        assertThat(code(() -> gw.client().describeVolumes(r -> r.volumeIds("vol-xyz"))))
                .isEqualTo("InvalidVolumeID.Malformed");
        Ec2Exception unknown = ec2Error(() -> gw.client().describeVolumes(r -> r.volumeIds(id,
                "vol-0123456789abcdef0")));
        assertThat(unknown.awsErrorDetails().errorCode()).isEqualTo("InvalidVolume.NotFound");
        assertThat(unknown.awsErrorDetails().errorMessage()).contains("vol-0123456789abcdef0").doesNotContain(id);
        assertThat(code(() -> gw.client().describeVolumes(r -> r.volumeIds(id).maxResults(5))))
                .isEqualTo("InvalidParameterCombination");
        assertThat(code(() -> gw.client().describeVolumes(r -> r.maxResults(4)))).isEqualTo("InvalidParameterValue");
        assertThat(code(() -> gw.client().describeVolumes(r -> r.maxResults(501)))).isEqualTo("InvalidParameterValue");
    }

    @Test
    void filtersOrValuesAndFiltersAndWildcardsAndTags() {
        String a = create("us-east-1a", 10, VolumeType.GP3, "Name", "web-1", "env", "prod").volumeId();
        String b = create("us-east-1b", 20, VolumeType.GP2, "Name", "web-2", "env", "dev").volumeId();
        String c = create("us-east-1a", 30, VolumeType.GP2, "Name", "db-1").volumeId();

        assertThat(idsMatching(filter("size", "10", "30"))).containsExactlyInAnyOrder(a, c);
        assertThat(idsMatching(filter("volume-type", "gp2"), filter("availability-zone", "us-east-1a")))
                .containsExactly(c);
        assertThat(idsMatching(filter("tag:Name", "web-*"))).containsExactlyInAnyOrder(a, b);
        assertThat(idsMatching(filter("tag:Name", "web-?"), filter("tag:env", "prod"))).containsExactly(a);
        assertThat(idsMatching(filter("tag-key", "env"))).containsExactlyInAnyOrder(a, b);
        assertThat(idsMatching(filter("tag-value", "dev", "db-1"))).containsExactlyInAnyOrder(b, c);
        assertThat(idsMatching(filter("volume-id", b))).containsExactly(b);
        assertThat(idsMatching(filter("status", "available"), filter("size", "2*"))).containsExactly(b);
        assertThat(idsMatching(filter("snapshot-id", ""))).containsExactlyInAnyOrder(a, b, c);
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        assertThat(idsMatching(filter("create-time", today + "T*"))).containsExactlyInAnyOrder(a, b, c);
        assertThat(idsMatching(filter("size", "11"))).isEmpty();
        assertThat(code(() -> idsMatching(filter("colour", "red")))).isEqualTo("InvalidParameterValue");
    }

    @Test
    void attachDetachAndDeleteFollowTheAttachment() {
        Instance instance = gw.launch("us-east-1a");
        String id = create("us-east-1a", 8, VolumeType.GP3, "role", "data").volumeId();

        var attached = gw.client().attachVolume(r -> r.volumeId(id).instanceId(instance.id()).device("/dev/sdf"));
        assertThat(attached.volumeId()).isEqualTo(id);
        assertThat(attached.instanceId()).isEqualTo(instance.id());
        assertThat(attached.device()).isEqualTo("/dev/sdf");
        assertThat(attached.state()).isIn(VolumeAttachmentState.ATTACHING, VolumeAttachmentState.ATTACHED);
        assertThat(attached.attachTime()).isNotNull();

        Volume inUse = gw.client().describeVolumes(r -> r.volumeIds(id)).volumes().get(0);
        assertThat(inUse.state()).isEqualTo(VolumeState.IN_USE);
        assertThat(inUse.attachments()).singleElement().satisfies(att -> {
            assertThat(att.instanceId()).isEqualTo(instance.id());
            assertThat(att.device()).isEqualTo("/dev/sdf");
            assertThat(att.deleteOnTermination()).isFalse();
        });
        assertThat(idsMatching(filter("attachment.instance-id", instance.id()), filter("tag:role", "data")))
                .containsExactly(id);
        assertThat(idsMatching(filter("attachment.device", "/dev/sdf"))).containsExactly(id);
        assertThat(idsMatching(filter("attachment.status", "attached"), filter("attachment.delete-on-termination",
                "false"))).contains(id);

        assertThat(code(() -> gw.client().deleteVolume(r -> r.volumeId(id)))).isEqualTo("VolumeInUse");
        assertThat(code(() -> gw.client().attachVolume(r -> r.volumeId(id).instanceId(instance.id())
                .device("/dev/sdg")))).isEqualTo("VolumeInUse");
        assertThat(code(() -> gw.client().detachVolume(r -> r.volumeId(id).instanceId("i-0123456789abcdef0"))))
                .isEqualTo("InvalidAttachment.NotFound");

        var detached = gw.client().detachVolume(r -> r.volumeId(id));
        assertThat(detached.instanceId()).isEqualTo(instance.id());
        assertThat(detached.device()).isEqualTo("/dev/sdf");
        assertThat(detached.state()).isIn(VolumeAttachmentState.DETACHING, VolumeAttachmentState.DETACHED);
        assertThat(gw.client().describeVolumes(r -> r.volumeIds(id)).volumes().get(0).state())
                .isEqualTo(VolumeState.AVAILABLE);
        assertThat(code(() -> gw.client().detachVolume(r -> r.volumeId(id)))).isEqualTo("IncorrectState");

        gw.client().deleteVolume(r -> r.volumeId(id));
        assertThat(code(() -> gw.client().describeVolumes(r -> r.volumeIds(id)))).isEqualTo("InvalidVolume.NotFound");
        assertThat(code(() -> gw.client().deleteVolume(r -> r.volumeId(id)))).isEqualTo("InvalidVolume.NotFound");
    }

    @Test
    void attachingAcrossZonesOrToUnknownInstancesFails() {
        Instance instance = gw.launch("us-east-1a");
        String elsewhere = create("us-east-1b", 8, VolumeType.GP3).volumeId();

        assertThat(code(() -> gw.client().attachVolume(r -> r.volumeId(elsewhere).instanceId(instance.id())
                .device("/dev/sdf")))).isEqualTo("InvalidVolume.ZoneMismatch");
        assertThat(code(() -> gw.client().attachVolume(r -> r.volumeId(elsewhere).instanceId("i-0123456789abcdef0")
                .device("/dev/sdf")))).isEqualTo("InvalidInstanceID.NotFound");
        assertThat(code(() -> gw.client().attachVolume(r -> r.volumeId(elsewhere).instanceId("instance-1")
                .device("/dev/sdf")))).isEqualTo("InvalidInstanceID.Malformed");
    }

    @Test
    void pagesWalkEveryVolumeOnce() {
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            made.add(create("us-east-1c", 1 + i, VolumeType.GP3, "batch", "paged").volumeId());
        }
        List<Integer> pageSizes = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        gw.client().describeVolumesPaginator(r -> r.maxResults(5).filters(filter("tag:batch", "paged")))
                .forEach(page -> {
                    pageSizes.add(page.volumes().size());
                    page.volumes().forEach(v -> seen.add(v.volumeId()));
                });

        assertThat(pageSizes).containsExactly(5, 5, 2);
        assertThat(seen).containsExactlyInAnyOrderElementsOf(made).doesNotHaveDuplicates();
        assertThat(code(() -> gw.client().describeVolumes(r -> r.maxResults(5).nextToken("garbage"))))
                .isEqualTo("InvalidParameterValue");
    }

    @Test
    void dryRunValidatesThenAnswersDryRunOperationWithoutActing() {
        Ec2Exception dry = ec2Error(() -> gw.client().createVolume(r -> r.availabilityZone("us-east-1a").size(5)
                .dryRun(true)));
        assertThat(dry.statusCode()).isEqualTo(412);
        assertThat(dry.awsErrorDetails().errorCode()).isEqualTo("DryRunOperation");
        assertThat(dry.awsErrorDetails().errorMessage()).isEqualTo("Request would have succeeded, but DryRun flag is set.");
        assertThat(gw.client().describeVolumes().volumes()).isEmpty();
        assertThat(code(() -> gw.client().createVolume(r -> r.availabilityZone("us-east-1q").size(5).dryRun(true))))
                .isEqualTo("InvalidZone.NotFound");

        String id = create("us-east-1a", 5, VolumeType.GP3).volumeId();
        assertThat(code(() -> gw.client().deleteVolume(r -> r.volumeId(id).dryRun(true)))).isEqualTo("DryRunOperation");
        assertThat(code(() -> gw.client().describeVolumes(r -> r.dryRun(true)))).isEqualTo("DryRunOperation");
        assertThat(gw.client().describeVolumes(r -> r.volumeIds(id)).volumes()).hasSize(1);
    }

    @Test
    void otherAccountsNeitherSeeNorTouchTheVolumes() {
        String id = create("us-east-1a", 5, VolumeType.GP3).volumeId();

        assertThat(gw.otherAccount().describeVolumes().volumes()).isEmpty();
        assertThat(code(() -> gw.otherAccount().describeVolumes(r -> r.volumeIds(id))))
                .isEqualTo("InvalidVolume.NotFound");
        assertThat(code(() -> gw.otherAccount().deleteVolume(r -> r.volumeId(id)))).isEqualTo("InvalidVolume.NotFound");
        assertThat(gw.client().describeVolumes(r -> r.volumeIds(id)).volumes()).hasSize(1);
    }

    @Test
    void volumeStatusAndAttributes() {
        String a = create("us-east-1a", 5, VolumeType.GP3).volumeId();
        String b = create("us-east-1b", 5, VolumeType.GP3).volumeId();

        List<VolumeStatusItem> statuses = gw.client().describeVolumeStatus().volumeStatuses();
        assertThat(statuses).extracting(VolumeStatusItem::volumeId).containsExactlyInAnyOrder(a, b);
        assertThat(statuses).allSatisfy(s -> {
            assertThat(s.volumeStatus().statusAsString()).isEqualTo("ok");
            assertThat(s.volumeStatus().details()).extracting(d -> d.nameAsString()).contains("io-enabled");
            assertThat(s.events()).isEmpty();
        });
        assertThat(gw.client().describeVolumeStatus(r -> r.filters(filter("availability-zone", "us-east-1b")))
                .volumeStatuses()).extracting(VolumeStatusItem::volumeId).containsExactly(b);
        assertThat(code(() -> gw.client().describeVolumeStatus(r -> r.volumeIds("vol-0123456789abcdef0"))))
                .isEqualTo("InvalidVolume.NotFound");

        var autoEnable = gw.client().describeVolumeAttribute(r -> r.volumeId(a).attribute("autoEnableIO"));
        assertThat(autoEnable.volumeId()).isEqualTo(a);
        assertThat(autoEnable.autoEnableIO().value()).isFalse();
        var productCodes = gw.client().describeVolumeAttribute(r -> r.volumeId(a).attribute("productCodes"));
        assertThat(productCodes.productCodes()).isEmpty();
        assertThat(code(() -> gw.client().describeVolumeAttribute(r -> r.volumeId("vol-0123456789abcdef0")
                .attribute("autoEnableIO")))).isEqualTo("InvalidVolume.NotFound");
    }
}
