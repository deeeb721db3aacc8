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
        out.list(cloud.waitForAll(ids, condition, Duration.ofSeconds(timeoutSeconds)), InstanceView::of,
                Tables.instances());
        return ExitCode.OK;
    }
}
