package io.altostratus.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * boto3 against {@code alto serve}: the walk plus tag filters (several values OR, several filters AND) and the
 * DescribeInstances paginator. The script (test resource {@code peers/boto3_walk.py}) only records what it saw; the
 * assertions are here. Skipped where python3 cannot import boto3; CI installs Debian's python3-boto3.
 */
class Boto3WalkTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    private GatewayServer server;
    private String python;

    @BeforeEach
    void start() {
        python = Peers.pythonWithBoto3();
        assumeTrue(python != null, "no python3 with boto3 is installed");
        server = GatewayServer.start(ServeOptions.ephemeralLocal(Map.of("transition_ms", "0")));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void walkWithTagFiltersAndThePaginator() throws IOException {
        Path script = home.resolve("boto3_walk.py");
        try (InputStream in = getClass().getResourceAsStream("/peers/boto3_walk.py")) {
            Files.copy(in, script);
        }

        Peers.Result result = Peers.run(home, Peers.clientEnvironment(home, "test", "test", "us-east-1"),
                Duration.ofSeconds(120), List.of(python, script.toString(), server.endpoint().toString()));

        assertThat(result.exit()).as(result.toString()).isZero();
        JsonNode seen = JSON.readTree(result.out());
        assertThat(texts(seen.path("zones"))).isNotEmpty().allSatisfy(z -> assertThat(z).startsWith("us-east-1"));
        assertThat(seen.path("imageCount").asInt()).isPositive();
        assertThat(seen.path("imageId").asText()).startsWith("ami-");
        assertThat(seen.path("keyName").asText()).isEqualTo("boto3-walk");
        assertThat(seen.path("keyMaterialStart").asText()).startsWith("-----BEGIN");
        assertThat(seen.path("duplicateKey").asText()).isEqualTo("InvalidKeyPair.Duplicate");
        assertThat(seen.path("reservationOwner").asText()).isEqualTo("000000000000");

        List<String> a = texts(seen.path("batches").path("a"));
        List<String> b = texts(seen.path("batches").path("b"));
        List<String> c = texts(seen.path("batches").path("c"));
        assertThat(List.of(a, b, c)).allSatisfy(batch -> assertThat(batch).hasSize(4));
        List<String> every = new ArrayList<>(a);
        every.addAll(b);
        every.addAll(c);
        assertThat(every).doesNotHaveDuplicates();

        assertThat(texts(seen.path("tagFiltered"))).containsExactlyElementsOf(b);
        List<String> aAndC = new ArrayList<>(a);
        aAndC.addAll(c);
        assertThat(texts(seen.path("twoBatches"))).containsExactlyInAnyOrderElementsOf(aAndC);

        // 12 instances in pages of at most 5: three pages, every instance exactly once.
        assertThat(seen.path("pages").asInt()).isEqualTo(3);
        assertThat(texts(seen.path("paged"))).hasSize(12).containsExactlyInAnyOrderElementsOf(every);

        assertThat(seen.path("missingInstance").asText()).isEqualTo("InvalidInstanceID.NotFound");
        assertThat(seen.path("malformedInstance").asText()).isEqualTo("InvalidInstanceID.Malformed");
        assertThat(texts(seen.path("terminated"))).containsExactlyInAnyOrderElementsOf(every);
        assertThat(texts(seen.path("terminatedStates"))).isSubsetOf("shutting-down", "terminated").isNotEmpty();
        assertThat(seen.path("keyAfterDelete").asText()).isEqualTo("InvalidKeyPair.NotFound");
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(node -> out.add(node.asText()));
        return out;
    }
}
