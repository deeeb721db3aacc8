package io.altostratus.core.ec2;

import io.altostratus.core.spi.Extension;
import java.util.List;
import java.util.Map;

/**
 * Where EC2 fleets and spot fleet requests are kept. The front launches and terminates their instances through the
 * ordinary launch and terminate calls and records the outcome here, so a fleet's instances are instances like any
 * other.
 */
public interface Fleets extends Extension {

    /** Records a new fleet of {@code kind}, {@code active}, with a fresh id of its kind. */
    Fleet createFleet(Fleet.Kind kind, String type, int targetCapacity, List<FleetInstance> instances,
                      List<FleetError> errors, Map<String, String> request, Map<String, String> tags);

    /** The fleets of {@code kind}, ended ones included. */
    List<Fleet> fleets(Fleet.Kind kind);

    /**
     * Ends a fleet: EC2 fleets read {@code deleted_running} or {@code deleted_terminating} then {@code deleted},
     * spot fleets {@code cancelled_running} or {@code cancelled_terminating} then {@code cancelled}. An unknown id
     * fails with {@code NOT_FOUND}.
     */
    Fleet endFleet(String fleetId, boolean terminatingInstances);

    /** Sets a live fleet's target capacity and instances. */
    Fleet updateFleet(String fleetId, int targetCapacity, List<FleetInstance> instances);
}
