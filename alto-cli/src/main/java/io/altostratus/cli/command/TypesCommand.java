package io.altostratus.cli.command;

import io.altostratus.core.query.TypeQuery;
import io.altostratus.cli.ExitCode;
import io.altostratus.cli.internal.Args;
import io.altostratus.cli.internal.UsageException;
import io.altostratus.cli.internal.Output;
import io.altostratus.cli.internal.Tables;
import io.altostratus.core.Cloud;
import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.InstanceType;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code alto types}: instance types of the region, cheapest first; unpriced ones last. */
@Command(name = "types", description = "List instance types, cheapest first (types without a price last).")
public final class TypesCommand extends CloudCommand {
    @Option(names = "--min-vcpus", paramLabel = "N", description = "At least N vCPUs.")
    int minVcpus;

    @Option(names = "--min-memory", paramLabel = "GIB", description = "At least this much memory in GiB (0.5 is fine).")
    Double minMemory;

    @Option(names = "--arch", paramLabel = "ARCH", description = "x86_64/amd64 or arm64/aarch64.")
    String arch;

    @Override
    protected void validate() {
        if (minVcpus < 0) {
            throw new UsageException("--min-vcpus cannot be negative, got " + minVcpus);
        }
        Args.gibToMib(minMemory);
    }

    @Override
    protected ExitCode run(Cloud cloud, Output out) {
        Architecture architecture = arch == null ? null : Architecture.parse(arch);
        List<InstanceType> types = new TypeQuery(minVcpus, Args.gibToMib(minMemory), null, architecture, null)
                .select(cloud.instanceTypes());
        out.list(types, t -> t, Tables.types());
        return ExitCode.OK;
    }
}
