package io.altostratus.gateway.action;

/** A set of related actions (instances, images, VPCs, ...) that registers its handlers in one place. */
@FunctionalInterface
public interface ActionGroup {
    void register(ActionRegistry registry);
}
