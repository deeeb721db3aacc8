package io.altostratus.gateway.http;

import io.altostratus.gateway.Gateway;
import io.altostratus.gateway.auth.AuthMode;
import io.altostratus.gateway.codec.Ec2Operation;
import io.altostratus.gateway.codec.Ec2OperationRegistry;
import io.altostratus.gateway.codec.Ec2XmlEncoder;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.Reservation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Answers whose body is streamed ({@link ActionDispatcher#respond}): small ones still go out with a Content-Length,
 * large ones chunked and byte-identical, a failure before the first byte is EC2's InternalError, a failure after it
 * cuts the connection so no client takes a truncated document for a whole one.
 */
class StreamedAnswerTest {
    private static final Ec2XmlEncoder ENCODER = new Ec2XmlEncoder();
    private static volatile Function<Call, ResponseBody> behaviour;
    private static Gateway gateway;
    private static HttpClient http;

    /** A dispatcher whose answers only exist as streams. */
    private static final class StreamingDispatcher implements ActionDispatcher {
        @Override
        public byte[] dispatch(Call call) {
            throw new AssertionError("the front must call respond(), not dispatch()");
        }

        @Override
        public ResponseBody respond(Call call) {
            return behaviour.apply(call);
        }
    }

    @BeforeAll
    static void start() {
        gateway = Gateway.builder().port(0).authMode(AuthMode.PERMISSIVE).dispatcher(new StreamingDispatcher()).start();
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() {
        http.close();
        gateway.close();
    }

    private static HttpResponse<byte[]> post(String action) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(gateway.endpoint())
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("Action=" + action + "&Version=2016-11-15")).build();
        return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A deterministic body of {@code size} bytes, written in uneven pieces as an encoder would. */
    private static byte[] pattern(int size) {
        byte[] body = new byte[size];
        for (int i = 0; i < size; i++) {
            body[i] = (byte) ('a' + (i * 31 + i / 7) % 26);
        }
        return body;
    }

    private static ResponseBody inPieces(byte[] body, int piece) {
        return out -> {
            for (int off = 0; off < body.length; off += piece) {
                out.write(body, off, Math.min(piece, body.length - off));
            }
        };
    }

    @Test
    void aLargeStreamedBodyArrivesWholeAndChunked() throws Exception {
        byte[] body = pattern(3 * 1024 * 1024 + 17);
        behaviour = call -> inPieces(body, 7919);

        HttpResponse<byte[]> response = post("DescribeInstances");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Length")).isEmpty();
        assertThat(response.headers().firstValue("Transfer-Encoding")).hasValue("chunked");
        assertThat(response.body()).isEqualTo(body);
    }

    @Test
    void aSmallStreamedBodyGoesOutWithItsLength() throws Exception {
        byte[] body = pattern(5000);
        behaviour = call -> inPieces(body, 333);

        HttpResponse<byte[]> response = post("DescribeRegions");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Length")).hasValue("5000");
        assertThat(response.body()).isEqualTo(body);
    }

    @Test
    void aFailureBeforeTheFirstByteIsAnInternalError() throws Exception {
        behaviour = call -> out -> {
            out.write("<partial".getBytes(StandardCharsets.UTF_8));
            throw new IllegalStateException("encoder bug");
        };

        HttpResponse<byte[]> response = post("DescribeRegions");

        assertThat(response.statusCode()).isEqualTo(500);
        String text = new String(response.body(), StandardCharsets.UTF_8);
        assertThat(text).contains("<Code>InternalError</Code>").doesNotContain("<partial");
    }

    @Test
    void aFailureMidStreamCutsTheConnection() {
        byte[] body = pattern(1024 * 1024);
        behaviour = call -> out -> {
            out.write(body);
            throw new IllegalStateException("encoder bug after a megabyte");
        };

        assertThatThrownBy(() -> post("DescribeInstances")).isInstanceOf(IOException.class);
    }

    @Test
    void theSdkReadsAStreamedDescribeInstancesOfAThousandInstances() {
        Ec2Operation op = Ec2OperationRegistry.instance().require("DescribeInstances");
        DescribeInstancesResponse fleet = fleet(1000);
        behaviour = call -> out -> ENCODER.encode(op, fleet, call.requestId(), out);

        try (Ec2Client ec2 = Ec2Client.builder().endpointOverride(URI.create(gateway.endpoint().toString()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build()) {
            DescribeInstancesResponse read = ec2.describeInstances();
            assertThat(read.reservations()).hasSize(100);
            assertThat(read.reservations().stream().mapToInt(r -> r.instances().size()).sum()).isEqualTo(1000);
            assertThat(read.reservations().get(99).instances().get(9).instanceId()).isEqualTo("i-00000000000000999");
            assertThat(read.equalsBySdkFields(fleet)).isTrue();
        }
    }

    @Test
    void aStreamedDocumentIsTheSameAsTheWholeOne() throws IOException {
        Ec2Operation op = Ec2OperationRegistry.instance().require("DescribeInstances");
        DescribeInstancesResponse fleet = fleet(300);
        java.io.ByteArrayOutputStream streamed = new java.io.ByteArrayOutputStream();
        List<Integer> pieces = new ArrayList<>();
        OutputStream recording = new OutputStream() {
            @Override
            public void write(int b) {
                pieces.add(1);
                streamed.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                pieces.add(len);
                streamed.write(b, off, len);
            }
        };

        ENCODER.encode(op, fleet, "req-1", recording);

        assertThat(streamed.toByteArray()).isEqualTo(ENCODER.encodeToUtf8(op, fleet, "req-1"));
        assertThat(pieces).hasSizeGreaterThan(1).allMatch(n -> n <= Ec2XmlEncoder.STREAM_BUFFER_BYTES);
    }

    private static DescribeInstancesResponse fleet(int instances) {
        List<Reservation> reservations = new ArrayList<>();
        for (int r = 0; r < instances / 10; r++) {
            List<Instance> batch = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                int n = r * 10 + i;
                batch.add(Instance.builder().instanceId(String.format("i-%017d", n)).imageId("ami-0abc")
                        .instanceType("t3.micro").state(s -> s.code(16).name(InstanceStateName.RUNNING))
                        .launchTime(Instant.parse("2024-05-01T12:00:00Z").plusSeconds(n)).amiLaunchIndex(i)
                        .tags(t -> t.key("Name").value("web <" + n + "> & ünïcode ✓ 𝄞"))
                        .sourceDestCheck(n % 2 == 0).build());
            }
            reservations.add(Reservation.builder().reservationId("r-" + r).ownerId("000000000000")
                    .groups(List.of()).instances(batch).build());
        }
        return DescribeInstancesResponse.builder().reservations(reservations).build();
    }
}
