package io.altostratus.gateway.identity;

import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * EC2's six instance states, their wire names and numeric codes, and how any provider's instance reads as one of
 * them. The core's states are portable; the EC2 front is the one place that speaks EC2's words.
 */
public final class Ec2InstanceStates {

    /** EC2's states with the codes it sends (the low byte of EC2's 16-bit state code). */
    public enum Ec2State {
        PENDING("pending", 0),
        RUNNING("running", 16),
        SHUTTING_DOWN("shutting-down", 32),
        TERMINATED("terminated", 48),
        STOPPING("stopping", 64),
        STOPPED("stopped", 80);

        private final String wireName;
        private final int code;

        Ec2State(String wireName, int code) {
            this.wireName = wireName;
            this.code = code;
        }

        public String wireName() {
            return wireName;
        }

        public int code() {
            return code;
        }
    }

    private static final Map<InstanceState, Ec2State> PORTABLE = new EnumMap<>(InstanceState.class);

    static {
        PORTABLE.put(InstanceState.PENDING, Ec2State.PENDING);
        PORTABLE.put(InstanceState.RUNNING, Ec2State.RUNNING);
        PORTABLE.put(InstanceState.STOPPING, Ec2State.STOPPING);
        PORTABLE.put(InstanceState.STOPPED, Ec2State.STOPPED);
        // A suspended machine keeps its memory but does not run; to an EC2 client it is stopped (and StartInstances
        // is what resumes it).
        PORTABLE.put(InstanceState.SUSPENDED, Ec2State.STOPPED);
        PORTABLE.put(InstanceState.TERMINATING, Ec2State.SHUTTING_DOWN);
        PORTABLE.put(InstanceState.TERMINATED, Ec2State.TERMINATED);
        // EC2 has no failed state. "stopped" is the honest nearest one: the machine is not running, it still exists
        // (so a client that cleans up terminates it instead of forgetting it, as "terminated" would invite), and a
        // waiter for "running" does not report success. The state reason carries the provider's explanation.
        PORTABLE.put(InstanceState.ERROR, Ec2State.STOPPED);
    }

    private Ec2InstanceStates() {
    }

    /** The instance's state as EC2 names it: the provider's own word when it is one of EC2's, else by its portable state. */
    public static Ec2State of(Instance instance) {
        return named(instance.rawState()).orElseGet(() -> of(instance.state()));
    }

    /** The EC2 state a portable state reads as. */
    public static Ec2State of(InstanceState state) {
        return PORTABLE.get(state);
    }

    /** The EC2 state with that wire name ({@code shutting-down}), if it is one. */
    public static Optional<Ec2State> named(String wireName) {
        if (wireName == null) {
            return Optional.empty();
        }
        for (Ec2State s : Ec2State.values()) {
            if (s.wireName.equals(wireName)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /**
     * The portable states that read as the EC2 state with that wire name ({@code stopped}: stopped, suspended and
     * error), for narrowing a listing at the backend before EC2's own filter runs; empty for a name that is not EC2's.
     */
    public static Set<InstanceState> portableStates(String wireName) {
        Optional<Ec2State> wanted = named(wireName);
        if (wanted.isEmpty()) {
            return Set.of();
        }
        Set<InstanceState> out = EnumSet.noneOf(InstanceState.class);
        for (Map.Entry<InstanceState, Ec2State> e : PORTABLE.entrySet()) {
            if (e.getValue() == wanted.get()) {
                out.add(e.getKey());
            }
        }
        return Collections.unmodifiableSet(out);
    }
}
