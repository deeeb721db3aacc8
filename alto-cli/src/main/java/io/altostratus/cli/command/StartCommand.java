package io.altostratus.cli.command;

import io.altostratus.core.Cloud;
import io.altostratus.core.model.StateChange;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code alto start ID...}: starts stopped instances. */
@Command(name = "start", description = "Start stopped instances; prints each one's previous and current state.")
public final class StartCommand extends StateChangeCommand {
    @Override
    protected List<StateChange> change(Cloud cloud) {
        return cloud.start(ids);
    }
}
