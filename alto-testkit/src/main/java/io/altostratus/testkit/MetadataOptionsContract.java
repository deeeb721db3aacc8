package io.altostratus.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.core.ec2.Ec2InstanceDetails;
import io.altostratus.core.ec2.Ec2MetadataOptions;
import io.altostratus.core.ec2.InstanceMetadataOptions;
import io.altostratus.core.ec2.MetadataOptionsChange;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Instance;
import io.altostratus.core.query.InstanceQuery;
import io.altostratus.core.spi.Capability;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Instance metadata options ({@link Ec2MetadataOptions}, where offered): what a launch asks for is what every read
 * reports (in {@link Ec2InstanceDetails}), and a change replaces exactly the settings it names.
 */
public interface MetadataOptionsContract extends ProviderContract {

    private static Ec2MetadataOptions metadata(ContractSession s) {
        return s.cloud().require(Ec2MetadataOptions.class);
    }

    @Test
    default void metadataOptionsGivenAtLaunchAreReportedAndChangeAsAsked(ContractSession s) {
        s.assumeSupports(Capability.INSTANCE_METADATA_OPTIONS);
        InstanceMetadataOptions asked = InstanceMetadataOptions.defaults().withTokensRequired(true).withHopLimit(3)
                .withTagsEnabled(true);

        Instance launched = s.launch(b -> b.name(s.name("imds")).metadataOptions(asked)).get(0);

        assertThat(Ec2InstanceDetails.of(launched).metadataOptions()).as("the launch's answer").isEqualTo(asked);
        s.eventually("the options on every read", () -> {
            assertThat(Ec2InstanceDetails.of(s.cloud().instance(launched.id())).metadataOptions()).isEqualTo(asked);
            assertThat(s.cloud().instances(InstanceQuery.ids(List.of(launched.id()))))
                    .singleElement().extracting(i -> Ec2InstanceDetails.of(i).metadataOptions())
                    .isEqualTo(asked);
        });

        InstanceMetadataOptions changed = metadata(s).modifyMetadataOptions(launched.id(),
                new MetadataOptionsChange(false, null, null, null, false));

        InstanceMetadataOptions expected = asked.withTokensRequired(false).withTagsEnabled(false);
        assertThat(changed).isEqualTo(expected);
        s.eventually("the changed options read back", () ->
                assertThat(Ec2InstanceDetails.of(s.cloud().instance(launched.id())).metadataOptions())
                        .isEqualTo(expected));
    }

    @Test
    default void changingTheOptionsOfAMissingInstanceIsNotFound(ContractSession s) {
        s.assumeSupports(Capability.INSTANCE_METADATA_OPTIONS);
        String missing = s.missingId(ResourceKind.INSTANCE);
        String malformed = s.malformedId(ResourceKind.INSTANCE);
        s.expectError(ErrorCode.NOT_FOUND, "InvalidInstanceID.NotFound", () -> metadata(s).modifyMetadataOptions(
                missing, MetadataOptionsChange.tokensRequired(true)));
        s.expectError(ErrorCode.INVALID_PARAMETER, "InvalidInstanceID.Malformed", () -> metadata(s)
                .modifyMetadataOptions(malformed, MetadataOptionsChange.tokensRequired(true)));
    }
}
