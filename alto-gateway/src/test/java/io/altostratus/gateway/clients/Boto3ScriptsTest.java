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
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * boto3 scripts as their users write them ({@code src/test/resources/boto3/<script>.py}, run with
 * {@code python3 -m unittest}), each against a fresh gateway in permissive mode over the local cloud with 100 ms
 * transitions, so boto3's waiters really wait: network extras (DHCP options, egress-only gateways, peering,
 * endpoints), VPC addressing (secondary and IPv6 blocks, interfaces, flow logs), transit gateways, site-to-site VPN
 * with instance settings, images and fleets, hosts and account settings. Skips where no python3 has boto3.
 */
class Boto3ScriptsTest {
    @TempDir
    Path work;

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "test_network_extras, 4",
            "test_vpc_addressing, 3",
            "test_transit_gateways, 2",
            "test_vpn, 2",
            "test_images_and_fleets, 4",
            "test_hosts_and_settings, 4"})
    void scriptPassesAgainstTheGateway(String script, int tests) throws Exception {
        Optional<String> python = MotoStyleBoto3Test.pythonWithBoto3();
        Assumptions.assumeTrue(python.isPresent(), "no python3 with boto3 (PATH python3 or /usr/bin/python3)");
        Path file = work.resolve(script + ".py");
        try (InputStream in = getClass().getResourceAsStream("/boto3/" + script + ".py")) {
            assertThat(in).as("script %s", script).isNotNull();
            Files.write(file, in.readAllBytes());
        }
        StateStore store = StateStores.inMemory();
        ProviderContext template = new ProviderContext(null, ProviderContext.DEFAULT_ACCOUNT, null, null,
                Map.of("transition_ms", "100"), null);
        try (Backend backend = new Backend(LocalProviderFactory.withStore(store, Catalogs.aws()), template, p -> p);
             Gateway gateway = Gateway.builder().port(0).stateStore(store).authMode(AuthMode.PERMISSIVE)
                     .dispatcher(new Ec2Dispatcher(backend, Ec2Actions.all())).start()) {
            ProcessBuilder builder = new ProcessBuilder(python.get(), "-m", "unittest", "-v", script)
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
            assertThat(output).contains("Ran " + tests + " test").contains("OK");
        } finally {
            store.close();
        }
    }
}
