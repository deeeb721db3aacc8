package io.altostratus.cli.command;

import io.altostratus.cli.ExitCode;
import io.altostratus.cli.internal.Output;
import io.altostratus.cli.internal.Tables;
import io.altostratus.core.Cloud;
import picocli.CommandLine.Command;

/** {@code alto regions}. */
@Command(name = "regions", description = "List the provider's regions.")
public final class RegionsCommand extends CloudCommand {
    @Override
    protected ExitCode run(Cloud cloud, Output out) {
        out.list(cloud.regions(), r -> r, Tables.regions());
        return ExitCode.OK;
    }
}
