package io.altostratus.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.altostratus.core.spi.Providers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line against the real embedded {@code local} provider, in-process, in a temporary state directory. */
class LocalProviderCliTest {
    @TempDir
    Path dir;

    CliRun cli;
    String state;

    @BeforeEach
    void setUp() {
        assumeTrue(Providers.available().stream().anyMatch(f -> f.name().equals("local")),
                "the local provider is not on the class path");
        cli = new CliRun(dir);
        state = dir.resolve("state").toString();
    }

    private CliRun.Result alto(List<String> args) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of("--state-dir", state));
        CliRun.Result r = cli.run(all.toArray(String[]::new));
        return r;
    }

    private CliRun.Result alto(String... args) {
        return alto(List.of(args));
    }

    private static List<String> with(List<String> head, List<String> ids) {
        List<String> all = new ArrayList<>(head);
        all.addAll(ids);
        return all;
    }

    private static List<String> states(JsonNode array, String field) {
        List<String> states = new ArrayList<>();
        array.forEach(n -> states.add(n.get(field).asText()));
        return states;
    }

    @Test
    void fullWalkWithInstantTransitionsFromTheEnvironment() {
        cli.env.put("ALTO_LOCAL_TRANSITION_MS", "0");

        CliRun.Result launched = alto("launch", "--image", "ubuntu:24.04", "--type", "t3.micro", "--count", "3",
                "-o", "json");
        assertThat(launched.exit()).as(launched.toString()).isZero();
        List<String> ids = new ArrayList<>();
        launched.json().forEach(n -> ids.add(n.get("id").asText()));
        assertThat(ids).hasSize(3).doesNotHaveDuplicates();

        CliRun.Result listed = alto("ls", "-o", "json");
        assertThat(listed.json()).hasSize(3);
        assertThat(states(listed.json(), "state")).containsOnly("running");

        CliRun.Result stop = alto(with(List.of("stop", "-o", "json"), ids));
        assertThat(stop.exit()).as(stop.toString()).isZero();
        assertThat(states(stop.json(), "previousState")).containsOnly("running");

        CliRun.Result stopped = alto(with(List.of("wait", "--state", "stopped", "--timeout", "30", "-o", "json"), ids));
        assertThat(stopped.exit()).as(stopped.toString()).isZero();
        assertThat(states(stopped.json(), "state")).containsOnly("stopped");

        CliRun.Result start = alto(with(List.of("start", "-o", "json"), ids));
        assertThat(start.exit()).as(start.toString()).isZero();
        assertThat(states(start.json(), "previousState")).containsOnly("stopped");

        CliRun.Result rm = alto(with(List.of("rm", "--wait", "-o", "json"), ids));
        assertThat(rm.exit()).as(rm.toString()).isZero();
        assertThat(states(rm.json(), "currentState")).containsOnly("terminated");
        assertThat(states(alto("ls", "-o", "json").json(), "state")).containsOnly("terminated");
    }

    @Test
    void waitsFollowTheProvidersTransitionTimeOnTheManualClock() throws Exception {
        Path toml = dir.resolve("alto.toml");
        Files.writeString(toml, "[local]\ntransition_ms = 4000\n");
        cli.env.put("ALTO_CONFIG", toml.toString());

        CliRun.Result launched = alto("launch", "--image", "ubuntu:24.04", "--type", "t3.micro", "--count", "2",
                "-o", "json");
        List<String> ids = new ArrayList<>();
        launched.json().forEach(n -> ids.add(n.get("id").asText()));
        assertThat(states(alto("ls", "-o", "json").json(), "state")).containsOnly("pending");

        CliRun.Result running = alto(with(List.of("wait", "--state", "running", "-o", "json"), ids));

        assertThat(running.exit()).as(running.toString()).isZero();
        assertThat(states(running.json(), "state")).containsOnly("running");
        assertThat(cli.clock.instant()).isAfterOrEqualTo(java.time.Instant.parse("2026-01-01T00:00:04Z"));
    }

    @Test
    void missingAndMalformedIdsFailWithOneLine() {
        CliRun.Result missing = alto("show", "i-0123456789abcdef0");
        CliRun.Result malformed = alto("show", "i-doesnotexist");

        assertThat(missing.exit()).isEqualTo(ExitCode.NOT_FOUND.code());
        assertThat(missing.errLines()).singleElement().asString().startsWith("alto: error: ");
        assertThat(malformed.exit()).isNotZero();
        assertThat(malformed.errLines()).singleElement().asString().startsWith("alto: error: ");
        assertThat(malformed.out()).isEmpty();
    }

    @Test
    void unknownImageFailsCleanly() {
        CliRun.Result r = alto("launch", "--image", "ubuntu:99.04", "--type", "t3.micro");

        assertThat(r.exit()).isEqualTo(ExitCode.NOT_FOUND.code());
        assertThat(r.errLines()).singleElement().asString().startsWith("alto: error: ");
        assertThat(alto("ls", "-o", "json").json()).isEmpty();
    }

    @Test
    void catalogVerbsAnswer() {
        CliRun.Result regions = alto("regions", "-o", "json");
        CliRun.Result types = alto("types", "--min-vcpus", "4", "--arch", "arm64", "-o", "json");
        CliRun.Result latest = alto("images", "latest", "ubuntu", "24.04", "--arch", "arm64", "-o", "json");

        assertThat(states(regions.json(), "name")).contains("us-east-1", "eu-west-1");
        assertThat(types.json()).isNotEmpty();
        types.json().forEach(t -> assertThat(t.get("vcpus").asInt()).isGreaterThanOrEqualTo(4));
        List<Double> prices = new ArrayList<>();
        types.json().forEach(t -> {
            if (!t.get("pricePerHour").isNull()) {
                prices.add(t.get("pricePerHour").asDouble());
            }
        });
        assertThat(prices).isSorted();
        assertThat(latest.json().get("architecture").asText()).isEqualTo("arm64");
    }

    @Test
    void networksCreateIsIdempotentAndKeysRoundTrip() throws Exception {
        CliRun.Result first = alto("networks", "create", "lab", "--cidr", "10.20.0.0/16", "-o", "json");
        CliRun.Result second = alto("networks", "create", "lab", "--cidr", "10.20.0.0/16", "-o", "json");

        assertThat(first.exit()).as(first.toString()).isZero();
        assertThat(second.json().get("network").get("id").asText())
                .isEqualTo(first.json().get("network").get("id").asText());
        assertThat(second.json().get("subnets")).hasSameSizeAs(first.json().get("subnets"));

        Path key = dir.resolve("lab.pem");
        CliRun.Result created = alto("keys", "create", "lab", "--out", key.toString());
        assertThat(created.exit()).as(created.toString()).isZero();
        assertThat(Files.readString(key)).contains("PRIVATE KEY");
        assertThat(states(alto("keys", "-o", "json").json(), "name")).containsExactly("lab");
        assertThat(alto("keys", "rm", "lab").exit()).isZero();
        assertThat(alto("keys", "-o", "json").json()).isEmpty();
    }
}
