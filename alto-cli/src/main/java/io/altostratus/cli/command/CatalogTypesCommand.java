package io.altostratus.cli.command;

import io.altostratus.catalog.Catalog;
import io.altostratus.catalog.Price;
import io.altostratus.catalog.PriceSource;
import io.altostratus.core.query.TypeQuery;
import io.altostratus.cli.ExitCode;
import io.altostratus.cli.internal.Args;
import io.altostratus.cli.internal.Output;
import io.altostratus.cli.internal.Table;
import io.altostratus.cli.internal.UsageException;
import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.InstanceType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code alto catalog types}: which type to use: the region's types that meet the requirements, cheapest first. Each
 * price says where it comes from, as in {@code alto types}: {@code ~} marks one the catalog estimated for a gap in its
 * source.
 */
@Command(name = "types", description = "Choose an instance type: the region's types meeting the requirements, "
        + "cheapest on-demand price first (types without a known price last); ~ marks a price the catalog estimated, "
        + "PRICE-SOURCE says from what.")
public final class CatalogTypesCommand extends CatalogVerb {
    @Option(names = "--min-vcpus", paramLabel = "N", description = "At least N vCPUs.")
    int minVcpus;

    @Option(names = "--min-memory", paramLabel = "GIB", description = "At least this much memory in GiB.")
    Double minMemory;

    @Option(names = "--gpu", negatable = true, description = "Only types with a GPU (--no-gpu: only types without).")
    Boolean gpu;

    @Option(names = "--arch", paramLabel = "ARCH", description = "x86_64/amd64 or arm64/aarch64.")
    String arch;

    @Option(names = "--max-price", paramLabel = "USD", description = "At most this on-demand price per hour.")
    Double maxPrice;

    @Option(names = "--limit", paramLabel = "N", description = "Only the first N (the cheapest).")
    Integer limit;

    /**
     * One choice, in the stable JSON contract of this verb.
     *
     * @param name          the type
     * @param vcpus         virtual CPUs
     * @param memoryMiB     memory in MiB
     * @param gpus          GPU count
     * @param architectures CPU architectures
     * @param pricePerHour  on-demand USD per hour in the region, or null when unknown
     * @param priceSource   where the price comes from and, for an estimate, what it was derived from; null when
     *                      there is no price
     */
    public record TypeView(String name, int vcpus, long memoryMiB, int gpus, List<Architecture> architectures,
                           Double pricePerHour, PriceSource priceSource) {
        static TypeView of(InstanceType t, Catalog catalog, String region) {
            // The source vouches for the listed price only when it gives that very price.
            PriceSource source = t.pricePerHour() == null ? null : catalog.onDemandPrice(region, t.name())
                    .filter(p -> Math.abs(p.perHour() - t.pricePerHour()) < 1e-9).map(Price::source).orElse(null);
            return new TypeView(t.name(), t.vcpus(), t.memoryMiB(), t.gpus(), t.architectures(), t.pricePerHour(),
                    source);
        }

        boolean estimated() {
            return priceSource != null && priceSource.estimated();
        }
    }

    @Override
    protected ExitCode run(Output out) {
        if (limit != null && limit < 1) {
            throw new UsageException("--limit must be at least 1");
        }
        if (maxPrice != null && maxPrice < 0) {
            throw new UsageException("--max-price cannot be negative");
        }
        TypeQuery query = new TypeQuery(Math.max(0, minVcpus), Args.gibToMib(minMemory), gpu,
                arch == null ? null : Architecture.parse(arch), maxPrice);
        Catalog catalog = choice().catalog();
        List<InstanceType> chosen = query.select(catalog.instanceTypes(region()));
        if (limit != null && chosen.size() > limit) {
            chosen = chosen.subList(0, limit);
        }
        Table<TypeView> table = Table.of(TypeView.class)
                .col("NAME", TypeView::name)
                .col("VCPUS", TypeView::vcpus)
                .col("MEMORY", v -> gib(v.memoryMiB()) + " GiB")
                .col("GPUS", TypeView::gpus)
                .col("ARCH", v -> String.join(",", v.architectures().stream().map(Architecture::wireName).toList()))
                .col("USD/HOUR", v -> v.pricePerHour() == null ? null
                        : (v.estimated() ? TypesCommand.ESTIMATED : "") + BigDecimal.valueOf(v.pricePerHour())
                                .stripTrailingZeros().toPlainString())
                .col("PRICE-SOURCE", v -> v.priceSource() == null ? null
                        : v.estimated() ? "estimated: " + v.priceSource().estimatedFrom()
                        + " (" + v.priceSource().dated() + ")" : v.priceSource().dated());
        out.list(chosen.stream().map(t -> TypeView.of(t, catalog, region())).toList(), v -> v, table);
        return ExitCode.OK;
    }

    private static String gib(long mib) {
        return BigDecimal.valueOf(mib).divide(BigDecimal.valueOf(1024), 2, RoundingMode.HALF_UP)
                .stripTrailingZeros().toPlainString();
    }
}
