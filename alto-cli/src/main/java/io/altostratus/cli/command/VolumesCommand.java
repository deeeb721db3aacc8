package io.altostratus.cli.command;

import io.altostratus.cli.ExitCode;
import io.altostratus.cli.internal.Args;
import io.altostratus.cli.internal.Output;
import io.altostratus.cli.internal.Tables;
import io.altostratus.core.Cloud;
import io.altostratus.core.ext.Volumes;
import io.altostratus.core.spec.VolumeSpec;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code alto volumes}: block storage. */
@Command(name = "volumes", description = "List volumes.",
        subcommands = {VolumesCommand.Create.class, VolumesCommand.Attach.class, VolumesCommand.Detach.class,
                VolumesCommand.Remove.class})
public final class VolumesCommand extends CloudCommand {
    @Override
    protected ExitCode run(Cloud cloud, Output out) {
        out.list(cloud.require(Volumes.class).volumes(), v -> v, Tables.volumes());
        return ExitCode.OK;
    }

    /** {@code alto volumes create --zone Z --size N}. */
    @Command(name = "create", description = "Create a volume; prints it.")
    public static final class Create extends CloudCommand {
        @Option(names = "--zone", required = true, paramLabel = "ZONE", description = "Availability zone.")
        String zone;

        @Option(names = "--size", paramLabel = "GIB", description = "Size in GiB (optional with --snapshot).")
        int size;

        @Option(names = "--type", paramLabel = "TYPE", description = "Volume type (default: gp3).")
        String type;

        @Option(names = "--iops", paramLabel = "N", description = "Provisioned IOPS.")
        int iops;

        @Option(names = "--encrypted", description = "Encrypt the volume.")
        boolean encrypted;

        @Option(names = "--snapshot", paramLabel = "ID", description = "Restore this snapshot.")
        String snapshot;

        @Option(names = "--tag", paramLabel = "KEY=VALUE", converter = Args.TagConverter.class,
                description = "A tag (repeatable).")
        List<Args.Tag> tags = new ArrayList<>();

        @Override
        protected void validate() {
            new VolumeSpec(zone, size, type, iops, encrypted, snapshot, Args.tags(tags));
        }

        @Override
        protected ExitCode run(Cloud cloud, Output out) {
            out.object(cloud.require(Volumes.class).createVolume(new VolumeSpec(zone, size, type, iops, encrypted, snapshot, Args.tags(tags))));
            return ExitCode.OK;
        }
    }

    /** {@code alto volumes attach VOL INSTANCE [--device D]}. */
    @Command(name = "attach", description = "Attach a volume to an instance in its zone; prints the volume.")
    public static final class Attach extends CloudCommand {
        @Parameters(index = "0", paramLabel = "VOLUME", description = "Volume id.")
        String volume;

        @Parameters(index = "1", paramLabel = "INSTANCE", description = "Instance id.")
        String instance;

        @Option(names = "--device", paramLabel = "DEVICE", description = "Device name, e.g. /dev/sdf (default: next free).")
        String device;

        @Override
        protected ExitCode run(Cloud cloud, Output out) {
            out.object(cloud.require(Volumes.class).attachVolume(volume, instance, device));
            return ExitCode.OK;
        }
    }

    /** {@code alto volumes detach VOL}. */
    @Command(name = "detach", description = "Detach a volume; prints it.")
    public static final class Detach extends CloudCommand {
        @Parameters(paramLabel = "VOLUME", description = "Volume id.")
        String volume;

        @Option(names = "--force", description = "Detach even if the guest has not let go.")
        boolean force;

        @Override
        protected ExitCode run(Cloud cloud, Output out) {
            out.object(cloud.require(Volumes.class).detachVolume(volume, force));
            return ExitCode.OK;
        }
    }

    /** {@code alto volumes rm VOL}. */
    @Command(name = "rm", description = "Delete a volume that is not attached.")
    public static final class Remove extends CloudCommand {
        @Parameters(paramLabel = "VOLUME", description = "Volume id.")
        String volume;

        @Override
        protected ExitCode run(Cloud cloud, Output out) {
            cloud.require(Volumes.class).deleteVolume(volume);
            note("deleted volume " + volume);
            return ExitCode.OK;
        }
    }
}
