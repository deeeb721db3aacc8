package io.altostratus.gateway.action;

import static io.altostratus.gateway.action.Ec2Calls.assertDryRun;
import static io.altostratus.gateway.action.Ec2Calls.ec2Error;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.IdFormat;
import software.amazon.awssdk.services.ec2.model.InstanceMetadataDefaultsResponse;

/**
 * The account's settings through the SDK: serial console access, instance metadata defaults, default credit
 * specifications and id formats; each kept per account.
 */
class AccountSettingsActionsTest {
    @RegisterExtension
    final GatewayHarness gw = new GatewayHarness();

    private Ec2Client ec2() {
        return gw.client();
    }

    @Test
    void serialConsoleAndMetadataDefaultsAreKeptPerAccount() {
        assertThat(ec2().getSerialConsoleAccessStatus(r -> { }).serialConsoleAccessEnabled()).isFalse();
        assertThat(ec2().enableSerialConsoleAccess(r -> { }).serialConsoleAccessEnabled()).isTrue();
        assertThat(ec2().getSerialConsoleAccessStatus(r -> { }).serialConsoleAccessEnabled()).isTrue();
        assertThat(ec2().getSerialConsoleAccessStatus(r -> { }).managedByAsString()).isEqualTo("account");
        assertThat(gw.otherAccount().getSerialConsoleAccessStatus(r -> { }).serialConsoleAccessEnabled()).isFalse();
        assertThat(ec2().disableSerialConsoleAccess(r -> { }).serialConsoleAccessEnabled()).isFalse();
        assertThat(ec2().getSerialConsoleAccessStatus(r -> { }).serialConsoleAccessEnabled()).isFalse();
        assertDryRun(() -> ec2().enableSerialConsoleAccess(r -> r.dryRun(true)));
        assertThat(ec2().getSerialConsoleAccessStatus(r -> { }).serialConsoleAccessEnabled()).isFalse();

        InstanceMetadataDefaultsResponse none = ec2().getInstanceMetadataDefaults(r -> { }).accountLevel();
        assertThat(none.httpTokens()).isNull();
        assertThat(none.httpPutResponseHopLimit()).isNull();
        assertThat(ec2().modifyInstanceMetadataDefaults(r -> r.httpTokens("required").httpPutResponseHopLimit(2))
                .returnValue()).isTrue();
        ec2().modifyInstanceMetadataDefaults(r -> r.instanceMetadataTags("enabled"));
        InstanceMetadataDefaultsResponse set = ec2().getInstanceMetadataDefaults(r -> { }).accountLevel();
        assertThat(set.httpTokensAsString()).isEqualTo("required");
        assertThat(set.httpPutResponseHopLimit()).isEqualTo(2);
        assertThat(set.instanceMetadataTagsAsString()).isEqualTo("enabled");
        assertThat(set.httpEndpoint()).isNull();
        // no-preference and -1 clear a setting back to EC2's default.
        ec2().modifyInstanceMetadataDefaults(r -> r.httpTokens("no-preference").httpPutResponseHopLimit(-1));
        InstanceMetadataDefaultsResponse cleared = ec2().getInstanceMetadataDefaults(r -> { }).accountLevel();
        assertThat(cleared.httpTokens()).isNull();
        assertThat(cleared.httpPutResponseHopLimit()).isNull();
        assertThat(cleared.instanceMetadataTagsAsString()).isEqualTo("enabled");
        assertThat(gw.otherAccount().getInstanceMetadataDefaults(r -> { }).accountLevel().instanceMetadataTags())
                .isNull();
        ec2Error(() -> ec2().modifyInstanceMetadataDefaults(r -> r.httpPutResponseHopLimit(65)),
                "InvalidParameterValue");
        ec2Error(() -> ec2().modifyInstanceMetadataDefaults(r -> r.httpTokens("sometimes")), "InvalidParameterValue");
        ec2Error(() -> ec2().modifyInstanceMetadataDefaults(r -> { }), "MissingParameter");
        assertDryRun(() -> ec2().modifyInstanceMetadataDefaults(r -> r.httpTokens("required").dryRun(true)));
    }

    @Test
    void creditDefaultsAndIdFormats() {
        assertThat(ec2().getDefaultCreditSpecification(r -> r.instanceFamily("t2"))
                .instanceFamilyCreditSpecification().cpuCredits()).isEqualTo("standard");
        assertThat(ec2().getDefaultCreditSpecification(r -> r.instanceFamily("t3"))
                .instanceFamilyCreditSpecification().cpuCredits()).isEqualTo("unlimited");
        var changed = ec2().modifyDefaultCreditSpecification(r -> r.instanceFamily("t3").cpuCredits("standard"))
                .instanceFamilyCreditSpecification();
        assertThat(changed.instanceFamilyAsString()).isEqualTo("t3");
        assertThat(changed.cpuCredits()).isEqualTo("standard");
        assertThat(ec2().getDefaultCreditSpecification(r -> r.instanceFamily("t3"))
                .instanceFamilyCreditSpecification().cpuCredits()).isEqualTo("standard");
        assertThat(gw.otherAccount().getDefaultCreditSpecification(r -> r.instanceFamily("t3"))
                .instanceFamilyCreditSpecification().cpuCredits()).isEqualTo("unlimited");
        ec2Error(() -> ec2().modifyDefaultCreditSpecification(r -> r.instanceFamily("t3").cpuCredits("lots")),
                "InvalidParameterValue");
        ec2Error(() -> ec2().modifyDefaultCreditSpecification(r -> r.instanceFamily("t3")), "MissingParameter");
        ec2Error(() -> ec2().getDefaultCreditSpecification(r -> { }), "MissingParameter");
        assertDryRun(() -> ec2().modifyDefaultCreditSpecification(r -> r.instanceFamily("t2").cpuCredits("unlimited")
                .dryRun(true)));

        assertThat(ec2().describeIdFormat(r -> { }).statuses()).extracting(IdFormat::resource)
                .contains("instance", "volume", "vpc", "snapshot");
        assertThat(ec2().describeIdFormat(r -> { }).statuses()).allSatisfy(f -> assertThat(f.useLongIds()).isTrue());
        assertThat(ec2().describeIdFormat(r -> r.resource("volume")).statuses()).singleElement()
                .satisfies(f -> assertThat(f.resource()).isEqualTo("volume"));
        assertThat(ec2().describeAggregateIdFormat(r -> { }).useLongIdsAggregated()).isTrue();
        ec2().modifyIdFormat(r -> r.resource("instance").useLongIds(true));
        ec2().modifyIdFormat(r -> r.resource("all-current").useLongIds(true));
        ec2Error(() -> ec2().modifyIdFormat(r -> r.resource("instance").useLongIds(false)), "InvalidParameterValue");
        ec2Error(() -> ec2().modifyIdFormat(r -> r.resource("gizmo").useLongIds(true)), "InvalidParameterValue");
        ec2Error(() -> ec2().describeIdFormat(r -> r.resource("gizmo")), "InvalidParameterValue");
        ec2Error(() -> ec2().modifyIdFormat(r -> r.useLongIds(true)), "MissingParameter");
    }
}
