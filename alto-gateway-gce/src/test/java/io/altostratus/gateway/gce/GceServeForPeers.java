package io.altostratus.gateway.gce;

import io.altostratus.catalog.Catalogs;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.gateway.Gateway;
import io.altostratus.gateway.auth.AuthMode;
import io.altostratus.local.LocalProviderFactory;
import java.util.Map;

/**
 * Runs the endpoint over the local cloud on the shipped GCP catalog until killed, for trying clients we did not
 * write (the Node.js walk in peers/node-gce, gcloud) by hand before {@code alto serve --api gce} exists:
 * {@code java -cp <test classpath> io.altostratus.gateway.gce.GceServeForPeers 8790}.
 */
public final class GceServeForPeers {
    private GceServeForPeers() {
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        GceFront front = GceFront.builder(LocalProviderFactory.withCatalog(Catalogs.shipped("gcp")))
                .context(new ProviderContext("us-central1", ProviderContext.DEFAULT_ACCOUNT, null, null,
                        Map.of("transition_ms", "300"), null))
                .authMode(AuthMode.PERMISSIVE).build();
        Gateway gateway = front.mountOn(Gateway.builder().port(port).dispatcher(call -> new byte[0])
                .authMode(AuthMode.PERMISSIVE)).start();
        System.out.println("GCE endpoint on http://127.0.0.1:" + gateway.port() + "/compute/v1/");
        Thread.currentThread().join();
    }
}
