package io.altostratus.local.internal;

import io.altostratus.core.model.InstanceState;
import io.altostratus.local.internal.Docs.InstanceDoc;

/**
 * Lazy state transitions. There is no background thread (the CLI is one short process per command), so a stored
 * transitional state is read as its successor once the clock has passed the stored {@code settlesAt}.
 */
public final class Transitions {
    private Transitions() {
    }

    public static InstanceState settled(InstanceState state) {
        return switch (state) {
            case PENDING -> InstanceState.RUNNING;
            case STOPPING -> InstanceState.STOPPED;
            case TERMINATING -> InstanceState.TERMINATED;
            default -> state;
        };
    }

    public static InstanceState effective(InstanceDoc doc, long now) {
        return doc.state().isTransitional() && now >= doc.settlesAt() ? settled(doc.state()) : doc.state();
    }

    /** The document with its state as of {@code now} (the settle time is kept, it says when that happened). */
    public static InstanceDoc settle(InstanceDoc doc, long now) {
        InstanceState state = effective(doc, now);
        return state == doc.state() ? doc : doc.withState(state, doc.settlesAt(), doc.stateReason());
    }

    public static boolean isGoingOrGone(InstanceState state) {
        return state == InstanceState.TERMINATING || state == InstanceState.TERMINATED;
    }

    /** Terminated instances vanish from listings {@code retentionMs} after they terminated. */
    public static boolean expired(InstanceDoc doc, long now, long retentionMs) {
        return isGoingOrGone(doc.state()) && now >= doc.settlesAt() + retentionMs
                && effective(doc, now) == InstanceState.TERMINATED;
    }
}
