package io.altostratus.cli.command;

import io.altostratus.cli.ExitCode;
import io.altostratus.cli.internal.Output;
import io.altostratus.cli.internal.Tables;
import picocli.CommandLine.Command;

/** {@code alto catalog zones}. */
@Command(name = "zones", description = "List a region's availability zones from the catalog (no API call).")
public final class CatalogZonesCommand extends CatalogVerb {
    @Override
    protected ExitCode run(Output out) {
        out.list(choice().catalog().zones(region()), z -> z, Tables.zones());
        return ExitCode.OK;
    }
}
