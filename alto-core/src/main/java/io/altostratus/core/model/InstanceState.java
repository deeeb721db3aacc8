package io.altostratus.core.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * The portable lifecycle state every provider maps its own states onto; the provider's own word stays on the
 * record ({@link Instance#rawState()}). Cloud-specific spellings and codes (EC2's {@code shutting-down} and numeric
 * codes) belong to the fronts that speak those clouds.
 */
public enum InstanceState {
    PENDING("pending"),
    RUNNING("running"),
    STOPPING("stopping"),
    STOPPED("stopped"),
    /** Paused with its memory kept (a suspended or hibernated VM); resumes where it was. */
    SUSPENDED("suspended"),
    TERMINATING("terminating"),
    TERMINATED("terminated"),
    /** The provider reports a failure or a state with no portable meaning; the raw state says which. */
    ERROR("error");

    private final String wireName;

    InstanceState(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** True for states that change by themselves without another call. */
    public boolean isTransitional() {
        return this == PENDING || this == STOPPING || this == TERMINATING;
    }

    /**
     * Parses the portable name ({@code terminating}) or the enum name ({@code TERMINATING}), case-insensitively.
     * EC2's {@code shutting-down} reads as {@link #TERMINATING}, so documents and flags written with EC2's word keep
     * working.
     */
    @JsonCreator
    public static InstanceState parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("instance state is missing");
        }
        String normalised = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        if (normalised.equals("shutting-down")) {
            return TERMINATING;
        }
        for (InstanceState state : values()) {
            if (state.wireName.equals(normalised)) {
                return state;
            }
        }
        throw new IllegalArgumentException("unknown instance state '" + text
                + "' (expected one of pending, running, stopping, stopped, suspended, terminating, terminated, error)");
    }

    @Override
    public String toString() {
        return wireName;
    }
}
