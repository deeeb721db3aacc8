package io.altostratus.cli.command;

import io.altostratus.cli.ExitCode;
import io.altostratus.cli.internal.Output;
import io.altostratus.cli.internal.Tables;
import picocli.CommandLine.Command;

/** {@code alto catalog regions}. */
@Command(name = "regions", description = "List the provider's regions from the catalog (no API call).")
public final class CatalogRegionsCommand extends CatalogVerb {
    @Override
    protected ExitCode run(Output out) {
        out.list(choice().catalog().regions(), r -> r, Tables.regions());
        return ExitCode.OK;
    }
}
