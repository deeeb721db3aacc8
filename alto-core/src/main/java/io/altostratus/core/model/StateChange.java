package io.altostratus.core.model;

/** What a start, stop or terminate call did to one instance. */
public record StateChange(String instanceId, InstanceState previous, InstanceState current) {
}
