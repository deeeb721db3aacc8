package io.altostratus.cli.command;

import io.altostratus.cli.ExitCode;
import io.altostratus.cli.internal.Output;
import io.altostratus.core.Cloud;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code alto untag ID k...}. */
@Command(name = "untag", description = "Remove tags by key (keys that are not there are ignored).")
public final class UntagCommand extends CloudCommand {
    @Parameters(index = "0", paramLabel = "ID", description = "Resource id.")
    String id;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "KEY", description = "Tag keys to remove.")
    List<String> keys = new ArrayList<>();

    @Override
    protected ExitCode run(Cloud cloud, Output out) {
        cloud.untag(id, keys);
        note("untagged " + id);
        return ExitCode.OK;
    }
}
