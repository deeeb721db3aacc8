package io.altostratus.cli.command;

import io.altostratus.cli.ExitCode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code alto catalog}: what a provider offers, offline or refreshed from its API. */
@Command(name = "catalog",
        description = "Regions, zones, instance types, images and prices: shipped with alto, refreshable from the "
                + "provider's API, exportable.",
        subcommands = {CatalogRegionsCommand.class, CatalogZonesCommand.class, CatalogTypesCommand.class,
                CatalogImagesCommand.class, CatalogStatusCommand.class, CatalogRefreshCommand.class,
                CatalogFreezeCommand.class, CatalogExportCommand.class})
public final class CatalogCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    /** {@code alto catalog} alone: the usage, on stderr. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.USAGE.code();
    }
}
