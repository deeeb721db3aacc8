package io.altostratus.cli.command;

import io.altostratus.cli.internal.UsageException;
import io.altostratus.core.Cloud;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.StateChange;
import io.altostratus.core.wait.InstanceCondition;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code alto rm [--wait] ID...}: terminates instances. */
@Command(name = "rm", aliases = "terminate",
        description = "Terminate instances; prints each one's previous and current state (the final one with --wait).")
public final class RmCommand extends StateChangeCommand {
    @Option(names = "--wait", description = "Wait until they are terminated.")
    boolean await;

    @Option(names = "--timeout", defaultValue = "600", paramLabel = "SECONDS",
            description = "How long --wait waits (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    @Override
    protected void validate() {
        if (timeoutSeconds < 0) {
            throw new UsageException("--timeout must not be negative");
        }
    }

    @Override
    protected List<StateChange> change(Cloud cloud) {
        List<StateChange> changes = cloud.terminate(ids);
        if (!await) {
            return changes;
        }
        Map<String, Instance> done = cloud.waitForAll(ids, InstanceCondition.TERMINATED,
                        Duration.ofSeconds(timeoutSeconds)).stream()
                .collect(Collectors.toMap(Instance::id, Function.identity(), (a, b) -> a));
        return changes.stream()
                .map(c -> done.containsKey(c.instanceId())
                        ? new StateChange(c.instanceId(), c.previous(), done.get(c.instanceId()).state())
                        : c)
                .toList();
    }
}
