package io.altostratus.cli.command;

import io.altostratus.cli.ExitCode;
import io.altostratus.cli.internal.Output;
import io.altostratus.cli.internal.Tables;
import io.altostratus.cli.view.StateChangeView;
import io.altostratus.core.Cloud;
import io.altostratus.core.model.StateChange;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Parameters;

/** The shape start, stop and rm share: ids in, one state change per instance out. */
abstract class StateChangeCommand extends CloudCommand {
    @Parameters(paramLabel = "ID", arity = "1..*", description = "Instance ids.")
    List<String> ids = new ArrayList<>();

    protected abstract List<StateChange> change(Cloud cloud);

    @Override
    protected ExitCode run(Cloud cloud, Output out) {
        out.list(change(cloud).stream().map(StateChangeView::of).toList(), v -> v, Tables.stateChanges());
        return ExitCode.OK;
    }
}
