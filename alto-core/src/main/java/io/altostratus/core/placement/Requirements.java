package io.altostratus.core.placement;

import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.InstanceType;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a machine must have for {@link Candidates}.
 *
 * @param minVcpus     at least this many vCPUs (0: any)
 * @param minMemoryMiB at least this much memory (0: any)
 * @param gpuModel     a GPU model such as {@code A100} or {@code T4}, or null for no GPU requirement
 * @param gpuCount     at least this many GPUs of that model (0 when {@code gpuModel} is null)
 * @param architecture a CPU architecture the type must run, or null for any
 * @param maxPrice     at most this many USD per hour on demand (unpriced types are then left out), or null
 */
public record Requirements(int minVcpus, long minMemoryMiB, String gpuModel, int gpuCount, Architecture architecture,
                           Double maxPrice) {
    public Requirements {
        if (minVcpus < 0 || minMemoryMiB < 0 || gpuCount < 0) {
            throw new IllegalArgumentException("requirements cannot be negative");
        }
        if (gpuModel != null && gpuModel.isBlank()) {
            gpuModel = null;
        }
        if (gpuModel != null && gpuCount == 0) {
            gpuCount = 1;
        }
        if (gpuModel == null && gpuCount > 0) {
            throw new IllegalArgumentException("a GPU count needs a GPU model, e.g. A100:" + gpuCount);
        }
        if (maxPrice != null && !(maxPrice >= 0)) {
            throw new IllegalArgumentException("the maximum price cannot be negative");
        }
    }

    /** vCPUs and memory only. */
    public static Requirements of(int minVcpus, long minMemoryMiB) {
        return new Requirements(minVcpus, minMemoryMiB, null, 0, null, null);
    }

    /** The same requirements with a GPU given as {@code MODEL} or {@code MODEL:COUNT} ({@code A100:8}). */
    public Requirements withGpu(String spec) {
        Objects.requireNonNull(spec, "spec");
        int colon = spec.lastIndexOf(':');
        String model = colon < 0 ? spec.strip() : spec.substring(0, colon).strip();
        int count = 1;
        if (colon >= 0) {
            try {
                count = Integer.parseInt(spec.substring(colon + 1).strip());
            } catch (NumberFormatException e) {
                count = -1;
            }
            if (count < 1) {
                throw new IllegalArgumentException("bad GPU '" + spec + "': write MODEL or MODEL:COUNT, e.g. A100:1");
            }
        }
        if (model.isEmpty()) {
            throw new IllegalArgumentException("bad GPU '" + spec + "': the model is missing, e.g. A100:1");
        }
        return new Requirements(minVcpus, minMemoryMiB, model, count, architecture, maxPrice);
    }

    /** Whether a type meets every requirement. Types whose architectures are not reported are kept. */
    public boolean matches(InstanceType type) {
        if (type.vcpus() < minVcpus || type.memoryMiB() < minMemoryMiB) {
            return false;
        }
        if (architecture != null && !type.architectures().isEmpty() && !type.supports(architecture)) {
            return false;
        }
        if (maxPrice != null && (type.pricePerHour() == null || type.pricePerHour() > maxPrice)) {
            return false;
        }
        if (gpuModel != null) {
            return type.gpus() >= gpuCount && type.gpuModel() != null && sameGpu(gpuModel, type.gpuModel());
        }
        return true;
    }

    /**
     * Clouds name one GPU differently ({@code NVIDIA A100}, {@code nvidia-tesla-a100}, {@code NVIDIA A100 80GB}):
     * the asked model matches when each of its words is a word of the type's model, case aside.
     */
    static boolean sameGpu(String asked, String offered) {
        List<String> have = words(offered);
        return words(asked).stream().allMatch(have::contains);
    }

    private static List<String> words(String s) {
        return List.of(s.toLowerCase(Locale.ROOT).split("[^a-z0-9]+")).stream().filter(w -> !w.isEmpty()).toList();
    }
}
