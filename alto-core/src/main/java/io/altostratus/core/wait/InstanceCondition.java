package io.altostratus.core.wait;

import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import java.util.Locale;

/** What {@code Cloud.waitFor} waits for, and which states make the wait hopeless. */
public enum InstanceCondition {
    RUNNING,
    /** Running and holding an address someone can connect to (public, else private). */
    HAS_ADDRESS,
    STOPPED,
    TERMINATED;

    public static InstanceCondition forState(InstanceState state) {
        return switch (state) {
            case RUNNING -> RUNNING;
            case STOPPED -> STOPPED;
            case TERMINATED -> TERMINATED;
            default -> throw new IllegalArgumentException("cannot wait for the transitional state '" + state
                    + "' (wait for running, stopped or terminated)");
        };
    }

    public static InstanceCondition parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "running" -> RUNNING;
            case "stopped" -> STOPPED;
            case "terminated" -> TERMINATED;
            case "address", "has-address", "ip", "has-ip" -> HAS_ADDRESS;
            default -> throw new IllegalArgumentException("cannot wait for '" + text
                    + "' (expected running, stopped, terminated or has-ip)");
        };
    }

    public Outcome judge(Instance instance) {
        InstanceState s = instance.state();
        return switch (this) {
            case RUNNING -> s == InstanceState.RUNNING ? Outcome.SUCCESS : runningReachable(s);
            case HAS_ADDRESS -> s == InstanceState.RUNNING && (instance.publicIp() != null || instance.privateIp() != null)
                    ? Outcome.SUCCESS : runningReachable(s);
            case STOPPED -> switch (s) {
                case STOPPED -> Outcome.SUCCESS;
                case TERMINATING, TERMINATED, ERROR -> Outcome.FAILURE;
                default -> Outcome.RETRY;
            };
            case TERMINATED -> s == InstanceState.TERMINATED ? Outcome.SUCCESS : Outcome.RETRY;
        };
    }

    /** This condition as data, for {@link Waiter#await}. */
    public Condition<Instance> condition() {
        return Condition.of(toString(),
                Acceptor.success("is " + this, (Instance i) -> judge(i) == Outcome.SUCCESS),
                Acceptor.failure("can no longer be " + this, (Instance i) -> judge(i) == Outcome.FAILURE));
    }

    private static Outcome runningReachable(InstanceState s) {
        return s == InstanceState.TERMINATING || s == InstanceState.TERMINATED || s == InstanceState.ERROR
                ? Outcome.FAILURE : Outcome.RETRY;
    }

    @Override
    public String toString() {
        return this == HAS_ADDRESS ? "has-ip" : name().toLowerCase(Locale.ROOT);
    }
}
