package io.altostratus.cli.command;

import io.altostratus.cli.ExitCode;
import io.altostratus.cli.internal.Output;
import io.altostratus.cli.internal.Tables;
import io.altostratus.core.Cloud;
import io.altostratus.core.ext.Snapshots;
import picocli.CommandLine.Command;

/** {@code alto snapshots}: volume snapshots (images made by {@code alto snapshot} are in {@code images --owner self}). */
@Command(name = "snapshots", description = "List volume snapshots (images made by 'alto snapshot' are listed by "
        + "'alto images --owner self').")
public final class SnapshotsCommand extends CloudCommand {
    @Override
    protected ExitCode run(Cloud cloud, Output out) {
        out.list(cloud.require(Snapshots.class).snapshots(), s -> s, Tables.snapshots());
        return ExitCode.OK;
    }
}
