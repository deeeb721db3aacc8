package io.altostratus.core.model;

import java.util.List;
import java.util.Objects;

/**
 * A machine size.
 *
 * @param name               the provider's name, e.g. {@code t3.micro}
 * @param vcpus              virtual CPUs
 * @param memoryMiB          memory in MiB
 * @param gpus               number of GPUs (0 when none)
 * @param gpuModel           the GPU model, or null when there are none or it is unknown
 * @param architectures      the CPU architectures the type runs
 * @param pricePerHour       on-demand USD per hour in this region, or null when unknown
 * @param burstable          whether CPU credits apply (t2/t3/t4g style)
 * @param currentGeneration  whether the provider lists it as current
 * @param networkPerformance the provider's network performance label, or null
 * @param localStorageGiB    instance-store capacity in GiB (0 when none)
 */
public record InstanceType(
        String name,
        int vcpus,
        long memoryMiB,
        int gpus,
        String gpuModel,
        List<Architecture> architectures,
        Double pricePerHour,
        boolean burstable,
        boolean currentGeneration,
        String networkPerformance,
        long localStorageGiB) {

    public InstanceType {
        Objects.requireNonNull(name, "name");
        architectures = architectures == null ? List.of() : List.copyOf(architectures);
    }

    public boolean supports(Architecture architecture) {
        return architectures.contains(architecture);
    }

    /** The same type with a price (types are shared across regions; prices are not). */
    public InstanceType withPrice(Double price) {
        return new InstanceType(name, vcpus, memoryMiB, gpus, gpuModel, architectures, price, burstable,
                currentGeneration, networkPerformance, localStorageGiB);
    }
}
