package io.altostratus.aws.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;

class Ec2ErrorsTest {
    private static final SdkClientException NO_CREDENTIALS = SdkClientException.create(
            "Unable to load credentials from any of the providers in the chain AwsCredentialsProviderChain("
                    + "credentialsProviders=[SystemPropertyCredentialsProvider(), EnvironmentVariableCredentialsProvider()]"
                    + ") : [SystemPropertyCredentialsProvider(): Unable to load credentials from system settings.]");

    @Test
    void missingCredentialsAreNotRetriedAndReadAsOneShortAuthError() {
        assertThat(Ec2Errors.isTransient(NO_CREDENTIALS)).isFalse();

        AltoException e = Ec2Errors.translate("DescribeInstances", NO_CREDENTIALS);

        assertThat(e.code()).isEqualTo(ErrorCode.AUTH_FAILURE);
        assertThat(e.getMessage()).contains("AWS_ACCESS_KEY_ID").contains("--profile").hasSizeLessThan(200)
                .doesNotContain("ProviderChain");
    }

    @Test
    void aLostConnectionStaysTransient() {
        assertThat(Ec2Errors.isTransient(SdkClientException.create("Unable to execute HTTP request: Connection reset")))
                .isTrue();
    }
}
