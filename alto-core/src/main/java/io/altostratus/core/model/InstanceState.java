package io.altostratus.core.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The one normalised lifecycle state every provider maps its own states onto.
 * The wire names and numeric codes are EC2's, so the gateway can emit them unchanged.
 */
public enum InstanceState {
    PENDING("pending", 0),
    RUNNING("running", 16),
    SHUTTING_DOWN("shutting-down", 32),
    TERMINATED("terminated", 48),
    STOPPING("stopping", 64),
    STOPPED("stopped", 80),
    UNKNOWN("unknown", -1);

    private final String wireName;
    private final int code;

    InstanceState(String wireName, int code) {
        this.wireName = wireName;
        this.code = code;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** EC2's numeric state code (the low byte of {@code instanceState.code}). */
    public int code() {
        return code;
    }

    /** True for states that change by themselves without another call. */
    public boolean isTransitional() {
        return this == PENDING || this == STOPPING || this == SHUTTING_DOWN;
    }

    /** Parses the wire name ({@code shutting-down}) or the enum name ({@code SHUTTING_DOWN}), case-insensitively. */
    @JsonCreator
    public static InstanceState parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("instance state is missing");
        }
        String normalised = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (InstanceState state : values()) {
            if (state.wireName.equals(normalised)) {
                return state;
            }
        }
        throw new IllegalArgumentException("unknown instance state '" + text
                + "' (expected one of pending, running, stopping, stopped, shutting-down, terminated)");
    }

    @Override
    public String toString() {
        return wireName;
    }
}
