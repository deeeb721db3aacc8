package io.altostratus.gateway.gce;

import com.google.api.gax.core.NoCredentialsProvider;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.gateway.Gateway;
import io.altostratus.gateway.auth.AuthMode;
import io.altostratus.gateway.http.ActionDispatcher;
import io.altostratus.local.LocalProviderFactory;
import java.util.Map;

/** The GCE front over the local cloud on the test catalog, mounted on a gateway on an ephemeral port. */
final class GceEndpoint implements AutoCloseable {
    static final String PROJECT = "test-project";

    final GceFront front;
    final Gateway gateway;

    GceEndpoint(AuthMode mode) {
        front = GceFront.builder(LocalProviderFactory.withCatalog(new TestGcpCatalog()))
                .context(new ProviderContext(TestGcpCatalog.REGION, ProviderContext.DEFAULT_ACCOUNT, null, null,
                        Map.of("transition_ms", "150"), null))
                .authMode(mode).build();
        ActionDispatcher noEc2 = call -> {
            throw new IllegalStateException("no EC2 calls in these tests");
        };
        gateway = front.mountOn(Gateway.builder().port(0).dispatcher(noEc2).authMode(AuthMode.PERMISSIVE)).start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + gateway.port();
    }

    String base() {
        return endpoint() + "/compute/v1/projects/" + PROJECT;
    }

    static NoCredentialsProvider noCredentials() {
        return NoCredentialsProvider.create();
    }

    @Override
    public void close() {
        gateway.close();
        front.close();
    }
}
