package io.altostratus.cli.command;

import io.altostratus.cli.ExitCode;
import io.altostratus.cli.internal.Output;
import io.altostratus.cli.view.InstanceView;
import io.altostratus.core.Cloud;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code alto show ID}: one instance in full (one JSON object with -o json). */
@Command(name = "show", description = "Show one instance in full (one object with -o json).")
public final class ShowCommand extends CloudCommand {
    @Parameters(paramLabel = "ID", description = "Instance id.")
    String id;

    @Override
    protected ExitCode run(Cloud cloud, Output out) {
        out.object(InstanceView.of(cloud.instance(id)));
        return ExitCode.OK;
    }
}
