package io.altostratus.core.ec2;

import io.altostratus.core.spi.Extension;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * EC2's On-Demand Capacity Reservations. A reservation is {@code active} from creation until cancelled, or until its
 * end date when {@code limited} ({@code expired}). How many of its instances are in use is the caller's to count
 * from the running instances (the backend keeps no link between the two).
 */
public interface CapacityReservations extends Extension {

    /** What CreateCapacityReservation asks for; nullable fields take EC2's defaults. */
    record Request(String instanceType, String platform, String zone, int instanceCount, String tenancy,
                   Boolean ebsOptimized, Boolean ephemeralStorage, String matchCriteria, String endDateType,
                   Instant endDate, Map<String, String> tags) {
    }

    /**
     * Makes an {@code active} reservation. An unknown type, platform, tenancy or zone, a count below 1, an end date
     * in the past, or an end date that contradicts the end date type fails with {@code INVALID_PARAMETER}.
     */
    CapacityReservation createCapacityReservation(Request request);

    /** Every reservation, ended ones included while EC2 still lists them. */
    List<CapacityReservation> capacityReservations();

    /**
     * Changes the count, the end date (and its type) or the match criteria; null keeps each. Unknown:
     * {@code NOT_FOUND}; not active: {@code INVALID_STATE}; a count below 1 or a contradictory end date:
     * {@code INVALID_PARAMETER}.
     */
    CapacityReservation modifyCapacityReservation(String id, Integer instanceCount, String endDateType,
                                                  Instant endDate, String matchCriteria);

    /** Cancels one ({@code cancelled}). Unknown: {@code NOT_FOUND}; not active: {@code INVALID_STATE}. */
    CapacityReservation cancelCapacityReservation(String id);
}
