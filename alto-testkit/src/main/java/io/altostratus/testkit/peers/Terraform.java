package io.altostratus.testkit.peers;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * HashiCorp's Terraform with the aws provider from the machine's offline mirror ({@code /opt/tf-plugins}, or
 * {@code ALTO_TF_MIRROR}), run against our endpoints: a CLI config that installs the provider from the mirror only,
 * a data directory per stack, and an environment that reaches nothing but the endpoint (no proxies, no shared AWS
 * config or credentials of the machine). Tests skip, saying why, where terraform or the mirror is absent.
 */
public final class Terraform {
    public static final Path MIRROR = Path.of(System.getenv().getOrDefault("ALTO_TF_MIRROR", "/opt/tf-plugins"));
    public static final String AWS_PROVIDER = "registry.terraform.io/hashicorp/aws";

    /** One command's exit code, its output (stdout and stderr interleaved) and how long it took. */
    public record Result(int exitCode, String output, long millis) {
    }

    private final Path work;
    private final long limitMinutes;

    private Terraform(Path work, long limitMinutes) {
        this.work = work;
        this.limitMinutes = limitMinutes;
    }

    /** A runner writing its CLI config and stacks under {@code work}; skips the test where Terraform cannot run. */
    public static Terraform in(Path work, long limitMinutes) {
        assumeTrue(onPath(), "terraform is not on the PATH");
        assumeTrue(Files.isDirectory(MIRROR.resolve(AWS_PROVIDER)), "no offline mirror of " + AWS_PROVIDER + " at "
                + MIRROR);
        return new Terraform(work, limitMinutes);
    }

    /** Copies the stack kept as the test resource {@code /terraform/NAME/main.tf} of {@code anchor} into a fresh dir. */
    public Path stack(Class<?> anchor, String name) {
        String resource = "/terraform/" + name + "/main.tf";
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            Path dir = Files.createDirectories(work.resolve(name));
            Files.write(dir.resolve("main.tf"), in.readAllBytes());
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code terraform ARGS} in {@code dir}; the output is also kept there as {@code terraform-VERB.log}. */
    public Result run(Path dir, String... args) {
        List<String> command = new ArrayList<>();
        command.add("terraform");
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        for (String variable : List.of("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "AWS_PROFILE")) {
            env.remove(variable);
        }
        env.put("TF_CLI_CONFIG_FILE", cliConfig().toString());
        env.put("TF_DATA_DIR", dir.resolve(".terraform").toString());
        env.put("TF_IN_AUTOMATION", "1");
        env.put("CHECKPOINT_DISABLE", "1");
        env.put("AWS_CONFIG_FILE", dir.resolve("no-aws-config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("no-aws-credentials").toString());
        env.put("NO_PROXY", "127.0.0.1,localhost");
        Path log = dir.resolve("terraform-" + args[0] + ".log");
        long start = System.nanoTime();
        try {
            Process process = builder.redirectOutput(log.toFile()).start();
            if (!process.waitFor(limitMinutes, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("terraform " + String.join(" ", args) + " did not finish in " + limitMinutes
                        + " min");
            }
            return new Result(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private Path cliConfig() {
        Path file = work.resolve("terraformrc");
        try {
            if (!Files.exists(file)) {
                Files.writeString(file, """
                        provider_installation {
                          filesystem_mirror {
                            path    = "%s"
                            include = ["%s"]
                          }
                          direct {
                            exclude = ["%s"]
                          }
                        }
                        """.formatted(MIRROR, AWS_PROVIDER, AWS_PROVIDER));
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean onPath() {
        try {
            Process p = new ProcessBuilder("terraform", "version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(1, TimeUnit.MINUTES) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
