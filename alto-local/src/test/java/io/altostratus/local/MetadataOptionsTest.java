package io.altostratus.local;

import static io.altostratus.local.TestClouds.metadataOptions;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.altostratus.core.Cloud;
import io.altostratus.core.ec2.Ec2InstanceDetails;
import io.altostratus.core.ec2.Ec2MetadataOptions;
import io.altostratus.core.ec2.InstanceMetadataOptions;
import io.altostratus.core.ec2.MetadataOptionsChange;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.query.InstanceQuery;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.core.spi.Capability;
import io.altostratus.local.internal.Docs;
import io.altostratus.store.StateStore;
import io.altostratus.store.StateStores;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Instance metadata options are state: kept at launch, read back everywhere, changed, and durable. */
class MetadataOptionsTest {
    private static final InstanceMetadataOptions IMDS_V2 = InstanceMetadataOptions.defaults().withTokensRequired(true)
            .withHopLimit(2).withTagsEnabled(true);

    private static LaunchSpec.Builder spec() {
        return LaunchSpec.builder().image("ubuntu:24.04").instanceType("t3.micro");
    }

    private static InstanceMetadataOptions options(Instance instance) {
        return Ec2InstanceDetails.of(instance).metadataOptions();
    }

    private static AltoException error(ThrowingCallable call) {
        AltoException e = catchThrowableOfType(AltoException.class, call);
        assertThat(e).as("expected an AltoException").isNotNull();
        return e;
    }

    @Test
    void launchKeepsTheOptionsAndEveryReadReportsThem() {
        try (TestClouds clouds = new TestClouds(); LocalCloud cloud = clouds.open()) {
            assertThat(Capability.of(cloud)).contains(Capability.INSTANCE_METADATA_OPTIONS);
            List<Instance> launched = cloud.launch(spec().count(2).metadataOptions(IMDS_V2).build());
            Instance plain = cloud.launch(spec().build()).get(0);

            assertThat(launched).extracting(MetadataOptionsTest::options).containsOnly(IMDS_V2);
            assertThat(options(cloud.instance(launched.get(1).id()))).isEqualTo(IMDS_V2);
            assertThat(cloud.instances(InstanceQuery.all())).extracting(Instance::id, MetadataOptionsTest::options)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple(launched.get(0).id(), IMDS_V2),
                            org.assertj.core.groups.Tuple.tuple(launched.get(1).id(), IMDS_V2),
                            org.assertj.core.groups.Tuple.tuple(plain.id(), InstanceMetadataOptions.defaults()));
            assertThat(cloud.instances(InstanceQuery.ids(List.of(launched.get(0).id()))))
                    .singleElement().extracting(MetadataOptionsTest::options).isEqualTo(IMDS_V2);
        }
    }

    @Test
    void modifyChangesOnlyWhatItNamesAndReadsFollow() {
        try (TestClouds clouds = new TestClouds(); LocalCloud cloud = clouds.open()) {
            Instance instance = cloud.launch(spec().metadataOptions(IMDS_V2).build()).get(0);

            InstanceMetadataOptions changed = metadataOptions(cloud).modifyMetadataOptions(instance.id(),
                    new MetadataOptionsChange(false, null, false, null, null));

            InstanceMetadataOptions expected = IMDS_V2.withTokensRequired(false).withEndpointEnabled(false);
            assertThat(changed).isEqualTo(expected);
            Instance after = cloud.instance(instance.id());
            assertThat(options(after)).isEqualTo(expected);
            assertThat(after.toBuilder().details(Ec2InstanceDetails.of(after).withMetadataOptions(IMDS_V2))
                    .state(instance.state()).build())
                    .as("nothing else about the instance changed").isEqualTo(instance);
            assertThat(metadataOptions(cloud)
                    .modifyMetadataOptions(instance.id(), new MetadataOptionsChange(null, null, null, null,
                    null))).as("an empty change answers the current options").isEqualTo(expected);
        }
    }

    @Test
    void aStoppedInstanceCanChangeButAGoneOneCannot() {
        try (TestClouds clouds = new TestClouds(); LocalCloud cloud = clouds.open()) {
            Instance stopped = cloud.launch(spec().build()).get(0);
            cloud.stop(List.of(stopped.id()), false);
            assertThat(cloud.instance(stopped.id()).state()).isEqualTo(InstanceState.STOPPED);

            assertThat(metadataOptions(cloud).modifyMetadataOptions(stopped.id(), MetadataOptionsChange.hopLimit(64))
                    .hopLimit())
                    .isEqualTo(64);
            cloud.start(List.of(stopped.id()));
            assertThat(options(cloud.instance(stopped.id())).hopLimit()).as("kept across a restart")
                    .isEqualTo(64);

            cloud.terminate(List.of(stopped.id()));
            AltoException gone = error(() -> metadataOptions(cloud).modifyMetadataOptions(stopped.id(),
                    MetadataOptionsChange.tokensRequired(true)));
            assertThat(gone.code()).isEqualTo(ErrorCode.INVALID_STATE);
            assertThat(gone.providerCode()).isEqualTo("IncorrectInstanceState");
        }
    }

    @Test
    void unknownAndOtherAccountsInstancesAreNotFound() {
        try (TestClouds clouds = new TestClouds(); LocalCloud cloud = clouds.open();
             LocalCloud other = clouds.open(TestClouds.OTHER_ACCOUNT, "us-east-1")) {
            Instance mine = cloud.launch(spec().build()).get(0);

            for (ThrowingCallable call : List.<ThrowingCallable>of(
                    () -> metadataOptions(cloud)
                            .modifyMetadataOptions("i-0fedcba9876543210", MetadataOptionsChange.hopLimit(2)),
                    () -> metadataOptions(other).modifyMetadataOptions(mine.id(), MetadataOptionsChange.hopLimit(2)))) {
                AltoException e = error(call);
                assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
                assertThat(e.providerCode()).isEqualTo("InvalidInstanceID.NotFound");
            }
            assertThat(options(cloud.instance(mine.id()))).isEqualTo(InstanceMetadataOptions.defaults());
        }
    }

    @Test
    void aClientTokenReusedWithOtherOptionsIsAMismatch() {
        try (TestClouds clouds = new TestClouds(); LocalCloud cloud = clouds.open()) {
            Instance first = cloud.launch(spec().clientToken("imds-1").metadataOptions(IMDS_V2).build()).get(0);

            assertThat(cloud.launch(spec().clientToken("imds-1").metadataOptions(IMDS_V2).build()))
                    .extracting(Instance::id).containsExactly(first.id());
            AltoException e = error(() -> cloud.launch(spec().clientToken("imds-1").build()));
            assertThat(e.providerCode()).isEqualTo("IdempotentParameterMismatch");
        }
    }

    @Test
    void theFacadeTakesOptionsFromAProviderThatDeclaresThem() {
        try (TestClouds clouds = new TestClouds(); Cloud cloud = new Cloud(clouds.open())) {
            Instance launched = cloud.launch(spec().metadataOptions(IMDS_V2).build()).get(0);
            assertThat(cloud.require(Ec2MetadataOptions.class).modifyMetadataOptions(launched.id(),
                    MetadataOptionsChange.tokensRequired(false)))
                    .isEqualTo(IMDS_V2.withTokensRequired(false));
        }
    }

    @Test
    void optionsSurviveReopeningTheStateDirectory(@TempDir Path dir) {
        String launchedId;
        String modifiedId;
        try (TestClouds clouds = new TestClouds(StateStores.open(dir)); LocalCloud cloud = clouds.open()) {
            launchedId = cloud.launch(spec().metadataOptions(IMDS_V2).build()).get(0).id();
            modifiedId = cloud.launch(spec().build()).get(0).id();
            metadataOptions(cloud)
                    .modifyMetadataOptions(modifiedId, new MetadataOptionsChange(true, 5, null, true, null));
        }

        try (TestClouds clouds = new TestClouds(StateStores.open(dir)); LocalCloud cloud = clouds.open()) {
            assertThat(options(cloud.instance(launchedId))).isEqualTo(IMDS_V2);
            assertThat(options(cloud.instance(modifiedId)))
                    .isEqualTo(new InstanceMetadataOptions(true, 5, true, true, false));
        }
    }

    /**
     * Instances stored before the options were kept have no such field in their document; they read with EC2's
     * defaults (what they were launched with) and can be changed like any other.
     */
    @Test
    void documentsWrittenBeforeTheOptionsExistedReadAsDefaults(@TempDir Path dir) {
        String id;
        String scope = TestClouds.ACCOUNT + "/us-east-1";
        try (TestClouds clouds = new TestClouds(StateStores.open(dir)); LocalCloud cloud = clouds.open()) {
            id = cloud.launch(spec().metadataOptions(IMDS_V2).build()).get(0).id();
            StateStore store = clouds.store;
            // Rewrite the stored document as an older build wrote it: the same JSON without the field.
            Map<String, Object> old = new LinkedHashMap<>();
            store.read(view -> view.get(Docs.INSTANCE, scope, id, Map.class).orElseThrow())
                    .forEach((k, v) -> old.put(String.valueOf(k), v));
            assertThat(old).containsKey("metadataOptions");
            old.remove("metadataOptions");
            store.write(tx -> {
                tx.put(Docs.INSTANCE, scope, id, old);
                return null;
            });
        }

        try (TestClouds clouds = new TestClouds(StateStores.open(dir)); LocalCloud cloud = clouds.open()) {
            assertThat(options(cloud.instance(id))).isEqualTo(InstanceMetadataOptions.defaults());
            assertThat(cloud.instances(InstanceQuery.all())).singleElement()
                    .extracting(MetadataOptionsTest::options).isEqualTo(InstanceMetadataOptions.defaults());

            assertThat(metadataOptions(cloud).modifyMetadataOptions(id, MetadataOptionsChange.tokensRequired(true)))
                    .isEqualTo(InstanceMetadataOptions.defaults().withTokensRequired(true));
            assertThat(options(cloud.instance(id)).tokensRequired()).isTrue();
        }
    }
}
