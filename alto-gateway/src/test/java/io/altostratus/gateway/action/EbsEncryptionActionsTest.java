package io.altostratus.gateway.action;

import static io.altostratus.gateway.action.Ec2Calls.assertDryRun;
import static io.altostratus.gateway.action.Ec2Calls.ec2Error;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** EBS encryption by default and the default KMS key through the SDK: per account, with EC2's defaults. */
class EbsEncryptionActionsTest {
    @RegisterExtension
    final GatewayHarness gw = new GatewayHarness();

    private Ec2Client ec2() {
        return gw.client();
    }

    @Test
    void encryptionByDefaultTurnsOnAndOffPerAccount() {
        assertThat(ec2().getEbsEncryptionByDefault(r -> { }).ebsEncryptionByDefault()).isFalse();
        assertThat(ec2().enableEbsEncryptionByDefault(r -> { }).ebsEncryptionByDefault()).isTrue();
        assertThat(ec2().getEbsEncryptionByDefault(r -> { }).ebsEncryptionByDefault()).isTrue();
        // Another account's setting is its own, and so is another region's.
        assertThat(gw.otherAccount().getEbsEncryptionByDefault(r -> { }).ebsEncryptionByDefault()).isFalse();
        try (Ec2Client west = gw.client("test", "test", "us-west-2")) {
            assertThat(west.getEbsEncryptionByDefault(r -> { }).ebsEncryptionByDefault()).isFalse();
            assertThat(west.getEbsDefaultKmsKeyId(r -> { }).kmsKeyId()).contains(":us-west-2:");
        }
        assertThat(ec2().disableEbsEncryptionByDefault(r -> { }).ebsEncryptionByDefault()).isFalse();
        assertThat(ec2().getEbsEncryptionByDefault(r -> { }).ebsEncryptionByDefault()).isFalse();
        assertDryRun(() -> ec2().enableEbsEncryptionByDefault(r -> r.dryRun(true)));
        assertThat(ec2().getEbsEncryptionByDefault(r -> { }).ebsEncryptionByDefault()).isFalse();
    }

    @Test
    void defaultKeyIsTheManagedAliasUntilChangedAndKeptAsAnArn() {
        String managed = "arn:aws:kms:us-east-1:" + gw.account() + ":alias/aws/ebs";
        assertThat(ec2().getEbsDefaultKmsKeyId(r -> { }).kmsKeyId()).isEqualTo(managed);

        String keyId = "1234abcd-12ab-34cd-56ef-1234567890ab";
        assertThat(ec2().modifyEbsDefaultKmsKeyId(r -> r.kmsKeyId(keyId)).kmsKeyId())
                .isEqualTo("arn:aws:kms:us-east-1:" + gw.account() + ":key/" + keyId);
        assertThat(ec2().modifyEbsDefaultKmsKeyId(r -> r.kmsKeyId("alias/team-key")).kmsKeyId())
                .isEqualTo("arn:aws:kms:us-east-1:" + gw.account() + ":alias/team-key");
        String arn = "arn:aws:kms:us-east-1:210987654321:key/" + keyId;
        ec2().modifyEbsDefaultKmsKeyId(r -> r.kmsKeyId(arn));
        assertThat(ec2().getEbsDefaultKmsKeyId(r -> { }).kmsKeyId()).isEqualTo(arn);

        ec2Error(() -> ec2().modifyEbsDefaultKmsKeyId(r -> r.kmsKeyId("not a key")), "InvalidParameterValue");
        ec2Error(() -> ec2().modifyEbsDefaultKmsKeyId(r -> { }), "MissingParameter");
        assertDryRun(() -> ec2().resetEbsDefaultKmsKeyId(r -> r.dryRun(true)));
        assertThat(ec2().getEbsDefaultKmsKeyId(r -> { }).kmsKeyId()).isEqualTo(arn);

        assertThat(ec2().resetEbsDefaultKmsKeyId(r -> { }).kmsKeyId()).isEqualTo(managed);
        assertThat(ec2().getEbsDefaultKmsKeyId(r -> { }).kmsKeyId()).isEqualTo(managed);
    }
}
