package io.altostratus.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProviderContextTest {
    private static ProviderContext withEndpoint(String endpoint) {
        return new ProviderContext("r", ProviderContext.DEFAULT_ACCOUNT, endpoint, null, Map.of(), null);
    }

    @Test
    void anEndpointIsAnHttpOrHttpsUrl() {
        assertThat(withEndpoint(null).endpointUrl()).isNull();
        assertThat(withEndpoint(" http://127.0.0.1:8773/ ").endpointUrl())
                .isEqualTo(URI.create("http://127.0.0.1:8773/"));
        assertThat(withEndpoint("HTTPS://ec2.example.com").endpointUrl())
                .isEqualTo(URI.create("HTTPS://ec2.example.com"));
    }

    @Test
    void anythingElseIsAnInvalidParameterNamingTheValue() {
        for (String bad : new String[] {"127.0.0.1:8773", "ftp://host", "http//typo", "http://", "", "a b"}) {
            AltoException e = catchThrowableOfType(AltoException.class, () -> withEndpoint(bad).endpointUrl());
            assertThat(e).as(bad).isNotNull();
            assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
            assertThat(e.providerCode()).isEqualTo("InvalidEndpoint");
            assertThat(e).hasMessageContaining("'" + bad + "'");
        }
    }
}
