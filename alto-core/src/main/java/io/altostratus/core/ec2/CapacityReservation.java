package io.altostratus.core.ec2;

import io.altostratus.core.model.Tags;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * Capacity held for an account in one zone (an EC2 On-Demand Capacity Reservation): room for
 * {@code totalInstanceCount} instances of one type and platform, used by running instances that match it.
 *
 * @param id                 e.g. {@code cr-0123456789abcdef0}
 * @param instanceType       e.g. {@code m5.large}
 * @param platform           EC2's platform words, e.g. {@code Linux/UNIX}
 * @param zone               the availability zone
 * @param tenancy            {@code default} or {@code dedicated}
 * @param totalInstanceCount how many instances it holds room for
 * @param ebsOptimized       whether the capacity is EBS-optimized
 * @param ephemeralStorage   whether it has instance store
 * @param matchCriteria      {@code open} (any matching instance uses it) or {@code targeted}
 * @param endDateType        {@code unlimited} or {@code limited}
 * @param endDate            when a {@code limited} one expires, else null
 * @param state              {@code active}, {@code expired} or {@code cancelled}
 * @param createDate         when it was made (and started)
 * @param stateChangeTime    when it was cancelled or expired, or null
 * @param tags               tags
 */
public record CapacityReservation(String id, String instanceType, String platform, String zone, String tenancy,
                                  int totalInstanceCount, boolean ebsOptimized, boolean ephemeralStorage,
                                  String matchCriteria, String endDateType, Instant endDate, String state,
                                  Instant createDate, Instant stateChangeTime, Map<String, String> tags) {
    public static final String ACTIVE = "active";
    public static final String EXPIRED = "expired";
    public static final String CANCELLED = "cancelled";
    public static final String UNLIMITED = "unlimited";
    public static final String LIMITED = "limited";
    public static final String OPEN = "open";
    public static final String TARGETED = "targeted";

    public CapacityReservation {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        tags = Tags.copy(tags);
    }

    public boolean isActive() {
        return ACTIVE.equals(state);
    }

    public CapacityReservation withState(String newState, Instant when) {
        return new CapacityReservation(id, instanceType, platform, zone, tenancy, totalInstanceCount, ebsOptimized,
                ephemeralStorage, matchCriteria, endDateType, endDate, newState, createDate, when, tags);
    }

    public CapacityReservation withTags(Map<String, String> newTags) {
        return new CapacityReservation(id, instanceType, platform, zone, tenancy, totalInstanceCount, ebsOptimized,
                ephemeralStorage, matchCriteria, endDateType, endDate, state, createDate, stateChangeTime, newTags);
    }

    public CapacityReservation withTerms(int newCount, String newEndDateType, Instant newEndDate,
                                         String newMatchCriteria) {
        return new CapacityReservation(id, instanceType, platform, zone, tenancy, newCount, ebsOptimized,
                ephemeralStorage, newMatchCriteria, newEndDateType, newEndDate, state, createDate, stateChangeTime,
                tags);
    }
}
