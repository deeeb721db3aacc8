package io.altostratus.core.wait;

import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.Snapshot;
import io.altostratus.core.model.Volume;

/** The conditions every provider's images, volumes and snapshots share (instances have {@link InstanceCondition}). */
public final class Conditions {
    private Conditions() {
    }

    /** An image that can be launched; a failed or deregistered one never will be. */
    public static Condition<Image> imageAvailable() {
        return Condition.of("available",
                Acceptor.success("state is available", (Image i) -> Image.AVAILABLE.equals(i.state())),
                Acceptor.failure("state is failed, invalid or deregistered",
                        (Image i) -> "failed".equals(i.state()) || "invalid".equals(i.state())
                                || "deregistered".equals(i.state())));
    }

    /** A volume that can be attached (made, or detached). */
    public static Condition<Volume> volumeAvailable() {
        return Condition.of("available",
                Acceptor.success("state is available", (Volume v) -> "available".equals(v.state())),
                Acceptor.failure("state is error, deleting or deleted",
                        (Volume v) -> "error".equals(v.state()) || "deleting".equals(v.state())
                                || "deleted".equals(v.state())));
    }

    /** A volume attached to an instance. */
    public static Condition<Volume> volumeInUse() {
        return Condition.of("in-use",
                Acceptor.success("state is in-use", (Volume v) -> "in-use".equals(v.state())),
                Acceptor.failure("state is error, deleting or deleted",
                        (Volume v) -> "error".equals(v.state()) || "deleting".equals(v.state())
                                || "deleted".equals(v.state())));
    }

    /** A volume that is gone: listed as deleted, or no longer found. */
    public static Condition<Volume> volumeDeleted() {
        return Condition.of("deleted",
                Acceptor.success("state is deleted", (Volume v) -> "deleted".equals(v.state())),
                Acceptor.onError(ErrorCode.NOT_FOUND, Outcome.SUCCESS));
    }

    /** A snapshot that is complete; one in error never will be. */
    public static Condition<Snapshot> snapshotCompleted() {
        return Condition.of("completed",
                Acceptor.success("state is completed", (Snapshot s) -> "completed".equals(s.state())),
                Acceptor.failure("state is error", (Snapshot s) -> "error".equals(s.state())));
    }
}
