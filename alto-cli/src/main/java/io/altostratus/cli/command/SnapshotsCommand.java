package io.altostratus.cli.command;

import io.altostratus.cli.ExitCode;
import io.altostratus.cli.internal.Args;
import io.altostratus.cli.internal.Output;
import io.altostratus.cli.internal.Tables;
import io.altostratus.core.Cloud;
import io.altostratus.core.ext.InstanceSnapshots;
import io.altostratus.core.ext.Snapshots;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code alto snapshots}: the provider's snapshots. Clouds snapshot volumes ({@link Snapshots}); hypervisors
 * (Proxmox, vSphere) snapshot whole machines ({@link InstanceSnapshots}), which {@code take}, {@code revert} and
 * {@code rm} work on. Images made by {@code alto snapshot} are listed by {@code alto images --owner self}.
 */
@Command(name = "snapshots", description = "List snapshots: of volumes on clouds, of whole machines on hypervisors "
        + "(Proxmox, vSphere). Images made by 'alto snapshot' are listed by 'alto images --owner self'.",
        subcommands = {SnapshotsCommand.Take.class, SnapshotsCommand.Revert.class, SnapshotsCommand.Remove.class})
public final class SnapshotsCommand extends CloudCommand {
    @Override
    protected ExitCode run(Cloud cloud, Output out) {
        if (cloud.extension(Snapshots.class).isEmpty() && cloud.extension(InstanceSnapshots.class).isPresent()) {
            out.list(cloud.require(InstanceSnapshots.class).instanceSnapshots(), s -> s, Tables.instanceSnapshots());
            return ExitCode.OK;
        }
        out.list(cloud.require(Snapshots.class).snapshots(), s -> s, Tables.snapshots());
        return ExitCode.OK;
    }

    /** {@code alto snapshots take INSTANCE}: a snapshot of every disk of a machine, on a hypervisor. */
    @Command(name = "take", description = "Snapshot every disk of a machine (Proxmox, vSphere); revert to it later.")
    public static final class Take extends CloudCommand {
        @Parameters(paramLabel = "INSTANCE", description = "Instance id.")
        String instance;

        @Option(names = "--description", paramLabel = "TEXT", description = "What the snapshot is for.")
        String description;

        @Option(names = "--tag", paramLabel = "KEY=VALUE", converter = Args.TagConverter.class,
                description = "A tag (repeatable).")
        List<Args.Tag> tags = new ArrayList<>();

        @Override
        protected ExitCode run(Cloud cloud, Output out) {
            out.object(cloud.require(InstanceSnapshots.class).snapshotInstance(instance, description,
                    Args.tags(tags)));
            return ExitCode.OK;
        }
    }

    /** {@code alto snapshots revert SNAPSHOT}: the machine's disks as they were; it is stopped afterwards. */
    @Command(name = "revert", description = "Put a machine's disks back as a snapshot holds them; the machine is "
            + "stopped afterwards ('alto start' it).")
    public static final class Revert extends CloudCommand {
        @Parameters(paramLabel = "SNAPSHOT", description = "Snapshot id (from 'alto snapshots').")
        String snapshot;

        @Override
        protected ExitCode run(Cloud cloud, Output out) {
            cloud.require(InstanceSnapshots.class).revertToSnapshot(snapshot);
            note("reverted to " + snapshot + "; the machine is stopped");
            return ExitCode.OK;
        }
    }

    /** {@code alto snapshots rm SNAPSHOT}: deletes a snapshot of either kind the provider has. */
    @Command(name = "rm", description = "Delete a snapshot.")
    public static final class Remove extends CloudCommand {
        @Parameters(paramLabel = "SNAPSHOT", description = "Snapshot id (from 'alto snapshots').")
        String snapshot;

        @Override
        protected ExitCode run(Cloud cloud, Output out) {
            if (cloud.extension(Snapshots.class).isEmpty() && cloud.extension(InstanceSnapshots.class).isPresent()) {
                cloud.require(InstanceSnapshots.class).deleteInstanceSnapshot(snapshot);
            } else {
                cloud.require(Snapshots.class).deleteSnapshot(snapshot);
            }
            note("deleted snapshot " + snapshot);
            return ExitCode.OK;
        }
    }
}
