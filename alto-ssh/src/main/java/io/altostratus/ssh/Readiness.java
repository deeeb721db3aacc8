package io.altostratus.ssh;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Instance;
import io.altostratus.core.wait.InstanceCondition;
import io.altostratus.core.wait.Waiter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * "Ready" as pycloudlib means it: the instance is running, has an address, SSH answers, and
 * {@code cloud-init status --wait} reports done. All stages share one time budget; a timeout names the stage that
 * did not finish, and a cloud-init failure is reported with cloud-init's own status output. The guest's boot id
 * is recorded so a later reboot can be told apart from the boot that was waited for.
 */
public final class Readiness {
    /** The stages, in order. */
    public enum Stage {
        RUNNING("running"), ADDRESS("has an address"), SSH("SSH answers"), CLOUD_INIT("cloud-init done");

        private final String description;

        Stage(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    /** Where instances come from: {@code cloud::waitFor} in practice. */
    @FunctionalInterface
    public interface Instances {
        Instance waitFor(String id, InstanceCondition condition, Waiter waiter);
    }

    /**
     * A ready instance.
     *
     * @param instance        the instance as last seen
     * @param bootId          the guest's {@code /proc/sys/kernel/random/boot_id} once cloud-init was done
     * @param rebooted        whether the guest rebooted while cloud-init was being waited for
     * @param cloudInitStatus cloud-init's status word ({@code done}, or {@code disabled})
     * @param degraded        whether cloud-init finished with recoverable errors (exit code 2)
     * @param cloudInitOutput the full {@code status --long} output
     */
    public record Result(Instance instance, String bootId, boolean rebooted, String cloudInitStatus,
                         boolean degraded, String cloudInitOutput) { }

    static final String BOOT_ID = "cat /proc/sys/kernel/random/boot_id";
    static final String CLOUD_INIT = "cloud-init status --wait --long";
    private static final int MAX_RECONNECTS = 5;

    private final Ssh ssh;
    private final Instances instances;
    private final Function<Instance, SshTarget> login;
    private final Waiter.Builder waiters;
    private final Duration timeout;

    /**
     * @param waiters the backoff, clock and sleeper for every stage
     * @param timeout the budget for all stages together
     */
    public Readiness(Ssh ssh, Instances instances, Function<Instance, SshTarget> login, Waiter.Builder waiters,
                     Duration timeout) {
        this.ssh = Objects.requireNonNull(ssh);
        this.instances = Objects.requireNonNull(instances);
        this.login = Objects.requireNonNull(login);
        this.waiters = waiters.copy();
        this.timeout = Objects.requireNonNull(timeout);
    }

    /** Waits until the instance is ready; see the class comment. */
    public Result await(String instanceId) {
        Clock clock = waiters.build().clock();
        Instant deadline = clock.instant().plus(timeout);
        Instance running = stage(Stage.RUNNING, instanceId,
                () -> instances.waitFor(instanceId, InstanceCondition.RUNNING, waiter(clock, deadline)));
        Instance addressed = stage(Stage.ADDRESS, instanceId,
                () -> instances.waitFor(instanceId, InstanceCondition.HAS_ADDRESS, waiter(clock, deadline)));
        SshTarget target = login.apply(addressed);
        String firstBoot = null;
        for (int attempt = 0; ; attempt++) {
            SshConnection connection = stage(Stage.SSH, instanceId,
                    () -> ssh.connectWhenReady(target, waiter(clock, deadline)));
            try (connection) {
                String bootId = bootId(connection);
                firstBoot = firstBoot == null ? bootId : firstBoot;
                Duration left = Duration.between(clock.instant(), deadline);
                if (left.isNegative() || left.isZero()) {
                    throw timeout(Stage.CLOUD_INIT, instanceId, "no time left");
                }
                Captured status;
                try {
                    status = connection.run(CLOUD_INIT, left);
                } catch (AltoException e) {
                    if (e.code() == ErrorCode.TIMEOUT) {
                        throw timeout(Stage.CLOUD_INIT, instanceId, "'" + CLOUD_INIT + "' still waiting after "
                                + left.toSeconds() + " s");
                    }
                    if ("SshConnectionLost".equals(e.providerCode()) && attempt < MAX_RECONNECTS) {
                        continue; // cloud-init rebooted the guest (e.g. after package upgrades): log in again
                    }
                    throw e;
                }
                if (status.result().exitStatus() == null && status.result().signal() == null
                        && attempt < MAX_RECONNECTS) {
                    continue;
                }
                return judge(instanceId, addressed, connection, status, firstBoot);
            }
        }
    }

    private Result judge(String id, Instance instance, SshConnection connection, Captured status, String firstBoot) {
        String output = status.stdoutText().lines().filter(l -> !l.matches("\\.*")).reduce((a, b) -> a + "\n" + b)
                .orElse("").strip();
        String word = statusWord(output);
        Integer exit = status.result().exitStatus();
        if (exit != null && exit == 127) {
            throw new AltoException(ErrorCode.UNSUPPORTED, "CloudInitMissing", "instance " + id
                    + " has no cloud-init ('cloud-init' not found on the guest), so readiness cannot be judged");
        }
        boolean degraded = exit != null && exit == 2;
        if ((exit != null && exit == 0 || degraded) && !word.equals("error")) {
            String bootId = bootId(connection);
            return new Result(instance, bootId, !bootId.equals(firstBoot), word, degraded, output);
        }
        String detail = output.isEmpty() ? status.stderrText().strip() : output;
        throw new AltoException(ErrorCode.INVALID_STATE, "CloudInitFailed", "cloud-init on " + id
                + " reported " + (word.isEmpty() ? "a failure" : "status '" + word + "'") + " ("
                + status.result() + "): " + detail);
    }

    /** The word after {@code status:} in cloud-init's output. */
    static String statusWord(String output) {
        for (String line : output.lines().toList()) {
            String t = line.strip();
            if (t.toLowerCase(Locale.ROOT).startsWith("status:")) {
                return t.substring("status:".length()).strip();
            }
        }
        return "";
    }

    private static String bootId(SshConnection connection) {
        Captured c = connection.run(BOOT_ID, Duration.ofSeconds(30));
        if (!c.result().succeeded()) {
            throw new AltoException(ErrorCode.PROVIDER_ERROR, "BootIdUnreadable",
                    "cannot read the boot id on " + connection.target().display() + ": " + c.stderrText().strip());
        }
        return c.stdoutText().strip();
    }

    private Waiter waiter(Clock clock, Instant deadline) {
        Duration left = Duration.between(clock.instant(), deadline);
        return waiters.copy().timeout(left.isNegative() ? Duration.ZERO : left).build();
    }

    private static <T> T stage(Stage stage, String id, java.util.function.Supplier<T> body) {
        try {
            return body.get();
        } catch (AltoException e) {
            if (e.code() == ErrorCode.TIMEOUT) {
                throw timeout(stage, id, e.getMessage());
            }
            throw e;
        }
    }

    private static AltoException timeout(Stage stage, String id, String detail) {
        return new AltoException(ErrorCode.TIMEOUT, "WaitTimeout", id + " is not ready: the stage '"
                + stage.name().toLowerCase(Locale.ROOT).replace('_', '-') + "' (" + stage.description()
                + ") did not finish: " + detail);
    }
}
