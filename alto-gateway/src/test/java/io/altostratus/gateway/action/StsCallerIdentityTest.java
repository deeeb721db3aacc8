package io.altostratus.gateway.action;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;

/** STS's GetCallerIdentity on the EC2 endpoint, through the SDK's STS client and the AWS CLI. */
class StsCallerIdentityTest {
    @RegisterExtension
    final GatewayHarness harness = new GatewayHarness();

    private StsClient sts(String key, String secret) {
        return StsClient.builder().endpointOverride(URI.create(harness.gateway().endpoint().toString()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(key, secret)))
                .build();
    }

    @Test
    void answersTheAccountOfTheSigningKeyAsItsRootUser() {
        try (StsClient sts = sts("test", "test")) {
            GetCallerIdentityResponse identity = sts.getCallerIdentity();
            assertThat(identity.account()).isEqualTo(harness.account());
            assertThat(identity.arn()).isEqualTo("arn:aws:iam::" + harness.account() + ":root");
            assertThat(identity.userId()).isEqualTo(harness.account());
        }
    }

    @Test
    void anotherAccountsKeyGetsThatAccount() {
        var key = harness.gateway().accessKeys().create("222222222222");
        try (StsClient sts = sts(key.accessKeyId(), key.secretAccessKey())) {
            assertThat(sts.getCallerIdentity().account()).isEqualTo("222222222222");
        }
    }

    @Test
    void aWrongSecretIsRefused() {
        try (StsClient sts = sts("test", "wrong")) {
            // In STS's error document, which the STS client reads (EC2's would leave it without a code).
            org.assertj.core.api.Assertions.assertThatThrownBy(sts::getCallerIdentity)
                    .isInstanceOfSatisfying(software.amazon.awssdk.services.sts.model.StsException.class, e -> {
                        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("SignatureDoesNotMatch");
                        assertThat(e.statusCode()).isEqualTo(403);
                    });
        }
    }

    @Test
    void theAwsCliGetsTheIdentity() throws Exception {
        Assumptions.assumeTrue(onPath("aws"), "the AWS CLI is not on the PATH");
        ProcessBuilder builder = new ProcessBuilder("aws", "sts", "get-caller-identity", "--endpoint-url",
                harness.gateway().endpoint().toString(), "--output", "text",
                "--query", "[Account,Arn,UserId]").redirectErrorStream(true);
        builder.environment().put("AWS_ACCESS_KEY_ID", "test");
        builder.environment().put("AWS_SECRET_ACCESS_KEY", "test");
        builder.environment().put("AWS_DEFAULT_REGION", "us-east-1");
        for (String variable : List.of("AWS_PROFILE", "AWS_SESSION_TOKEN")) {
            builder.environment().remove(variable);
        }
        builder.environment().put("AWS_CONFIG_FILE", "/dev/null");
        builder.environment().put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        Process process = builder.start();
        String output;
        try (InputStream in = process.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        String account = harness.account();
        assertThat(output.split("\\s+")).containsExactly(account, "arn:aws:iam::" + account + ":root", account);
    }

    private static boolean onPath(String command) {
        try {
            Process p = new ProcessBuilder(command, "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(1, TimeUnit.MINUTES) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
