package io.altostratus.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Instance;
import io.altostratus.core.ec2.InstanceMetadataOptions;
import io.altostratus.core.query.InstanceQuery;
import io.altostratus.core.ec2.MetadataOptionsChange;
import io.altostratus.core.spi.Capability;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Instance metadata options ({@link Capability#INSTANCE_METADATA_OPTIONS}): what a launch asks for is what every read
 * reports, and a change replaces exactly the settings it names.
 */
public interface MetadataOptionsContract extends ProviderContract {

    @Test
    default void metadataOptionsGivenAtLaunchAreReportedAndChangeAsAsked(ContractSession s) {
        assumeTrue(s.supports(Capability.INSTANCE_METADATA_OPTIONS),
                "provider does not declare INSTANCE_METADATA_OPTIONS");
        InstanceMetadataOptions asked = InstanceMetadataOptions.defaults().withTokensRequired(true).withHopLimit(3)
                .withTagsEnabled(true);

        Instance launched = s.launch(b -> b.name(s.name("imds")).metadataOptions(asked)).get(0);

        assertThat(launched.metadataOptions()).as("the launch's answer").isEqualTo(asked);
        s.eventually("the options on every read", () -> {
            assertThat(s.cloud().instance(launched.id()).metadataOptions()).isEqualTo(asked);
            assertThat(s.cloud().instances(InstanceQuery.ids(List.of(launched.id()))))
                    .singleElement().extracting(Instance::metadataOptions).isEqualTo(asked);
        });

        InstanceMetadataOptions changed = s.cloud().modifyMetadataOptions(launched.id(),
                new MetadataOptionsChange(false, null, null, null, false));

        InstanceMetadataOptions expected = asked.withTokensRequired(false).withTagsEnabled(false);
        assertThat(changed).isEqualTo(expected);
        s.eventually("the changed options read back", () ->
                assertThat(s.cloud().instance(launched.id()).metadataOptions()).isEqualTo(expected));
    }

    @Test
    default void changingTheOptionsOfAMissingInstanceIsNotFound(ContractSession s) {
        assumeTrue(s.supports(Capability.INSTANCE_METADATA_OPTIONS),
                "provider does not declare INSTANCE_METADATA_OPTIONS");
        s.expectError(ErrorCode.NOT_FOUND, "InvalidInstanceID.NotFound", () -> s.cloud().modifyMetadataOptions(
                s.fixture().missingInstanceId(), MetadataOptionsChange.tokensRequired(true)));
        s.expectError(ErrorCode.INVALID_PARAMETER, "InvalidInstanceID.Malformed", () -> s.cloud()
                .modifyMetadataOptions(s.fixture().malformedInstanceId(), MetadataOptionsChange.tokensRequired(true)));
    }
}
