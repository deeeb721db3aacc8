package io.altostratus.cli.command;

import io.altostratus.catalog.CatalogChoice;
import io.altostratus.catalog.CatalogSnapshot;
import io.altostratus.cli.ExitCode;
import io.altostratus.cli.internal.Output;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code alto catalog status}: which catalog answers, how old it is, and where it came from. */
@Command(name = "status", description = "Say which catalog is in use (refreshed cache or shipped data) and how old "
        + "it is.")
public final class CatalogStatusCommand extends CatalogVerb {
    /**
     * The status view.
     *
     * @param provider   the provider
     * @param inUse      {@code cache} or {@code shipped}
     * @param source     where the data came from
     * @param takenAt    when it was taken
     * @param ageHours   its age in hours
     * @param ttlHours   how long a refreshed snapshot is used
     * @param cacheFile  the snapshot file (in use or not), for {@code alto catalog refresh} to write
     * @param reason     why the shipped data is in use, or null
     * @param regions    how many regions it has
     * @param notes      what the refresh could not get, and how it made up for it
     */
    public record StatusView(String provider, String inUse, String source, Instant takenAt, long ageHours,
                             long ttlHours, String cacheFile, String reason, int regions, List<String> notes) {
    }

    @Override
    protected ExitCode run(Output out) {
        CatalogChoice choice = choice();
        List<String> notes = CatalogSnapshot.behind(choice.catalog()).map(CatalogSnapshot::notes).orElse(List.of());
        out.object(new StatusView(provider(), choice.origin().name().toLowerCase(java.util.Locale.ROOT),
                choice.catalog().source().description(), choice.catalog().source().takenAt(), choice.age().toHours(),
                ttl().toHours(), cache().file(provider()).toString(), choice.reason(),
                choice.catalog().regions().size(), notes));
        return ExitCode.OK;
    }
}
