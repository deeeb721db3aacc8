package io.altostratus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.altostratus.cli.serve.GatewayServer;
import io.altostratus.cli.serve.ServeApi;
import io.altostratus.cli.serve.ServeOptions;
import io.altostratus.core.wait.Sleeper;
import io.altostratus.gateway.auth.AuthMode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The user walk: {@code alto --provider azure --endpoint URL launch / ls / stop / start / rm --wait} against
 * what {@code alto serve --api arm} runs (the ARM front over a fresh local cloud on the Azure catalog), in this
 * process. After {@code rm --wait} the VM's NIC, public IP and OS disk are gone too: the leak Azure users complain of.
 */
class AzureProviderCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SUBSCRIPTION = "11111111-2222-3333-4444-555555555555";
    private static final String GROUP = "cli-walk";

    @TempDir
    Path home;

    private CliRun alto;
    private GatewayServer serve;
    private Path config;

    @BeforeEach
    void setUp() throws IOException {
        alto = new CliRun(home);
        serve = GatewayServer.start(new ServeOptions("127.0.0.1", 0, null, "local", Map.of("transition_ms", "0"), null,
                Duration.ZERO, AuthMode.PERMISSIVE, "us-east-1", Clock.systemUTC(), Sleeper.SYSTEM, null,
                Set.of(ServeApi.ARM)));
        config = home.resolve("alto.toml");
        Files.writeString(config, "[azure]\nsubscription = \"" + SUBSCRIPTION + "\"\nresource_group = \"" + GROUP
                + "\"\npublic_ip = true\naccess_token = \"test\"\n");
    }

    @AfterEach
    void tearDown() {
        serve.close();
    }

    private CliRun.Result azure(String... args) {
        return alto.against("azure", "http://127.0.0.1:" + serve.port(), config).run(args);
    }

    private CliRun.Result ok(String... args) {
        return alto.against("azure", "http://127.0.0.1:" + serve.port(), config).ok(args);
    }

    private static JsonNode find(CliRun.Result listed, String id) {
        for (JsonNode instance : listed.json()) {
            if (instance.get("id").asText().equals(id)) {
                return instance;
            }
        }
        return null;
    }

    /** The names of the resources of one type in the walk's group, as ARM lists them. */
    private List<String> armNames(String providerPath, String apiVersion) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + serve.port() + "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/"
                + GROUP + "/providers/" + providerPath + "?api-version=" + apiVersion);
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> listed = http.send(HttpRequest.newBuilder(uri).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(listed.statusCode()).as(listed.body()).isEqualTo(200);
            List<String> names = new ArrayList<>();
            JSON.readTree(listed.body()).path("value").forEach(r -> names.add(r.path("name").asText()));
            return names;
        }
    }

    @Test
    void launchListDeallocateStartAndRemoveWithEverythingTheVmHad() throws Exception {
        JsonNode launched = ok("-o", "json", "launch", "--image", "ubuntu:24.04", "--type", "Standard_B2s",
                "--tag", "Name=web-1", "--tag", "team=infra").json();
        assertThat(launched).hasSize(1);
        String id = launched.get(0).get("id").asText();
        assertThat(launched.get(0).get("region").asText()).as("the azure provider's default location")
                .isEqualTo("eastus");
        assertThat(launched.get(0).get("instanceType").asText()).isEqualTo("Standard_B2s");
        assertThat(armNames("Microsoft.Compute/virtualMachines", "2024-07-01")).hasSize(1);
        assertThat(armNames("Microsoft.Network/networkInterfaces", "2024-05-01")).hasSize(1);
        assertThat(armNames("Microsoft.Network/publicIPAddresses", "2024-05-01")).hasSize(1);

        JsonNode running = find(ok("-o", "json", "ls"), id);
        assertThat(running).isNotNull();
        assertThat(running.get("state").asText()).isEqualTo("running");
        assertThat(running.get("publicIp").asText()).as("the public IP shows on the listing").matches("[0-9.]+");

        ok("stop", id);
        ok("wait", id, "--state", "stopped");
        JsonNode stopped = find(ok("-o", "json", "ls", "--state", "stopped"), id);
        assertThat(stopped).isNotNull();
        assertThat(stopped.get("rawState").asText()).as("stop deallocates").contains("deallocated");

        ok("start", id);
        ok("wait", id);
        assertThat(find(ok("-o", "json", "ls"), id).get("state").asText()).isEqualTo("running");

        ok("rm", "--wait", id);
        JsonNode gone = find(ok("-o", "json", "ls"), id);
        assertThat(gone == null ? "absent" : gone.get("state").asText()).isIn("terminated", "absent");
        assertThat(armNames("Microsoft.Compute/virtualMachines", "2024-07-01")).isEmpty();
        assertThat(armNames("Microsoft.Network/networkInterfaces", "2024-05-01")).as("the NIC went with the VM").isEmpty();
        assertThat(armNames("Microsoft.Network/publicIPAddresses", "2024-05-01")).as("the public IP too").isEmpty();
        assertThat(armNames("Microsoft.Compute/disks", "2024-03-02")).as("and the OS disk").isEmpty();
    }

    @Test
    void anEc2RegionNameIsRefusedAsBadInputBeforeAnyCall() {
        CliRun.Result refused = azure("--region", "us-east-1", "ls");
        assertThat(refused.exit()).as(refused.toString()).isEqualTo(ExitCode.USAGE.code());
        assertThat(refused.err()).contains("us-east-1");
    }
}
