package io.altostratus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A fault spec {@code alto serve --faults} cannot read stops the start with one usage line naming the bad entry. */
class ServeFaultSpecTest {
    @TempDir
    Path home;

    @Test
    void aQuotaWithTwoPlacesIsOneUsageLineShowingTheForm() {
        CliRun.Result run = new CliRun(home).run("serve", "--ephemeral", "--port", "0", "--faults",
                "throttle=1%,quota=t3.micro@us-east-1@eu-west-1");

        assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.USAGE.code());
        assertThat(run.errLines()).as(run.toString()).singleElement().satisfies(line -> assertThat(line)
                .startsWith("alto: error: --faults: bad quota in 'quota=t3.micro@us-east-1@eu-west-1'")
                .contains("REGION or TYPE@REGION"));
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aQuotaOnAnUnnamedTypeIsOneUsageLine() {
        CliRun.Result run = new CliRun(home).run("serve", "--ephemeral", "--port", "0", "--faults", "quota=@eu-west-1");

        assertThat(run.exit()).as(run.toString()).isEqualTo(ExitCode.USAGE.code());
        assertThat(run.errLines()).as(run.toString()).singleElement()
                .satisfies(line -> assertThat(line).contains("'' is not an instance type name"));
    }
}
