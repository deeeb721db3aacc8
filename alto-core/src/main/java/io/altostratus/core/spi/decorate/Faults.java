package io.altostratus.core.spi.decorate;

import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.spi.ComputeProvider;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.UnaryOperator;

/**
 * Fault injection over any backend: the faults of real clouds (throttling, server errors, eventual consistency,
 * capacity shortages, used-up quotas) on demand, so code that drives clouds can be tested against them. One
 * {@code Faults} holds the {@link FaultPlan} in force for every session it {@linkplain #decorator() decorates};
 * {@link #replace} changes it for all of them at once, as {@code POST /_alto/faults} does in a running server.
 *
 * <p>Faults hit backend calls only (core calls and every extension method alike), never the session's identity
 * ({@code name}, {@code region}, {@code scope}, {@code traits}, {@code consistencyGrace}), extension lookup or
 * {@code close}. A throttled or failed call never reaches the backend, so a refused launch made nothing.
 *
 * <p>Deterministic: whether draw number n (counted from the last {@link #replace}) throttles or fails its call is a
 * pure function of the seed and n, so the same seed and the same sequence of calls meet the same faults. Calls from
 * several threads take numbers in the order they arrive. Each backend call draws, except inside a
 * {@link FaultScope} (a server's request), where only the first call does: the rates are then per request.
 * Eventual consistency, quota and capacity are not random: a resource made through a decorated session is hidden from
 * lists and gets (as {@code NOT_FOUND}, with EC2's {@code .NotFound} code for EC2-shaped ids) until {@code eventual}
 * has passed on the clock, a launch a {@link QuotaLimit} meets fails as {@code QUOTA_EXCEEDED} every time, and one a
 * {@link CapacityShortage} meets fails as {@code INSUFFICIENT_CAPACITY} every time. Quota is checked first, as a
 * cloud checks an account's limits when it accepts the request, before it looks for room.
 */
public final class Faults {
    /** The golden-ratio increment of SplitMix64: consecutive call numbers land far apart in the generator's state. */
    private static final long GAMMA = 0x9E3779B97F4A7C15L;
    /** Above this many remembered resources, the expired ones are dropped on the next make. */
    private static final int PURGE_ABOVE = 4096;

    private record Settings(FaultPlan plan, long seed, AtomicLong draws) {
    }

    private final Clock clock;
    private final AtomicReference<Settings> settings;
    private final Map<String, Instant> made = new ConcurrentHashMap<>();
    private final Map<FaultKind, LongAdder> injected = new EnumMap<>(FaultKind.class);

    private Faults(FaultPlan plan, long seed, Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.settings = new AtomicReference<>(new Settings(Objects.requireNonNull(plan, "plan"), seed,
                new AtomicLong()));
        for (FaultKind kind : FaultKind.values()) {
            injected.put(kind, new LongAdder());
        }
    }

    /**
     * @param plan  the faults to start with ({@link FaultPlan#NONE} for a server whose faults are set later)
     * @param seed  what the throttle and error draws follow
     * @param clock what eventual consistency is timed on (tests pass a {@link io.altostratus.core.wait.ManualClock})
     */
    public static Faults create(FaultPlan plan, long seed, Clock clock) {
        return new Faults(plan, seed, clock);
    }

    /** Wraps each provider it is given in this plan's faults; for {@code Backend}-style factories. */
    public UnaryOperator<ComputeProvider> decorator() {
        return this::wrap;
    }

    /** {@code delegate} with this plan's faults; the plan is read on every call, so later changes apply. */
    public ComputeProvider wrap(ComputeProvider delegate) {
        return new FaultyProvider(Objects.requireNonNull(delegate, "delegate"), this);
    }

    /** The plan in force. */
    public FaultPlan plan() {
        return settings.get().plan();
    }

    /** The seed the draws follow. */
    public long seed() {
        return settings.get().seed();
    }

    /** Puts {@code plan} in force for every decorated session, keeping the seed and restarting its sequence. */
    public void replace(FaultPlan plan) {
        replace(plan, seed());
    }

    /** Puts {@code plan} in force with a new seed; the sequence starts again at call number 0. */
    public void replace(FaultPlan plan, long seed) {
        settings.set(new Settings(Objects.requireNonNull(plan, "plan"), seed, new AtomicLong()));
    }

    /** No faults from now on (what was hidden shows at once); the seed stays. */
    public void clear() {
        replace(FaultPlan.NONE);
    }

    /** How many faults of each kind were injected since this was made. */
    public Map<FaultKind, Long> injected() {
        Map<FaultKind, Long> counts = new EnumMap<>(FaultKind.class);
        injected.forEach((kind, adder) -> counts.put(kind, adder.sum()));
        return counts;
    }

    /** Throws the throttle or error this call draws, if any. */
    void beforeCall(String operation) {
        Settings now = settings.get();
        FaultPlan plan = now.plan();
        if (plan.throttleRate() == 0 && plan.errorRate() == 0 || !FaultScope.claimDraw()) {
            return;
        }
        long bits = mix(now.seed() + (now.draws().getAndIncrement() + 1) * GAMMA);
        double u = (bits >>> 11) * 0x1.0p-53;
        if (u < plan.throttleRate()) {
            throw fault(FaultKind.THROTTLE, ErrorCode.THROTTLED, "RequestLimitExceeded",
                    "Request limit exceeded.", operation, plan);
        }
        if (u < plan.throttleRate() + plan.errorRate()) {
            // The low bits did not take part in u: they pick the error's face without a second draw.
            boolean unavailable = (bits & 1) == 1;
            throw fault(FaultKind.ERROR, ErrorCode.PROVIDER_ERROR, unavailable ? "Unavailable" : "InternalError",
                    unavailable ? "The service is unavailable. Please try again shortly."
                            : "An internal error has occurred.", operation, plan);
        }
    }

    /** Throws INSUFFICIENT_CAPACITY when a shortage meets a launch of {@code type} in {@code zone}. */
    void checkCapacity(String type, String zone, String region) {
        if (type == null) {
            return;
        }
        FaultPlan plan = plan();
        for (CapacityShortage shortage : plan.capacity()) {
            if (shortage.meets(type, zone, region)) {
                String where = shortage.place().equals(zone) ? "the Availability Zone you requested (" + zone + ")"
                        : "the region " + region;
                throw fault(FaultKind.CAPACITY, ErrorCode.INSUFFICIENT_CAPACITY, "InsufficientInstanceCapacity",
                        "We currently do not have sufficient " + type + " capacity in " + where
                                + ". Try another Availability Zone or instance type.", "launch", plan);
            }
        }
    }

    /**
     * Throws QUOTA_EXCEEDED when a limit meets a launch of {@code type} in {@code region}, with EC2's codes: a limit on
     * one type is its vCPU bucket's ({@code VcpuLimitExceeded}), one on every type the instance count's
     * ({@code InstanceLimitExceeded}).
     */
    void checkQuota(String type, String region) {
        FaultPlan plan = plan();
        for (QuotaLimit limit : plan.quota()) {
            if (limit.meets(type, region)) {
                if (limit.instanceType() != null) {
                    throw fault(FaultKind.QUOTA, ErrorCode.QUOTA_EXCEEDED, "VcpuLimitExceeded",
                            "You have requested more vCPU capacity than your current vCPU limit allows for the "
                                    + "instance bucket that " + type + " belongs to in the region " + region
                                    + ". Request a limit increase or launch elsewhere.", "launch", plan);
                }
                throw fault(FaultKind.QUOTA, ErrorCode.QUOTA_EXCEEDED, "InstanceLimitExceeded",
                        "You have requested more instances than your current instance limit allows in the region "
                                + region + ". Request a limit increase or launch elsewhere.", "launch", plan);
            }
        }
    }

    /** Whether any shortage names this type, so a launch's zone is worth looking up. */
    boolean mayBeShort(String type) {
        return type != null && plan().capacity().stream().anyMatch(c -> c.instanceType().equals(type));
    }

    /** How long what is made now stays hidden. */
    Duration eventual() {
        return plan().eventual();
    }

    /** Remembers that {@code id} was just made, when eventual consistency is on. */
    void made(String id) {
        Duration eventual = eventual();
        if (eventual.isZero() || id == null) {
            return;
        }
        Instant now = clock.instant();
        if (made.size() > PURGE_ABOVE) {
            made.values().removeIf(at -> !now.isBefore(at.plus(eventual)));
        }
        made.put(id, now);
    }

    /** Whether {@code id} was made too recently to be seen, counting each time it is hidden. */
    boolean hidden(String id) {
        Instant at = made.get(id);
        if (at == null) {
            return false;
        }
        if (clock.instant().isBefore(at.plus(eventual()))) {
            injected.get(FaultKind.EVENTUAL).increment();
            return true;
        }
        return false;
    }

    /** The NOT_FOUND a get of a hidden resource answers, with EC2's code when the id has EC2's shape. */
    InjectedFault notYetVisible(String id, String noun) {
        Ec2IdKind kind = Ec2IdKind.ofId(id);
        String code = kind == null ? null : kind.notFoundCode();
        String message = kind == null ? "The " + noun + " '" + id + "' does not exist"
                : kind.notFound(id).getMessage();
        return new InjectedFault(FaultKind.EVENTUAL, ErrorCode.NOT_FOUND, code,
                message + " (not visible yet: fault eventual=" + formatted(eventual()) + ")");
    }

    private InjectedFault fault(FaultKind kind, ErrorCode code, String providerCode, String message, String operation,
                                FaultPlan plan) {
        injected.get(kind).increment();
        return new InjectedFault(kind, code, providerCode,
                message + " (fault injected into " + operation + ": " + plan + ")");
    }

    private static String formatted(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    /** SplitMix64's finaliser: a well-mixed 64-bit value for each input. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public String toString() {
        return "Faults[" + plan() + ", seed " + seed() + "]";
    }
}
