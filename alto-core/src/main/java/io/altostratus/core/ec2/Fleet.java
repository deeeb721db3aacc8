package io.altostratus.core.ec2;

import io.altostratus.core.model.Tags;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An EC2 fleet (CreateFleet) or spot fleet request (RequestSpotFleet): a target capacity, the instances launched
 * towards it and the launch errors met. The request itself is kept as the call's own parameters so a front can
 * answer it back in its own shape.
 *
 * @param id             {@code fleet-...} or {@code sfr-...}
 * @param kind           which of the two it is
 * @param type           {@code instant}, {@code request} or {@code maintain}
 * @param state          EC2's state for the kind ({@code active}, {@code deleted}, {@code cancelled_running}...)
 * @param targetCapacity the capacity asked for
 * @param instances      the instances it holds
 * @param errors         the launch errors met
 * @param request        the call's parameters that describe the fleet (names as on the wire)
 * @param createTime     when it was made
 * @param tags           its tags
 */
public record Fleet(String id, Kind kind, String type, String state, int targetCapacity,
                    List<FleetInstance> instances, List<FleetError> errors, Map<String, String> request,
                    Instant createTime, Map<String, String> tags) {

    /** EC2 fleets and spot fleet requests: the same idea, with their own ids, states and calls. */
    public enum Kind {
        EC2_FLEET, SPOT_FLEET
    }

    public static final String ACTIVE = "active";

    public Fleet {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, "kind");
        instances = instances == null ? List.of() : List.copyOf(instances);
        errors = errors == null ? List.of() : List.copyOf(errors);
        request = request == null ? Map.of() : Map.copyOf(request);
        tags = Tags.copy(tags);
    }

    /** Whether it still holds and launches capacity (not deleted or cancelled). */
    public boolean isLive() {
        return ACTIVE.equals(state) || "submitted".equals(state) || "modifying".equals(state);
    }

    public Fleet withState(String newState) {
        return new Fleet(id, kind, type, newState, targetCapacity, instances, errors, request, createTime, tags);
    }

    public Fleet withCapacity(int newTarget, List<FleetInstance> newInstances) {
        return new Fleet(id, kind, type, state, newTarget, newInstances, errors, request, createTime, tags);
    }
}
