package io.altostratus.cli.command;

import io.altostratus.cli.ExitCode;
import io.altostratus.cli.internal.Args;
import io.altostratus.cli.internal.Output;
import io.altostratus.core.Cloud;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code alto snapshot INSTANCE --name N}: makes an image from an instance. */
@Command(name = "snapshot", description = "Make an image from an instance; prints the image (launch it with --image ID).")
public final class SnapshotCommand extends CloudCommand {
    @Parameters(paramLabel = "INSTANCE", description = "Instance id.")
    String instance;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "Image name.")
    String name;

    @Option(names = "--description", paramLabel = "TEXT", description = "Image description.")
    String description;

    @Option(names = "--tag", paramLabel = "KEY=VALUE", converter = Args.TagConverter.class,
            description = "A tag (repeatable).")
    List<Args.Tag> tags = new ArrayList<>();

    @Override
    protected ExitCode run(Cloud cloud, Output out) {
        out.object(cloud.createImage(instance, name, description, Args.tags(tags)));
        return ExitCode.OK;
    }
}
