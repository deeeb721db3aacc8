package io.altostratus.local.internal;

import io.altostratus.core.ec2.CapacityReservation;
import io.altostratus.core.ec2.CapacityReservations;
import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.store.StateTx;
import io.altostratus.store.StateView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * On-Demand Capacity Reservations. A reservation is stored as made or last changed; a {@code limited} one reads as
 * {@code expired} from its end date on, through the clock. Cancelled and expired ones stay listed for an hour. An
 * instance is a session's {@link CapacityReservations}.
 */
public final class CapacityReservationOps implements CapacityReservations {
    static final String KIND = "local.capacity-reservation";
    static final long ENDED_VISIBLE_MS = 60 * 60 * 1000L;
    /** The local cloud's per-reservation ceiling, standing in for EC2's instance quotas. */
    static final int MAX_COUNT = 1000;
    /** EC2's platform words for reservations. */
    static final Set<String> PLATFORMS = Set.of("Linux/UNIX", "Red Hat Enterprise Linux", "SUSE Linux", "Windows",
            "Windows with SQL Server", "Windows with SQL Server Enterprise", "Windows with SQL Server Standard",
            "Windows with SQL Server Web", "Linux with SQL Server Standard", "Linux with SQL Server Web",
            "Linux with SQL Server Enterprise", "RHEL with SQL Server Standard", "RHEL with SQL Server Enterprise",
            "RHEL with SQL Server Web", "RHEL with HA", "RHEL with HA and SQL Server Standard",
            "RHEL with HA and SQL Server Enterprise", "Ubuntu Pro");

    private final Session session;
    private final Env env;

    public CapacityReservationOps(Session session) {
        this.session = session;
        this.env = session.env();
    }

    @Override
    public CapacityReservation createCapacityReservation(Request r) {
        TagOps.validate(r.tags());
        if (r.instanceType() == null) {
            throw Errors.invalid("MissingParameter", "The request must contain the parameter InstanceType");
        }
        if (r.platform() == null) {
            throw Errors.invalid("MissingParameter", "The request must contain the parameter InstancePlatform");
        }
        if (!PLATFORMS.contains(r.platform())) {
            throw Errors.invalidValue("Value (" + r.platform() + ") for parameter InstancePlatform is invalid");
        }
        if (r.zone() == null) {
            throw Errors.invalid("MissingParameter", "The request must contain the parameter AvailabilityZone");
        }
        if (env.zone(r.zone()) == null) {
            throw Errors.invalidValue("Invalid availability zone: [" + r.zone() + "]");
        }
        if (env.catalog().instanceType(env.region(), r.instanceType()).isEmpty()) {
            throw Errors.invalidValue("Invalid instance type: " + r.instanceType());
        }
        if (!env.catalog().typesOfferedInZone(r.zone()).contains(r.instanceType())) {
            throw Errors.invalid("InsufficientInstanceCapacity", "There is no " + r.instanceType()
                    + " capacity to reserve in " + r.zone() + " (the type is not offered there)");
        }
        String tenancy = r.tenancy() == null ? "default" : r.tenancy();
        if (!tenancy.equals("default") && !tenancy.equals("dedicated")) {
            throw Errors.invalidValue("Value (" + tenancy + ") for parameter Tenancy is invalid. "
                    + "Valid values: default, dedicated");
        }
        String match = matchCriteria(r.matchCriteria(), CapacityReservation.OPEN);
        checkCount(r.instanceCount());
        String endDateType = endDateType(r.endDateType(), r.endDate());
        long now = env.now();
        CapacityReservation made = new CapacityReservation(Ec2IdKind.CAPACITY_RESERVATION.mint(), r.instanceType(),
                r.platform(), r.zone(), tenancy, r.instanceCount(), Boolean.TRUE.equals(r.ebsOptimized()),
                Boolean.TRUE.equals(r.ephemeralStorage()), match, endDateType, r.endDate(),
                CapacityReservation.ACTIVE, Env.instant(now), null, r.tags());
        return session.write(tx -> {
            tx.put(KIND, env.scope(), made.id(), made);
            return made;
        });
    }

    @Override
    public List<CapacityReservation> capacityReservations() {
        return session.read(view -> {
            List<CapacityReservation> out = new ArrayList<>();
            for (CapacityReservation c : view.list(KIND, env.scope(), CapacityReservation.class)) {
                CapacityReservation now = settled(c, env.now());
                if (!gone(now, env.now())) {
                    out.add(now);
                }
            }
            return out;
        });
    }

    @Override
    public CapacityReservation modifyCapacityReservation(String id, Integer instanceCount, String endDateType,
                                                         Instant endDate, String matchCriteria) {
        if (instanceCount != null) {
            checkCount(instanceCount);
        }
        return session.write(tx -> {
            CapacityReservation c = active(tx, id);
            String newType = endDateType != null ? endDateType
                    : endDate != null ? CapacityReservation.LIMITED : c.endDateType();
            Instant newEnd = CapacityReservation.UNLIMITED.equals(newType) ? null
                    : endDate != null ? endDate : c.endDate();
            endDateType(newType, newEnd);
            CapacityReservation changed = c.withTerms(instanceCount == null ? c.totalInstanceCount() : instanceCount,
                    newType, newEnd, matchCriteria(matchCriteria, c.matchCriteria()));
            tx.put(KIND, env.scope(), id, changed);
            return changed;
        });
    }

    @Override
    public CapacityReservation cancelCapacityReservation(String id) {
        return session.write(tx -> {
            CapacityReservation cancelled = active(tx, id).withState(CapacityReservation.CANCELLED,
                    Env.instant(env.now()));
            tx.put(KIND, env.scope(), id, cancelled);
            return cancelled;
        });
    }

    /** Changes a reservation's tags (CreateTags and DeleteTags reach reservations through here). */
    static boolean retag(StateTx tx, Env env, String id, UnaryOperator<Map<String, String>> change) {
        var c = tx.get(KIND, env.scope(), id, CapacityReservation.class);
        c.ifPresent(r -> tx.put(KIND, env.scope(), id, r.withTags(change.apply(r.tags()))));
        return c.isPresent();
    }

    private CapacityReservation active(StateView view, String id) {
        Ec2IdKind.CAPACITY_RESERVATION.check(id);
        CapacityReservation c = view.get(KIND, env.scope(), id, CapacityReservation.class)
                .map(r -> settled(r, env.now())).filter(r -> !gone(r, env.now()))
                .orElseThrow(() -> Ec2IdKind.CAPACITY_RESERVATION.notFound(id));
        if (!c.isActive()) {
            throw Errors.state("InvalidCapacityReservationId.State", "Capacity Reservation " + id + " is "
                    + c.state() + "; only an active one can be changed");
        }
        return c;
    }

    private String endDateType(String given, Instant endDate) {
        String type = given == null ? (endDate == null ? CapacityReservation.UNLIMITED : CapacityReservation.LIMITED)
                : given;
        if (!type.equals(CapacityReservation.UNLIMITED) && !type.equals(CapacityReservation.LIMITED)) {
            throw Errors.invalidValue("Value (" + type + ") for parameter EndDateType is invalid. "
                    + "Valid values: unlimited, limited");
        }
        if (type.equals(CapacityReservation.LIMITED) && endDate == null) {
            throw Errors.invalid("MissingParameter", "EndDate is required when EndDateType is limited");
        }
        if (type.equals(CapacityReservation.UNLIMITED) && endDate != null) {
            throw Errors.invalid("InvalidParameterCombination", "EndDate cannot be specified when EndDateType is "
                    + "unlimited");
        }
        if (endDate != null && endDate.toEpochMilli() <= env.now()) {
            throw Errors.invalidValue("EndDate (" + endDate + ") must be in the future");
        }
        return type;
    }

    private static String matchCriteria(String given, String fallback) {
        if (given == null) {
            return fallback;
        }
        if (!given.equals(CapacityReservation.OPEN) && !given.equals(CapacityReservation.TARGETED)) {
            throw Errors.invalidValue("Value (" + given + ") for parameter InstanceMatchCriteria is invalid. "
                    + "Valid values: open, targeted");
        }
        return given;
    }

    private static void checkCount(int count) {
        if (count < 1 || count > MAX_COUNT) {
            throw Errors.invalidValue("InstanceCount must be between 1 and " + MAX_COUNT + " (got " + count + ")");
        }
    }

    private static CapacityReservation settled(CapacityReservation c, long now) {
        if (c.isActive() && c.endDate() != null && c.endDate().toEpochMilli() <= now) {
            return c.withState(CapacityReservation.EXPIRED, c.endDate());
        }
        return c;
    }

    private static boolean gone(CapacityReservation c, long now) {
        return !c.isActive() && c.stateChangeTime() != null
                && now - c.stateChangeTime().toEpochMilli() > ENDED_VISIBLE_MS;
    }
}
