package io.altostratus.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.altostratus.core.ec2.Ec2InstanceDetails;
import io.altostratus.core.ec2.InstanceMetadataOptions;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.spi.Providers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code alto launch --imds-tokens}: the choice reaches the provider's state; a bad value is bad usage. */
class LaunchImdsCliTest {
    @TempDir
    Path dir;

    CliRun cli;
    Path state;

    @BeforeEach
    void setUp() {
        assumeTrue(Providers.available().stream().anyMatch(f -> f.name().equals("local")),
                "the local provider is not on the class path");
        cli = new CliRun(dir);
        state = dir.resolve("state");
    }

    private CliRun.Result launch(String... extra) {
        List<String> args = new ArrayList<>(List.of("launch", "--image", "ubuntu:24.04", "--type", "t3.micro",
                "-o", "json", "--state-dir", state.toString()));
        args.addAll(List.of(extra));
        return cli.run(args.toArray(String[]::new));
    }

    /** The options the local cloud keeps for the instance, read from the state directory the CLI wrote. */
    private InstanceMetadataOptions stored(String id) {
        try (ComputeProvider local = Providers.named("local").open(new ProviderContext("us-east-1",
                ProviderContext.DEFAULT_ACCOUNT, null, state, Map.of(), cli.clock))) {
            return Ec2InstanceDetails.of(local.instance(id)).metadataOptions();
        }
    }

    @Test
    void tokensRequiredOrOptionalIsWhatTheInstanceGets() {
        CliRun.Result required = launch("--imds-tokens", "required");
        CliRun.Result optional = launch("--imds-tokens", "optional");
        CliRun.Result unsaid = launch();

        assertThat(required.exit()).as(required.toString()).isZero();
        assertThat(stored(required.json().get(0).get("id").asText()))
                .isEqualTo(InstanceMetadataOptions.defaults().withTokensRequired(true));
        assertThat(required.json().get(0).get("details").get("metadataOptions").get("tokensRequired").asBoolean())
                .as("the provider's details are printed too").isTrue();
        assertThat(stored(optional.json().get(0).get("id").asText())).isEqualTo(InstanceMetadataOptions.defaults());
        assertThat(stored(unsaid.json().get(0).get("id").asText())).as("the provider's default")
                .isEqualTo(InstanceMetadataOptions.defaults());
    }

    @Test
    void anyOtherValueIsBadUsageAndLaunchesNothing() {
        CliRun.Result r = launch("--imds-tokens", "sometimes");

        assertThat(r.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(r.err()).contains("--imds-tokens").contains("sometimes");
        assertThat(cli.run("ls", "-o", "json", "--state-dir", state.toString()).json()).isEmpty();
    }
}
