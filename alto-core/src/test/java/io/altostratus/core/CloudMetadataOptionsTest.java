package io.altostratus.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.altostratus.core.ec2.Ec2InstanceDetails;
import io.altostratus.core.ec2.Ec2MetadataOptions;
import io.altostratus.core.ec2.InstanceMetadataOptions;
import io.altostratus.core.ec2.MetadataOptionsChange;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.core.spi.Capability;
import io.altostratus.core.testing.FakeProvider;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The façade takes metadata options only from providers that offer them, and never fakes them. */
class CloudMetadataOptionsTest {
    private static final InstanceMetadataOptions REQUIRED = InstanceMetadataOptions.defaults().withTokensRequired(true);

    /** Records launches; offers nothing beyond the core. */
    private static class Recording extends FakeProvider {
        final List<String> calls = new ArrayList<>();

        @Override
        public List<Instance> launch(LaunchSpec spec) {
            calls.add("launch " + spec.metadataOptions());
            return List.of(Instance.builder().id("i-1").state(InstanceState.PENDING)
                    .details(new Ec2InstanceDetails("r-1", 0, "/dev/sda1", spec.metadataOptions(), null)).build());
        }
    }

    /** Records launches and offers the metadata-options extension. */
    private static final class WithOptions extends Recording implements Ec2MetadataOptions {
        @Override
        public InstanceMetadataOptions modifyMetadataOptions(String instanceId, MetadataOptionsChange change) {
            calls.add("modify " + instanceId);
            return change.applyTo(InstanceMetadataOptions.defaults());
        }
    }

    private static LaunchSpec.Builder spec() {
        return LaunchSpec.builder().image("ubuntu:24.04").instanceType("t3.micro");
    }

    private static void assertUnsupported(ThrowingCallable call) {
        AltoException e = catchThrowableOfType(AltoException.class, call);
        assertThat(e).as("expected an AltoException").isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED);
    }

    @Test
    void withoutTheExtensionOptionsAreRefusedBeforeTheProviderIsAsked() {
        Recording provider = new Recording();
        Cloud cloud = new Cloud(provider);

        assertThat(cloud.supports(Capability.INSTANCE_METADATA_OPTIONS)).isFalse();
        assertUnsupported(() -> cloud.launch(spec().metadataOptions(REQUIRED).build()));
        assertUnsupported(() -> cloud.require(Ec2MetadataOptions.class)
                .modifyMetadataOptions("i-1", MetadataOptionsChange.tokensRequired(true)));
        assertThat(provider.calls).as("nothing reached the provider").isEmpty();

        cloud.launch(spec().build());
        assertThat(provider.calls).as("a launch without options still goes through").containsExactly("launch null");
    }

    @Test
    void withTheExtensionTheFacadePassesOptionsThrough() {
        WithOptions provider = new WithOptions();
        Cloud cloud = new Cloud(provider);

        assertThat(cloud.supports(Capability.INSTANCE_METADATA_OPTIONS)).isTrue();
        Instance launched = cloud.launch(spec().metadataOptions(REQUIRED).build()).get(0);
        InstanceMetadataOptions changed = cloud.require(Ec2MetadataOptions.class)
                .modifyMetadataOptions("i-1", MetadataOptionsChange.hopLimit(5));

        assertThat(Ec2InstanceDetails.of(launched).metadataOptions()).isEqualTo(REQUIRED);
        assertThat(changed).isEqualTo(InstanceMetadataOptions.defaults().withHopLimit(5));
        assertThat(provider.calls).containsExactly("launch " + REQUIRED, "modify i-1");
    }
}
