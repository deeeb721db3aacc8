package io.altostratus.cli.command;

import io.altostratus.cli.ExitCode;
import io.altostratus.cli.internal.Output;
import io.altostratus.cli.internal.Tables;
import picocli.CommandLine.Command;

/** {@code alto catalog images}. */
@Command(name = "images", description = "List a region's well-known public images from the catalog (no API call).")
public final class CatalogImagesCommand extends CatalogVerb {
    @Override
    protected ExitCode run(Output out) {
        out.list(choice().catalog().images(region()), i -> i, Tables.images());
        return ExitCode.OK;
    }
}
