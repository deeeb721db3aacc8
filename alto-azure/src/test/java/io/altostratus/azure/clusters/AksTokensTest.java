package io.altostratus.azure.clusters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import io.altostratus.core.clusters.KubeToken;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.wait.ManualClock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** {@link AksTokens}: Entra tokens for AKS's server application, or the fixed token, with their expiry. */
class AksTokensTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-07T08:00:00.700Z"));

    @Test
    void theTokenIsAskedForAksServerApplication() {
        List<List<String>> scopes = new CopyOnWriteArrayList<>();
        TokenCredential credential = new TokenCredential() {
            @Override
            public Mono<AccessToken> getToken(TokenRequestContext request) {
                return Mono.fromSupplier(() -> getTokenSync(request));
            }

            @Override
            public AccessToken getTokenSync(TokenRequestContext request) {
                scopes.add(request.getScopes());
                return new AccessToken("entra-token", OffsetDateTime.of(2026, 12, 7, 9, 0, 0, 500, ZoneOffset.UTC));
            }
        };

        KubeToken token = new AksTokens(() -> credential, null, clock).token("c1");

        assertThat(scopes).containsExactly(List.of("6dae42f8-4368-4678-94ff-3960e28e3630/.default"));
        assertThat(token.token()).isEqualTo("entra-token");
        assertThat(token.expiration()).isEqualTo(Instant.parse("2026-12-07T09:00:00Z"));
        assertThat(token.execCredentialJson()).contains("\"token\": \"entra-token\"");
    }

    @Test
    void aFixedTokenIsPrintedAsItIsForAnHourWithoutAskingTheCredential() {
        KubeToken token = new AksTokens(() -> {
            throw new AssertionError("the credential must not be asked");
        }, "fixed", clock).token("c1");

        assertThat(token.token()).isEqualTo("fixed");
        assertThat(token.expiration()).isEqualTo(Instant.parse("2026-12-07T09:00:00Z"));
    }

    @Test
    void aCredentialThatFailsIsAuthFailure() {
        TokenCredential broken = request -> Mono.error(new IllegalStateException("no login"));

        AltoException e = catchThrowableOfType(AltoException.class,
                () -> new AksTokens(() -> broken, null, clock).token("c1"));
        AltoException badName = catchThrowableOfType(AltoException.class,
                () -> new AksTokens(() -> broken, null, clock).token("bad name"));

        assertThat(e.code()).isEqualTo(ErrorCode.AUTH_FAILURE);
        assertThat(e.getMessage()).contains("no login", "az login");
        assertThat(badName.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
    }
}
