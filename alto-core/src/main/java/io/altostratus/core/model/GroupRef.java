package io.altostratus.core.model;

/** A security group as an instance or interface refers to it: its id and its name. */
public record GroupRef(String id, String name) {
}
