package io.altostratus.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** {@code [aws] pricing_endpoint}: where the catalog refresh asks for prices. */
class PricingEndpointSettingTest {

    @Test
    void anHttpUrlIsTakenAndNoneMeansAwsOwn() {
        assertThat(AwsProviderFactory.pricingEndpoint("http://127.0.0.1:9000"))
                .isEqualTo(URI.create("http://127.0.0.1:9000"));
        assertThat(AwsProviderFactory.pricingEndpoint(" ")).isNull();
        assertThat(AwsProviderFactory.pricingEndpoint(null)).isNull();
    }

    @Test
    void anythingElseIsAnInvalidEndpointNamingTheSetting() {
        for (String bad : new String[] {"127.0.0.1:9000", "ftp://x", "http://"}) {
            assertThatThrownBy(() -> AwsProviderFactory.pricingEndpoint(bad)).as(bad)
                    .isInstanceOfSatisfying(AltoException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
                        assertThat(e.providerCode()).isEqualTo("InvalidEndpoint");
                        assertThat(e.getMessage()).contains("[aws] pricing_endpoint", bad);
                    });
        }
    }
}
