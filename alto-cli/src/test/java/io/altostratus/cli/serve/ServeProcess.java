package io.altostratus.cli.serve;

import io.altostratus.cli.Launcher;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * {@code alto serve} in a process of its own, started from this test JVM's class path (the same classes
 * {@code bin/alto} runs, without needing the packaged jar), so a test can run several replicas and kill one with
 * SIGKILL. Output goes to a log file in the test's directory, quoted when the process fails to start.
 */
final class ServeProcess implements AutoCloseable {

    private final String name;
    private final Process process;
    private final URI endpoint;
    private final Path log;

    private ServeProcess(String name, Process process, URI endpoint, Path log) {
        this.name = name;
        this.process = process;
        this.endpoint = endpoint;
        this.log = log;
    }

    /**
     * Starts {@code alto serve --port <free> <args>} with {@code dir} as its home and working directory and the local
     * cloud's transitions instant, and waits until {@code /_alto/health} answers.
     */
    static ServeProcess start(String name, Path dir, List<String> args, Map<String, String> env) throws IOException {
        Files.createDirectories(dir);
        int port = freePort();
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-Xmx384m",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), Launcher.class.getName(),
                "serve", "--port", Integer.toString(port)));
        command.addAll(args);
        Path log = dir.resolve(name + ".log");
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("ALTO_"));
        pb.environment().put("HOME", dir.toString());
        pb.environment().put("ALTO_LOCAL_TRANSITION_MS", "0");
        pb.environment().putAll(env);
        Process process = pb.start();
        URI endpoint = URI.create("http://127.0.0.1:" + port + "/");
        ServeProcess serve = new ServeProcess(name, process, endpoint, log);
        try {
            serve.awaitHealthy(Duration.ofSeconds(90));
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
        return serve;
    }

    private void awaitHealthy(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
            HttpRequest health = HttpRequest.newBuilder(endpoint.resolve("/_alto/health"))
                    .timeout(Duration.ofSeconds(2)).build();
            while (true) {
                if (!process.isAlive()) {
                    throw new IOException(name + " exited with " + process.exitValue() + ":\n" + log());
                }
                try {
                    if (http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return;
                    }
                } catch (IOException notYet) {
                    // Not listening yet.
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException(name + " did not answer /_alto/health within " + timeout + ":\n" + log());
                }
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting " + name, e);
        }
    }

    URI endpoint() {
        return endpoint;
    }

    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook runs, nothing is flushed or closed. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /**
     * An EC2 client of this replica (key test/test) that does not retry, so every error the server answers reaches
     * the test, and that gives up on a call after {@code callTimeout}, so a hang is a failure rather than a stuck test.
     */
    Ec2Client ec2(Duration callTimeout) {
        return Ec2Client.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry()).apiCallTimeout(callTimeout))
                .build();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
