package io.altostratus.cli.serve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs real EC2 clients (the AWS CLI, python3 with boto3) as processes, with an environment of the test's choosing. */
final class Peers {
    private Peers() {
    }

    /** What a process did. */
    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    /**
     * The first Python interpreter that can import boto3: {@code python3} on the PATH (which may be a pyenv or venv
     * Python with pip-installed boto3), else Debian's {@code /usr/bin/python3} (where Debian's python3-boto3 installs),
     * or null when neither can.
     */
    static String pythonWithBoto3() {
        for (String python : List.of("python3", "/usr/bin/python3")) {
            if (works(python, "-c", "import boto3")) {
                return python;
            }
        }
        return null;
    }

    /** Whether {@code command} runs and exits 0 within 30 s (a missing program is simply "no"). */
    static boolean works(String... command) {
        try {
            return run(Path.of(System.getProperty("java.io.tmpdir")), Map.of(), Duration.ofSeconds(30),
                    List.of(command)).exit() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * The environment of an EC2 client that must use exactly the given credentials: a private HOME (no ~/.aws of the
     * developer), no proxies for the loopback address, no instance metadata lookups.
     */
    static Map<String, String> clientEnvironment(Path home, String accessKey, String secret, String region) {
        return Map.of(
                "HOME", home.toString(),
                "AWS_ACCESS_KEY_ID", accessKey,
                "AWS_SECRET_ACCESS_KEY", secret,
                "AWS_DEFAULT_REGION", region,
                "AWS_CONFIG_FILE", home.resolve("no-aws-config").toString(),
                "AWS_SHARED_CREDENTIALS_FILE", home.resolve("no-aws-credentials").toString(),
                "AWS_EC2_METADATA_DISABLED", "true",
                "AWS_PAGER", "",
                "NO_PROXY", "127.0.0.1,localhost",
                "no_proxy", "127.0.0.1,localhost");
    }

    /** Runs a command to completion (killing it after {@code timeout}) and returns its exit code and output. */
    static Result run(Path dir, Map<String, String> env, Duration timeout, List<String> command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        Map<String, String> environment = pb.environment();
        environment.keySet().removeIf(k -> k.startsWith("AWS_") || k.equalsIgnoreCase("http_proxy")
                || k.equalsIgnoreCase("https_proxy"));
        environment.putAll(env);
        Path out = Files.createTempFile(dir, "peer-out", ".txt");
        Path err = Files.createTempFile(dir, "peer-err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(
                Path.of("/dev/null").toFile()));
        Process process = pb.start();
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not finish within " + timeout);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running " + command, e);
        }
        try {
            return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
