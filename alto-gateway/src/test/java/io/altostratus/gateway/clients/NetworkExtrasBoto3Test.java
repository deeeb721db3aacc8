package io.altostratus.gateway.clients;

import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.catalog.Catalogs;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.gateway.Gateway;
import io.altostratus.gateway.action.Ec2Dispatcher;
import io.altostratus.gateway.action.groups.Ec2Actions;
import io.altostratus.gateway.auth.AuthMode;
import io.altostratus.gateway.backend.Backend;
import io.altostratus.local.LocalProviderFactory;
import io.altostratus.store.StateStore;
import io.altostratus.store.StateStores;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * DHCP options, VPC peering (with routes), VPC endpoints, prefix lists, egress-only gateways, ModifyVolume and a
 * cross-region CopySnapshot as boto3 scripts call them ({@code src/test/resources/boto3/test_network_extras.py}),
 * against the gateway in permissive mode, waiters included. Skips where no python3 has boto3.
 */
class NetworkExtrasBoto3Test {
    @TempDir
    Path work;

    @Test
    void boto3ScriptsRunAgainstTheGateway() throws Exception {
        Optional<String> python = MotoStyleBoto3Test.pythonWithBoto3();
        Assumptions.assumeTrue(python.isPresent(), "no python3 with boto3 (PATH python3 or /usr/bin/python3)");
        Path script = work.resolve("test_network_extras.py");
        try (InputStream in = getClass().getResourceAsStream("/boto3/test_network_extras.py")) {
            Files.write(script, in.readAllBytes());
        }
        StateStore store = StateStores.inMemory();
        ProviderContext template = new ProviderContext(null, ProviderContext.DEFAULT_ACCOUNT, null, null,
                Map.of("transition_ms", "100"), null);
        try (Backend backend = new Backend(LocalProviderFactory.withStore(store, Catalogs.aws()), template, p -> p);
             Gateway gateway = Gateway.builder().port(0).stateStore(store).authMode(AuthMode.PERMISSIVE)
                     .dispatcher(new Ec2Dispatcher(backend, Ec2Actions.all())).start()) {
            ProcessBuilder builder = new ProcessBuilder(python.get(), "-m", "unittest", "-v", "test_network_extras")
                    .directory(work.toFile()).redirectErrorStream(true);
            builder.environment().put("ALTO_ENDPOINT", gateway.endpoint().toString().replaceAll("/$", ""));
            for (String variable : List.of("AWS_PROFILE", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE",
                    "HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy")) {
                builder.environment().remove(variable);
            }
            Process process = builder.start();
            String output;
            try (InputStream in = process.getInputStream()) {
                output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("the suite finished").isTrue();
            System.out.println(output);
            assertThat(process.exitValue()).as("python3 -m unittest:%n%s", output).isZero();
            assertThat(output).contains("Ran 4 tests").contains("OK");
        } finally {
            store.close();
        }
    }
}
