package io.altostratus.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.altostratus.core.spi.Providers;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code alto kube-token} as kubectl runs it from a kubeconfig: an ExecCredential on stdout whose token is a
 * presigned STS URL for the cluster, signed at the command's clock with the aws provider's keys. The signature
 * itself is recomputed from SigV4's rules in alto-aws's EksTokensTest.
 */
class KubeTokenCliTest {
    @TempDir
    Path dir;

    CliRun cli;

    @BeforeEach
    void setUp() {
        assumeTrue(Providers.available().stream().anyMatch(f -> f.name().equals("aws")), "no aws provider");
        cli = new CliRun(dir);
        cli.env.put("ALTO_AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
        cli.env.put("ALTO_AWS_SECRET_ACCESS_KEY", "secret");
    }

    @Test
    void printsAnExecCredentialWithAPresignedStsUrlForTheCluster() {
        CliRun.Result r = cli.run("kube-token", "--provider", "aws", "--cluster", "prod", "--region", "eu-west-1",
                "-o", "yaml");

        assertThat(r.exit()).as(r.toString()).isZero();
        assertThat(r.err()).isEmpty();
        JsonNode json = r.json(); // JSON whatever -o says: kubectl reads it
        assertThat(json.get("kind").asText()).isEqualTo("ExecCredential");
        assertThat(json.get("apiVersion").asText()).isEqualTo("client.authentication.k8s.io/v1beta1");
        Instant now = cli.clock.instant();
        assertThat(OffsetDateTime.parse(json.get("status").get("expirationTimestamp").asText()).toInstant())
                .isEqualTo(now.plusSeconds(900));
        String token = json.get("status").get("token").asText();
        assertThat(token).startsWith("k8s-aws-v1.");
        URI url = URI.create(new String(Base64.getUrlDecoder().decode(token.substring(11)), StandardCharsets.UTF_8));
        assertThat(url.getHost()).isEqualTo("sts.eu-west-1.amazonaws.com");
        Map<String, String> q = new LinkedHashMap<>();
        for (String pair : url.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            q.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        assertThat(q).containsEntry("Action", "GetCallerIdentity").containsEntry("Version", "2011-06-15")
                .containsEntry("X-Amz-Expires", "60")
                .containsEntry("X-Amz-Credential", "AKIDEXAMPLE/20260101/eu-west-1/sts/aws4_request")
                .containsEntry("X-Amz-Date", "20260101T000000Z");
        assertThat(q.get("X-Amz-SignedHeaders")).isEqualTo("host;x-k8s-aws-id");
    }

    @Test
    void onGcpTheTokenIsTheSessionsAccessToken() throws java.io.IOException {
        Path config = dir.resolve("alto.toml");
        java.nio.file.Files.writeString(config, "[gcp]\nproject = \"lab\"\naccess_token = \"ya29.fixed\"\n");
        CliRun.Result r = cli.run("kube-token", "--provider", "gcp", "--cluster", "c1", "--region", "us-central1",
                "--endpoint", "http://127.0.0.1:9", "--config", config.toString());

        assertThat(r.exit()).as(r.toString()).isZero();
        JsonNode json = r.json();
        assertThat(json.get("kind").asText()).isEqualTo("ExecCredential");
        assertThat(json.get("status").get("token").asText()).isEqualTo("ya29.fixed");
        assertThat(OffsetDateTime.parse(json.get("status").get("expirationTimestamp").asText()).toInstant())
                .isAfter(cli.clock.instant());
    }

    @Test
    void aProviderWithoutTokensIsUnsupported() {
        CliRun.Result r = cli.run("kube-token", "--provider", "local", "--cluster", "c",
                "--state-dir", dir.resolve("s").toString());

        assertThat(r.exit()).isEqualTo(ExitCode.UNSUPPORTED.code());
        assertThat(r.errLines()).singleElement().asString().contains("local");
    }

    @Test
    void aBadClusterNameIsUsage() {
        CliRun.Result r = cli.run("kube-token", "--provider", "aws", "--cluster", "no spaces", "--region", "eu-west-1");

        assertThat(r.exit()).isEqualTo(ExitCode.USAGE.code());
    }
}
