package io.altostratus.core.placement;

import io.altostratus.core.model.Instance;
import java.util.List;
import java.util.Objects;

/**
 * Where a launch landed and what it took to get there.
 *
 * @param landed    the candidate that took the launch
 * @param instances the instances it made there (running when the policy waited for them)
 * @param failed    every failed attempt before it, in the order tried
 * @param skipped   how many candidates were passed over because an earlier failure blocked their place
 */
public record PlacementResult(Candidate landed, List<Instance> instances, List<Attempt> failed, int skipped) {
    public PlacementResult {
        Objects.requireNonNull(landed, "landed");
        instances = List.copyOf(instances);
        failed = List.copyOf(failed);
    }
}
