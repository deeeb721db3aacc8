package io.altostratus.cli.command;

import io.altostratus.catalog.Catalog;
import io.altostratus.catalog.CatalogExport;
import io.altostratus.catalog.CatalogSnapshot;
import io.altostratus.cli.ExitCode;
import io.altostratus.cli.internal.Output;
import io.altostratus.cli.internal.UsageException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code alto catalog export}: the catalog in use as JSON, CSV or a kdevops-style Kconfig fragment. */
@Command(name = "export", description = "Export the catalog in use: json (every region), csv (one row per region "
        + "and type) or kconfig (choices for one region, kdevops style).")
public final class CatalogExportCommand extends CatalogVerb {
    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "json",
            description = "json, csv or kconfig (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--file", paramLabel = "FILE", description = "Write here instead of to stdout.")
    Path file;

    @Option(names = "--this-region", description = "csv: only the selected region (--region), not every region.")
    boolean thisRegion;

    @Override
    protected ExitCode run(Output out) throws IOException {
        Catalog catalog = choice().catalog();
        String kind = format.toLowerCase(Locale.ROOT);
        String text = switch (kind) {
            case "json" -> CatalogExport.json(snapshot(catalog, null));
            case "csv" -> CatalogExport.csv(snapshot(catalog, thisRegion ? List.of(region()) : null),
                    thisRegion ? region() : null);
            case "kconfig" -> CatalogExport.kconfig(snapshot(catalog, null), region());
            default -> throw new UsageException("unknown export format '" + format + "' (json, csv or kconfig)");
        };
        if (file != null) {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } else {
            out.text(text.endsWith("\n") ? text.substring(0, text.length() - 1) : text);
        }
        return ExitCode.OK;
    }

    private static CatalogSnapshot snapshot(Catalog catalog, List<String> regions) {
        return CatalogSnapshot.behind(catalog).filter(s -> regions == null)
                .orElseGet(() -> CatalogSnapshot.of(catalog, List.of(), regions));
    }
}
