package io.altostratus.cli.command;

import io.altostratus.catalog.CatalogFreeze;
import io.altostratus.catalog.CatalogSnapshot;
import io.altostratus.catalog.SnapshotStore;
import io.altostratus.cli.ExitCode;
import io.altostratus.cli.internal.Output;
import io.altostratus.cli.internal.UsageException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code alto catalog freeze}: turns a refreshed snapshot into the static data alto ships, so that a fresh install
 * answers offline with it (commit the result).
 */
@Command(name = "freeze", description = "Write a refreshed snapshot as the catalog data shipped inside alto "
        + "(alto-catalog/src/main/resources of a checkout).")
public final class CatalogFreezeCommand extends CatalogVerb {
    @Option(names = "--from", paramLabel = "DIR",
            description = "The directory holding the snapshot (default: the cache).")
    Path from;

    @Option(names = "--into", paramLabel = "DIR", defaultValue = "alto-catalog/src/main/resources",
            description = "The resources folder to write (default: ${DEFAULT-VALUE}).")
    Path into;

    @Override
    protected ExitCode run(Output out) {
        SnapshotStore store = from != null ? new SnapshotStore(from) : cache();
        CatalogSnapshot snapshot = store.read(provider()).orElseThrow(() -> new UsageException(
                "no " + provider() + " snapshot in " + store.directory() + "; run 'alto catalog refresh' first"));
        if (!Files.isDirectory(into)) {
            throw new UsageException("no folder " + into + " to freeze into (run from a checkout or give --into)");
        }
        CatalogFreeze.Result r = CatalogFreeze.freeze(snapshot, into);
        out.object(r);
        return ExitCode.OK;
    }
}
