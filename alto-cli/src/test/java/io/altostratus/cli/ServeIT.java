package io.altostratus.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * The real {@code bin/alto serve} as a process: it announces its endpoint and the default key, answers EC2 calls, and
 * on SIGTERM closes its store through the shutdown hook, leaving the state directory to the next process.
 * Runs after {@code package} (failsafe).
 */
class ServeIT {
    private static final Pattern ENDPOINT = Pattern.compile("EC2 endpoint (http://\\S+/)");

    @TempDir
    Path dir;

    @Test
    void servesUntilTerminatedAndLeavesItsStateToTheNextProcess() throws Exception {
        Path repo = Path.of(System.getProperty("alto.repo", "..")).toAbsolutePath().normalize();
        Path bin = repo.resolve("bin/alto");
        assumeTrue(Files.isExecutable(bin), "bin/alto not found at " + bin);
        Path state = dir.resolve("state");
        ProcessBuilder pb = new ProcessBuilder(bin.toString(), "serve", "--port", "0", "--state-dir", state.toString())
                .directory(dir.toFile()).redirectError(dir.resolve("serve.err").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("ALTO_"));
        pb.environment().put("ALTO_TARGET", System.getProperty("alto.target", "target"));
        pb.environment().put("HOME", dir.toString());
        Process serve = pb.start();
        try {
            List<String> announced = new ArrayList<>();
            BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
            // Blocking reads: the first line comes once the server listens, the second right after it.
            announced.add(out.readLine());
            announced.add(out.readLine());
            assertThat(announced.get(0)).as("stderr: %s", Files.readString(dir.resolve("serve.err")))
                    .isNotNull().contains("backend local");
            assertThat(announced.get(1)).contains("access key 'test' / secret 'test' for account 000000000000");
            Matcher m = ENDPOINT.matcher(announced.get(0));
            assertThat(m.find()).isTrue();
            URI endpoint = URI.create(m.group(1));

            try (HttpClient http = HttpClient.newHttpClient()) {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(endpoint.resolve("/_alto/health"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).isEqualTo(200);
                assertThat(health.body()).contains("\"backend\"").contains("local");
            }
            try (Ec2Client ec2 = Ec2Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                    .build()) {
                assertThat(ec2.describeAvailabilityZones().availabilityZones()).isNotEmpty();
            }
        } finally {
            serve.destroy();
        }
        assertThat(serve.waitFor(60, TimeUnit.SECONDS)).as("alto serve stops on SIGTERM").isTrue();
        // 128 + SIGTERM: the JVM ran its shutdown hooks and exited as a terminated process does.
        assertThat(serve.exitValue()).isEqualTo(143);
        // Library logging (the AWS SDK's and sqlite-jdbc's SLF4J) must not reach the user's terminal.
        assertThat(Files.readString(dir.resolve("serve.err"))).doesNotContain("SLF4J");

        ProcessBuilder keys = new ProcessBuilder(bin.toString(), "gateway", "keys", "list", "--state-dir",
                state.toString(), "-o", "json").directory(dir.toFile())
                .redirectError(dir.resolve("keys.err").toFile());
        keys.environment().keySet().removeIf(k -> k.startsWith("ALTO_"));
        keys.environment().putAll(Map.of("HOME", dir.toString(),
                "ALTO_TARGET", System.getProperty("alto.target", "target")));
        Process list = keys.start();
        String listed = new String(list.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(list.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(list.exitValue()).as(Files.readString(dir.resolve("keys.err"))).isZero();
        com.fasterxml.jackson.databind.JsonNode keyList = new com.fasterxml.jackson.databind.ObjectMapper().readTree(listed);
        assertThat(keyList).hasSize(1);
        assertThat(keyList.get(0).path("accessKeyId").asText()).isEqualTo("test");
        assertThat(listed).doesNotContain("secret");
    }
}
