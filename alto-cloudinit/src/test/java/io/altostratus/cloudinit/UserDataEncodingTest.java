package io.altostratus.cloudinit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import java.util.Base64;
import java.util.Random;
import org.junit.jupiter.api.Test;

class UserDataEncodingTest {
    @Test
    void exactlySixteenKibPassesAndOneByteMoreIsRefusedWithEc2sCode() {
        byte[] limit = new byte[UserDataEncoding.EC2_MAX_USER_DATA_BYTES];
        assertThat(Base64.getDecoder().decode(UserDataEncoding.forEc2(limit, false))).isEqualTo(limit);
        byte[] over = new byte[UserDataEncoding.EC2_MAX_USER_DATA_BYTES + 1];
        assertThatThrownBy(() -> UserDataEncoding.forEc2(over, false))
                .isInstanceOfSatisfying(AltoException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
                    assertThat(e.providerCode()).isEqualTo("InvalidParameterValue");
                    assertThat(e.getMessage()).contains("16385").contains("gzip");
                });
    }

    @Test
    void gzipBringsARepetitiveConfigUnderTheLimitAndCloudInitCanTellItIsGzip() {
        CloudConfig.Builder b = CloudConfig.builder();
        for (int i = 0; i < 2000; i++) {
            b.runcmd("echo line " + i + " >> /var/log/alto-setup.log");
        }
        byte[] raw = b.build().renderBytes();
        assertThat(raw.length).isGreaterThan(UserDataEncoding.EC2_MAX_USER_DATA_BYTES);
        byte[] sent = Base64.getDecoder().decode(UserDataEncoding.forEc2(raw, true));
        assertThat(UserDataEncoding.isGzip(sent)).isTrue();
        assertThat(sent.length).isLessThanOrEqualTo(UserDataEncoding.EC2_MAX_USER_DATA_BYTES);
        assertThat(UserDataEncoding.gunzip(sent)).isEqualTo(raw);
        assertThat(UserDataEncoding.gzip(raw)).as("deterministic").isEqualTo(UserDataEncoding.gzip(raw));
    }

    @Test
    void incompressibleDataOverTheLimitIsRefusedEvenGzipped() {
        byte[] noise = new byte[40_000];
        new Random(7).nextBytes(noise);
        assertThatThrownBy(() -> UserDataEncoding.forEc2(noise, true))
                .isInstanceOf(AltoException.class).hasMessageContaining("after gzip (40000 bytes before)");
    }

    @Test
    void gunzipOfSomethingElseIsAnInvalidParameter() {
        assertThatThrownBy(() -> UserDataEncoding.gunzip(new byte[] {1, 2, 3}))
                .isInstanceOfSatisfying(AltoException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER));
    }
}
