package io.altostratus.core.ec2;

import java.time.Instant;
import java.util.Objects;

/**
 * Fast snapshot restore for one snapshot in one zone: volumes made there from the snapshot get full performance at
 * once. It goes {@code enabling}, {@code optimizing}, {@code enabled}; then {@code disabling}, {@code disabled}.
 *
 * @param snapshotId the snapshot
 * @param zone       the availability zone
 * @param state      one of the states above
 * @param reason     EC2's state transition reason, e.g. {@code Client.UserInitiated}
 * @param enablingTime   when enabling started
 * @param optimizingTime when it started optimizing, or null
 * @param enabledTime    when it was enabled, or null
 * @param disablingTime  when disabling started, or null
 * @param disabledTime   when it was disabled, or null
 */
public record FastSnapshotRestore(String snapshotId, String zone, String state, String reason,
                                  Instant enablingTime, Instant optimizingTime, Instant enabledTime,
                                  Instant disablingTime, Instant disabledTime) {
    public static final String ENABLING = "enabling";
    public static final String OPTIMIZING = "optimizing";
    public static final String ENABLED = "enabled";
    public static final String DISABLING = "disabling";
    public static final String DISABLED = "disabled";

    public FastSnapshotRestore {
        Objects.requireNonNull(snapshotId, "snapshotId");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(state, "state");
    }

    /** Whether it is on, or on its way there. */
    public boolean isOn() {
        return ENABLING.equals(state) || OPTIMIZING.equals(state) || ENABLED.equals(state);
    }

    /**
     * The result for one (snapshot, zone) pair of an enable or disable call: the restore, or EC2's error code and
     * message for that pair.
     */
    public record Outcome(String snapshotId, String zone, FastSnapshotRestore restore, String errorCode,
                          String errorMessage) {
        public boolean succeeded() {
            return restore != null;
        }
    }
}
