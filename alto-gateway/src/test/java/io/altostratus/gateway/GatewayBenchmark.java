package io.altostratus.gateway;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

import com.sun.net.httpserver.HttpServer;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Arrays;
import java.util.concurrent.Executors;

/**
 * Prints what the HTTP front and SigV4 check cost: sequential signed DescribeRegions calls through one {@link Ec2Client}
 * against a gateway whose dispatcher answers at once. The figure includes the SDK's own work (signing, XML parsing),
 * so the front's share is at most this. Not a test: run its {@code main} by hand.
 */
public final class GatewayBenchmark {
    private static final int WARM_UP = 2_000;
    private static final int CALLS = 2_000;

    private GatewayBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long startNanos = System.nanoTime();
        double gatewayMicros;
        try (Gateway gateway = Gateway.builder().port(0).dispatcher(new CountingDispatcher()).start()) {
            System.out.printf("gateway started in %.1f ms%n", (System.nanoTime() - startNanos) / 1e6);
            // The first rounds mostly measure the JIT compiling the SDK on a small machine: run them, then measure.
            run("warm-up (strict SigV4)", gateway.endpoint());
            gatewayMicros = run("gateway (strict SigV4)", gateway.endpoint());
        }
        try (Gateway permissive = Gateway.builder().port(0).dispatcher(new CountingDispatcher())
                .authMode(io.altostratus.gateway.auth.AuthMode.PERMISSIVE).start()) {
            run("gateway (permissive)", permissive.endpoint());
        }
        // The floor: the same SDK calls against a bare JDK server that answers the same bytes and checks nothing.
        HttpServer bare = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        bare.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        bare.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] body = RecordingDispatcher.describeRegions(new io.altostratus.gateway.http.Call(
                    "00000000-0000-0000-0000-000000000000", "000000000000", "test", "us-east-1", "DescribeRegions",
                    null, java.util.Map.of()));
            exchange.getResponseHeaders().set("Content-Type", "text/xml;charset=UTF-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        bare.start();
        try {
            double bareMicros = run("bare JDK server", URI.create("http://127.0.0.1:" + bare.getAddress().getPort()));
            System.out.printf("the gateway front (strict SigV4) adds %.1f µs per call at the median over the bare "
                    + "server%n", gatewayMicros - bareMicros);
        } finally {
            bare.stop(0);
        }
    }

    private static double run(String label, URI endpoint) {
        try (Ec2Client ec2 = Ec2Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build()) {
            for (int i = 0; i < WARM_UP; i++) {
                ec2.describeRegions();
            }
            long[] nanos = new long[CALLS];
            long total = System.nanoTime();
            for (int i = 0; i < CALLS; i++) {
                long t = System.nanoTime();
                ec2.describeRegions();
                nanos[i] = System.nanoTime() - t;
            }
            total = System.nanoTime() - total;
            Arrays.sort(nanos);
            double mean = total / 1e3 / CALLS;
            double median = nanos[CALLS / 2] / 1e3;
            System.out.printf("%-24s %d sequential signed DescribeRegions: %.1f ms total, %.1f µs mean, p50 %.1f µs, "
                            + "p99 %.1f µs (SDK client included)%n",
                    label, CALLS, total / 1e6, mean, median, nanos[CALLS * 99 / 100] / 1e3);
            return median;
        }
    }

    private static final class CountingDispatcher implements io.altostratus.gateway.http.ActionDispatcher {
        @Override
        public byte[] dispatch(io.altostratus.gateway.http.Call call) {
            return RecordingDispatcher.describeRegions(call);
        }
    }
}
