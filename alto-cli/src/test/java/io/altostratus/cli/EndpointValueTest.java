package io.altostratus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A mistyped {@code --endpoint} is bad input: exit 2 and one line that names the value, not an internal error (the
 * SDK's own check of the value is a NullPointerException).
 */
class EndpointValueTest {
    @TempDir
    Path home;

    @ParameterizedTest
    @ValueSource(strings = {"notaurl", "127.0.0.1:8773", "ftp://127.0.0.1/", "http://", "http://bad host/"})
    void awsProviderWithAMalformedEndpointIsAUsageError(String endpoint) {
        CliRun cli = new CliRun(home);
        cli.env.put("AWS_ACCESS_KEY_ID", "test");
        cli.env.put("AWS_SECRET_ACCESS_KEY", "test");
        CliRun.Result r = cli.run("--provider", "aws", "--endpoint", endpoint, "ls");
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCode.USAGE.code());
        assertThat(r.err()).contains("'" + endpoint + "'").contains("http://").hasLineCount(1)
                .doesNotContain("internal error");
    }

    @Test
    void catalogRefreshWithAMalformedEndpointIsAUsageError() {
        CliRun cli = new CliRun(home);
        CliRun.Result r = cli.run("catalog", "refresh", "--provider", "aws", "--endpoint", "notaurl",
                "--out", home.resolve("out").toString());
        assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCode.USAGE.code());
        assertThat(r.err()).contains("'notaurl'").hasLineCount(1);
    }
}
