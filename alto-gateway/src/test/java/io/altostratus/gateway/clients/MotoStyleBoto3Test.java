package io.altostratus.gateway.clients;

import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.catalog.Catalogs;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.gateway.Gateway;
import io.altostratus.gateway.action.Ec2Dispatcher;
import io.altostratus.gateway.action.groups.Ec2Actions;
import io.altostratus.gateway.auth.AccessKeys;
import io.altostratus.gateway.auth.AuthMode;
import io.altostratus.gateway.backend.Backend;
import io.altostratus.local.LocalProviderFactory;
import io.altostratus.store.StateStore;
import io.altostratus.store.StateStores;
import java.io.IOException;
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
 * A boto3 suite written as moto users write theirs ({@code src/test/resources/boto3/test_moto_style.py}: a
 * module-level client, moto's image ids, {@code /moto-api/reset} before each test) passes unchanged against the
 * gateway in permissive mode, reset wired as {@code alto serve} wires it. Skips where neither the PATH's
 * {@code python3} nor {@code /usr/bin/python3} has boto3.
 */
class MotoStyleBoto3Test {
    @TempDir
    Path work;

    @Test
    void motoStyleSuitePassesAgainstThePermissiveGateway() throws Exception {
        Optional<String> python = pythonWithBoto3();
        Assumptions.assumeTrue(python.isPresent(), "no python3 with boto3 (PATH python3 or /usr/bin/python3)");
        Path script = work.resolve("test_moto_style.py");
        try (InputStream in = getClass().getResourceAsStream("/boto3/test_moto_style.py")) {
            Files.write(script, in.readAllBytes());
        }
        StateStore store = StateStores.inMemory();
        ProviderContext template = new ProviderContext(null, ProviderContext.DEFAULT_ACCOUNT, null, null,
                Map.of("transition_ms", "100"), null);
        try (Backend backend = new Backend(LocalProviderFactory.withStore(store, Catalogs.aws()), template, p -> p);
             Gateway gateway = Gateway.builder().port(0).stateStore(store).authMode(AuthMode.PERMISSIVE)
                     .resetHook(() -> {
                         // As alto serve resets: sessions dropped, everything but the keys wiped.
                         backend.closeSessions();
                         store.clear(kind -> !kind.equals(AccessKeys.KIND));
                         backend.closeSessions();
                     })
                     .dispatcher(new Ec2Dispatcher(backend, Ec2Actions.all())).start()) {
            ProcessBuilder builder = new ProcessBuilder(python.get(), "-m", "unittest", "-v", "test_moto_style")
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
            assertThat(output).contains("Ran 6 tests").contains("OK");
        } finally {
            store.close();
        }
    }

    static Optional<String> pythonWithBoto3() {
        for (String candidate : List.of("python3", "/usr/bin/python3")) {
            try {
                Process p = new ProcessBuilder(candidate, "-c", "import boto3").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(1, TimeUnit.MINUTES) && p.exitValue() == 0) {
                    return Optional.of(candidate);
                }
            } catch (IOException e) {
                // not there: try the next one
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
