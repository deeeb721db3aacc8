package io.altostratus.cli.command;

import io.altostratus.cli.ExitCode;
import io.altostratus.cli.internal.Output;
import io.altostratus.cli.internal.Tables;
import io.altostratus.core.Cloud;
import picocli.CommandLine.Command;

/** {@code alto zones}: the zones of the selected region. */
@Command(name = "zones", description = "List the availability zones of the region.")
public final class ZonesCommand extends CloudCommand {
    @Override
    protected ExitCode run(Cloud cloud, Output out) {
        out.list(cloud.zones(), z -> z, Tables.zones());
        return ExitCode.OK;
    }
}
