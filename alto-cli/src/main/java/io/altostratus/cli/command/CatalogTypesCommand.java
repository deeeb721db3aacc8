package io.altostratus.cli.command;

import io.altostratus.core.query.TypeQuery;
import io.altostratus.cli.ExitCode;
import io.altostratus.cli.internal.Args;
import io.altostratus.cli.internal.Output;
import io.altostratus.cli.internal.Table;
import io.altostratus.cli.internal.UsageException;
import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.InstanceType;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code alto catalog types}: which type to use: the region's types that meet the requirements, cheapest first. */
@Command(name = "types", description = "Choose an instance type: the region's types meeting the requirements, "
        + "cheapest on-demand price first (types without a known price last).")
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
     */
    public record TypeView(String name, int vcpus, long memoryMiB, int gpus, List<Architecture> architectures,
                           Double pricePerHour) {
        static TypeView of(InstanceType t) {
            return new TypeView(t.name(), t.vcpus(), t.memoryMiB(), t.gpus(), t.architectures(), t.pricePerHour());
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
        List<InstanceType> chosen = query.select(choice().catalog().instanceTypes(region()));
        if (limit != null && chosen.size() > limit) {
            chosen = chosen.subList(0, limit);
        }
        Table<TypeView> table = Table.of(TypeView.class)
                .col("NAME", TypeView::name)
                .col("VCPUS", TypeView::vcpus)
                .col("MEMORY", v -> gib(v.memoryMiB()) + " GiB")
                .col("GPUS", TypeView::gpus)
                .col("ARCH", v -> String.join(",", v.architectures().stream().map(Architecture::wireName).toList()))
                .col("USD/HOUR", TypeView::pricePerHour);
        out.list(chosen.stream().map(TypeView::of).toList(), v -> v, table);
        return ExitCode.OK;
    }

    private static String gib(long mib) {
        return java.math.BigDecimal.valueOf(mib).divide(java.math.BigDecimal.valueOf(1024), 2,
                java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
