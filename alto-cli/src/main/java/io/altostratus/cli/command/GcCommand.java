package io.altostratus.cli.command;

import io.altostratus.core.gc.OwnedResources;
import io.altostratus.core.gc.OwnedResources.Owned;
import io.altostratus.cli.ExitCode;
import io.altostratus.cli.internal.Durations;
import io.altostratus.cli.internal.Output;
import io.altostratus.cli.internal.Table;
import io.altostratus.cli.internal.UsageException;
import io.altostratus.core.Cloud;
import io.altostratus.core.ext.Ownership;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code alto gc [--older-than 2h] [--run ID] [--yes]}: lists what alto made for this owner (by its ownership tags)
 * and, with {@code --yes}, deletes it.
 */
@Command(name = "gc", description = "List resources alto made (alto:owner tag) that are older than --older-than or "
        + "from --run; with --yes, delete them (instances first, networks last).")
public final class GcCommand extends CloudCommand {
    @Option(names = "--older-than", paramLabel = "DURATION",
            description = "Only resources created longer ago than this, e.g. 2h or 30m.")
    String olderThan;

    @Option(names = "--run", paramLabel = "ID", description = "Only resources of this run (alto:run-id tag).")
    String run;

    @Option(names = "--owner", paramLabel = "NAME",
            description = "Whose resources (default: the provider's owner, else the OS user).")
    String owner;

    @Option(names = "--yes", description = "Delete what is listed (without it, gc only lists).")
    boolean yes;

    @Option(names = "--timeout", defaultValue = "600", paramLabel = "SECONDS",
            description = "How long to wait for instances to terminate (default: ${DEFAULT-VALUE}).")
    long timeoutSeconds;

    private Duration age;

    @Override
    protected void validate() {
        age = olderThan == null ? null : Durations.parse(olderThan);
        if (timeoutSeconds < 0) {
            throw new UsageException("--timeout must not be negative");
        }
    }

    @Override
    protected ExitCode run(Cloud cloud, Output out) {
        String who = owner != null ? owner
                : cloud.extension(Ownership.class).map(Ownership::owner)
                        .orElseGet(() -> System.getProperty("user.name", "alto"));
        OwnedResources owned = new OwnedResources(cloud, who, main().environment().clock());
        List<Owned> found = owned.find(age, run);
        Table<Owned> table = Table.of(Owned.class).col("KIND", Owned::kind).col("ID", Owned::id)
                .col("NAME", Owned::name).col("CREATED", Owned::created).col("RUN", Owned::runId);
        out.list(found, o -> o, table);
        if (!yes) {
            if (!found.isEmpty()) {
                note(found.size() + " resource(s) of " + who + "; run again with --yes to delete them");
            }
            return ExitCode.OK;
        }
        Map<Owned, String> failed = owned.delete(found, Duration.ofSeconds(timeoutSeconds));
        failed.forEach((o, why) -> note("could not delete " + o.kind() + " " + o.id() + ": " + why));
        note("deleted " + (found.size() - failed.size()) + " of " + found.size() + " resource(s)");
        return failed.isEmpty() ? ExitCode.OK : ExitCode.CLOUD_ERROR;
    }
}
