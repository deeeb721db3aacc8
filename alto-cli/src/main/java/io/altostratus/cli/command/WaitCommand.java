package io.altostratus.cli.command;

import io.altostratus.cli.ExitCode;
import io.altostratus.cli.internal.Output;
import io.altostratus.cli.internal.Tables;
import io.altostratus.cli.internal.UsageException;
import io.altostratus.cli.view.InstanceView;
import io.altostratus.core.Cloud;
import io.altostratus.core.wait.InstanceCondition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code alto wait ID... --state S}: blocks until every instance is in the state, then prints them. */
@Command(name = "wait", description = "Wait until instances reach a state, then print them. Exits 4 on timeout, "
        + "6 when the state can no longer be reached (e.g. waiting for running on a terminated instance).")
public final class WaitCommand extends CloudCommand {
    @Parameters(paramLabel = "ID", arity = "1..*", description = "Instance ids.")
    List<String> ids = new ArrayList<>();

    @Option(names = "--state", defaultValue = "running", paramLabel = "STATE",
            description = "running, stopped, terminated or has-ip (default: ${DEFAULT-VALUE}).")
    String state;

    @Option(names = "--ready", description = "Wait until each instance is ready for use: running, has an address, "
            + "SSH answers and cloud-init reports done (needs a provider with guest access; takes the SSH options).")
    boolean ready;

    @picocli.CommandLine.Mixin
    SshSupport ssh;

    @Option(names = "--timeout", defaultValue = "600", paramLabel = "SECONDS",
            description = "Give up after this long (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    private InstanceCondition condition;

    @Override
    protected void validate() {
        condition = InstanceCondition.parse(state);
        if (timeoutSeconds < 0) {
            throw new UsageException("--timeout must not be negative");
        }
    }

    @Override
    protected ExitCode run(Cloud cloud, Output out) {
        if (ready) {
            out.list(awaitReady(cloud), InstanceView::of, Tables.instances());
            return ExitCode.OK;
        }
        out.list(cloud.waitForAll(ids, condition, Duration.ofSeconds(timeoutSeconds)), InstanceView::of,
                Tables.instances());
        return ExitCode.OK;
    }

    /** The stages live in alto-ssh's Readiness; this only wires the session, the login and the budget in. */
    private List<io.altostratus.core.model.Instance> awaitReady(Cloud cloud) {
        io.altostratus.ssh.GuestLogin.requireGuestAccess(cloud);
        io.altostratus.ssh.GuestLogin login = ssh.login(main());
        List<io.altostratus.core.model.Instance> done = new ArrayList<>();
        try (io.altostratus.ssh.Ssh client = SshSupport.openSsh(main())) {
            io.altostratus.core.wait.Waiter.Builder waiters = io.altostratus.core.wait.Waiter.builder()
                    .clock(main().environment().clock()).sleeper(main().environment().sleeper());
            io.altostratus.ssh.Readiness readiness = new io.altostratus.ssh.Readiness(client, cloud::waitFor,
                    i -> login.target(cloud, i.id()), waiters, Duration.ofSeconds(timeoutSeconds));
            for (String id : ids) {
                io.altostratus.ssh.Readiness.Result r = readiness.await(id);
                note(id + " is ready: cloud-init " + r.cloudInitStatus() + (r.degraded() ? " with recoverable errors"
                        : "") + ", boot id " + r.bootId());
                done.add(r.instance());
            }
        }
        return done;
    }
}
