package io.altostratus.core.query;

import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.InstanceType;
import java.util.Comparator;
import java.util.List;

/**
 * Requirements for choosing an instance type, and the choice itself: the types of a region that meet them,
 * cheapest first. Types without a known price come after every priced one (they are never dropped unless a maximum
 * price is asked for, which an unknown price cannot be shown to meet).
 *
 * @param minVcpus     at least this many vCPUs (0 for any)
 * @param minMemoryMiB at least this much memory (0 for any)
 * @param gpu          true to require at least one GPU, false to require none, null for either
 * @param architecture a CPU architecture the type must run, or null for any
 * @param maxPrice     the most USD per hour to pay on demand, or null for no limit
 */
public record TypeQuery(int minVcpus, long minMemoryMiB, Boolean gpu, Architecture architecture, Double maxPrice) {
    /** Cheapest first; unpriced last; ties by fewer vCPUs, less memory, then name, so the order is stable. */
    public static final Comparator<InstanceType> CHEAPEST_FIRST =
            Comparator.comparing(InstanceType::pricePerHour, Comparator.nullsLast(Comparator.naturalOrder()))
                    .thenComparingInt(InstanceType::vcpus)
                    .thenComparingLong(InstanceType::memoryMiB)
                    .thenComparing(InstanceType::name);

    public TypeQuery {
        if (minVcpus < 0 || minMemoryMiB < 0 || (maxPrice != null && maxPrice < 0)) {
            throw new IllegalArgumentException("requirements cannot be negative");
        }
    }

    /** No requirement at all: every type, cheapest first. */
    public static TypeQuery any() {
        return new TypeQuery(0, 0, null, null, null);
    }

    /** Whether one type meets every requirement. */
    public boolean matches(InstanceType t) {
        return t.vcpus() >= minVcpus
                && t.memoryMiB() >= minMemoryMiB
                && (gpu == null || gpu == (t.gpus() > 0))
                && (architecture == null || t.supports(architecture))
                && (maxPrice == null || (t.pricePerHour() != null && t.pricePerHour() <= maxPrice));
    }


    /** The given types that match, cheapest first. */
    public List<InstanceType> select(List<InstanceType> types) {
        return types.stream().filter(this::matches).sorted(CHEAPEST_FIRST).toList();
    }
}
