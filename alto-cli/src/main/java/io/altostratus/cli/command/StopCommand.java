package io.altostratus.cli.command;

import io.altostratus.core.Cloud;
import io.altostratus.core.model.StateChange;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code alto stop [--force] ID...}: stops instances, keeping their disks. */
@Command(name = "stop", description = "Stop instances (disks are kept); prints each one's previous and current state.")
public final class StopCommand extends StateChangeCommand {
    @Option(names = "--force", description = "Skip the guest's orderly shutdown.")
    boolean force;

    @Override
    protected List<StateChange> change(Cloud cloud) {
        return cloud.stop(ids, force);
    }
}
