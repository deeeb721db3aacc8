package io.altostratus.cli.view;

import io.altostratus.core.model.InstanceState;
import io.altostratus.core.model.StateChange;

/** What start, stop and rm print per instance: its id and its state before and after. */
public record StateChangeView(String instanceId, String previousState, String currentState) {
    public static StateChangeView of(StateChange change) {
        return new StateChangeView(change.instanceId(), name(change.previous()), name(change.current()));
    }

    private static String name(InstanceState state) {
        return state == null ? null : state.wireName();
    }
}
