package io.altostratus.cli.command;

import io.altostratus.catalog.Catalog;
import io.altostratus.catalog.Catalogs;
import io.altostratus.catalog.Price;
import io.altostratus.catalog.PriceSource;
import io.altostratus.cli.ExitCode;
import io.altostratus.cli.Main;
import io.altostratus.cli.internal.Args;
import io.altostratus.cli.internal.Output;
import io.altostratus.cli.internal.Table;
import io.altostratus.cli.internal.UsageException;
import io.altostratus.core.Cloud;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.query.TypeQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code alto types}: instance types of the region, cheapest first; unpriced ones last. Each price says where it
 * comes from and how old that is, and a price the catalog estimated for a gap in its source is marked {@code ~}.
 */
@Command(name = "types", description = "List instance types, cheapest first (types without a price last); "
        + "~ marks a price the catalog estimated, PRICE-SOURCE says from what, and the last line how old the prices are.")
public final class TypesCommand extends CloudCommand {
    /** What marks an estimated price in the table. */
    static final String ESTIMATED = "~";

    @Option(names = "--min-vcpus", paramLabel = "N", description = "At least N vCPUs.")
    int minVcpus;

    @Option(names = "--min-memory", paramLabel = "GIB", description = "At least this much memory in GiB (0.5 is fine).")
    Double minMemory;

    @Option(names = "--arch", paramLabel = "ARCH", description = "x86_64/amd64 or arm64/aarch64.")
    String arch;

    @Option(names = "--clouds", paramLabel = "CLOUD,...", split = ",", description = "Across these clouds' "
            + "catalogs (aws, gcp, azure; fresh refreshed snapshots within catalog_ttl, else the shipped data): "
            + "the cheapest (cloud, region, zone, type) first; opens no session.")
    List<String> clouds;

    @Option(names = "--gpu", paramLabel = "MODEL[:COUNT]", description = "With --clouds: at least COUNT GPUs of "
            + "MODEL, named the same on every cloud (A100:1, T4, H100:8).")
    String gpu;

    @Option(names = "--spot", description = "With --clouds: spot (preemptible) prices; types without one are left out.")
    boolean spot;

    @Option(names = "--region-filter", paramLabel = "GLOB,...", split = ",", description = "With --clouds: only "
            + "regions matching these names or globs (eu-*, europe-*).")
    List<String> regionFilter;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "With --clouds: the N cheapest "
            + "(default 20; 0 for all).")
    int limit;

    @Override
    public Integer call() throws Exception {
        if (clouds == null) {
            if (gpu != null || spot || regionFilter != null) {
                throw new UsageException("--gpu, --spot and --region-filter go with --clouds, e.g. "
                        + "--clouds aws,gcp,azure");
            }
            return super.call();
        }
        // Across clouds the answer is the catalogs': no provider session is opened, so no credentials are needed.
        validate();
        Output output = new Output(main().outputFormat(), out());
        return new CrossCloudTypes(this).run(output).code();
    }

    /**
     * One type as listed: the type's own fields, then where its price comes from (null when unpriced, or when the
     * provider prices types in a way no catalog vouches for).
     */
    public record TypeRow(String name, int vcpus, long memoryMiB, int gpus, String gpuModel,
                          List<Architecture> architectures, Double pricePerHour, boolean burstable,
                          boolean currentGeneration, String networkPerformance, long localStorageGiB,
                          PriceSource priceSource) {
        static TypeRow of(InstanceType t, PriceSource source) {
            return new TypeRow(t.name(), t.vcpus(), t.memoryMiB(), t.gpus(), t.gpuModel(), t.architectures(),
                    t.pricePerHour(), t.burstable(), t.currentGeneration(), t.networkPerformance(),
                    t.localStorageGiB(), source);
        }
    }

    @Override
    protected void validate() {
        if (minVcpus < 0) {
            throw new UsageException("--min-vcpus cannot be negative, got " + minVcpus);
        }
        if (limit < 0) {
            throw new UsageException("--limit cannot be negative, got " + limit);
        }
        Args.gibToMib(minMemory);
    }

    /** What the cross-cloud listing needs of the command line. */
    Main cli() {
        return main();
    }

    @Override
    protected ExitCode run(Cloud cloud, Output out) {
        Architecture architecture = arch == null ? null : Architecture.parse(arch);
        List<InstanceType> types = new TypeQuery(minVcpus, Args.gibToMib(minMemory), null, architecture, null)
                .select(cloud.instanceTypes());
        Catalog catalog = catalogOf(cloud.providerName());
        List<TypeRow> rows = new ArrayList<>(types.size());
        for (InstanceType t : types) {
            rows.add(TypeRow.of(t, source(catalog, cloud.region(), t)));
        }
        out.list(rows, r -> r, table());
        String footer = footer(rows);
        if (out.isTable() && footer != null) {
            out.text(footer);
        }
        return ExitCode.OK;
    }

    private static Table<TypeRow> table() {
        return Table.of(TypeRow.class)
                .col("NAME", TypeRow::name)
                .col("VCPUS", TypeRow::vcpus)
                .col("MEMORY-GIB", r -> gib(r.memoryMiB()))
                .col("ARCH", r -> r.architectures().stream().map(Architecture::wireName)
                        .collect(Collectors.joining(",")))
                .col("GPUS", r -> r.gpus() == 0 ? null : r.gpus())
                .col("USD/HOUR", r -> r.pricePerHour() == null ? null
                        : (estimated(r) ? ESTIMATED : "") + String.format(Locale.ROOT, "%.4f", r.pricePerHour()))
                .col("PRICE-SOURCE", r -> r.priceSource() == null ? null
                        : r.priceSource().estimated() ? "estimated: " + r.priceSource().estimatedFrom()
                        : r.priceSource().dated());
    }

    /**
     * The last line of the table: each source the listed prices rest on with its date and how many it priced, how
     * many of them are estimated, and how many types have no price; null when nothing is priced.
     */
    static String footer(List<TypeRow> rows) {
        Map<String, Integer> bySource = new TreeMap<>();
        int estimated = 0;
        int unpriced = 0;
        for (TypeRow r : rows) {
            if (r.pricePerHour() == null) {
                unpriced++;
            } else if (r.priceSource() != null) {
                bySource.merge(r.priceSource().name() + " dated " + r.priceSource().day(), 1, Integer::sum);
                estimated += estimated(r) ? 1 : 0;
            } else {
                bySource.merge("the provider (no date known)", 1, Integer::sum);
            }
        }
        if (bySource.isEmpty()) {
            return null;
        }
        List<String> sources = new ArrayList<>();
        bySource.forEach((source, n) -> sources.add(source + " (" + n + ")"));
        return String.format(Locale.ROOT, "prices from %s; %d of %d types priced, %d of them estimated (%s), "
                + "%d without a price", String.join(", ", sources), rows.size() - unpriced, rows.size(), estimated,
                ESTIMATED, unpriced);
    }

    private static boolean estimated(TypeRow r) {
        return r.priceSource() != null && r.priceSource().estimated();
    }

    /**
     * The catalog that priced a provider's types: the local cloud and aws take theirs from the AWS catalog, gcp and
     * azure from their own; null for a provider that prices types some other way.
     */
    private static Catalog catalogOf(String provider) {
        return switch (provider) {
            case "aws", "local" -> Catalogs.aws();
            case "gcp", "azure" -> Catalogs.shipped(provider);
            default -> null;
        };
    }

    /** The catalog's source for the type's price, when the catalog gives that very price in that region. */
    private static PriceSource source(Catalog catalog, String region, InstanceType t) {
        if (catalog == null || t.pricePerHour() == null || region == null) {
            return null;
        }
        try {
            Price p = catalog.onDemandPrice(region, t.name()).orElse(null);
            return p != null && Math.abs(p.perHour() - t.pricePerHour()) < 1e-9 ? p.source() : null;
        } catch (AltoException e) {
            return null; // A region the catalog does not know: the provider priced the type some other way.
        }
    }

    static String gib(long mib) {
        return mib % 1024 == 0 ? Long.toString(mib / 1024) : String.format(Locale.ROOT, "%.2f", mib / 1024.0);
    }
}
