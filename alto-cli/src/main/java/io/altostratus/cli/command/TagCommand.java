package io.altostratus.cli.command;

import io.altostratus.cli.ExitCode;
import io.altostratus.cli.internal.Args;
import io.altostratus.cli.internal.Output;
import io.altostratus.core.Cloud;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code alto tag ID k=v...}. */
@Command(name = "tag", description = "Add or replace tags on any resource (instance, image, volume, vpc, ...).")
public final class TagCommand extends CloudCommand {
    @Parameters(index = "0", paramLabel = "ID", description = "Resource id.")
    String id;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "KEY=VALUE", converter = Args.TagConverter.class,
            description = "Tags to set.")
    List<Args.Tag> tags = new ArrayList<>();

    @Override
    protected ExitCode run(Cloud cloud, Output out) {
        cloud.tag(id, Args.tags(tags));
        note("tagged " + id);
        return ExitCode.OK;
    }
}
