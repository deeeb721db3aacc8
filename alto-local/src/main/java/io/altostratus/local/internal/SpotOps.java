package io.altostratus.local.internal;

import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.ec2.Ec2InstanceDetails;
import io.altostratus.core.ec2.SpotPrice;
import io.altostratus.core.ec2.SpotRequest;
import io.altostratus.core.ec2.SpotRequest.State;
import io.altostratus.core.ec2.SpotRequests;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.model.StateChange;
import io.altostratus.core.model.Zone;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.core.spec.SpotOptions;
import io.altostratus.local.internal.Docs.InstanceDoc;
import io.altostratus.store.StateTx;
import io.altostratus.store.StateView;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Spot capacity in the local cloud: the spot price of each type, the spot request each spot instance gets, and how
 * the instance's lifecycle moves its request, following EC2's documented request states and status codes.
 *
 * <p>Prices: the catalog's types carry on-demand prices only (its interface has no spot prices), so a type's local
 * spot price is {@link #SPOT_FRACTION} of its on-demand price, the same in every zone of the region and constant
 * since the catalog's data was taken. A type without an on-demand price is priced at {@link #UNPRICED_PER_VCPU}
 * per vCPU-hour on demand first. Nothing ever interrupts a local spot instance, since the price never moves.
 *
 * <p>Requests: a spot launch makes one {@code active}/{@code fulfilled} request per instance. Stopping is refused
 * for one-time requests (EC2's {@code UnsupportedOperation}); a persistent request is {@code disabled} while its
 * instance is stopped and {@code active} again once started. Terminating the instance closes a one-time request
 * ({@code instance-terminated-by-user}) and leaves a persistent one {@code open}; EC2 would then launch a
 * replacement, the local cloud does not (nothing runs in the background). Cancelling leaves the instance alone
 * ({@code request-canceled-and-instance-running}). Closed and cancelled requests are forgotten once their instance
 * is no longer listed, as EC2 deletes them some hours after.
 *
 * <p>An instance is a session's {@link SpotRequests}; the static methods are what launches and the lifecycle call
 * in their own transactions.
 */
public final class SpotOps implements SpotRequests {
    /** The local spot price as a fraction of the on-demand price (EC2's spot discounts are commonly 60-90%). */
    public static final double SPOT_FRACTION = 0.3;
    /** The on-demand price assumed per vCPU-hour for a type the catalog has no price for. */
    public static final double UNPRICED_PER_VCPU = 0.05;
    /** The only platform the local cloud runs, in EC2's words. */
    public static final String PRODUCT_DESCRIPTION = "Linux/UNIX";

    private static final String TERMINATED_BY_USER = "instance-terminated-by-user";

    private final Session session;
    private final Env env;

    public SpotOps(Session session) {
        this.session = session;
        this.env = session.env();
    }

    // ---- prices ---------------------------------------------------------------------------------------------

    /** The on-demand price of a type in the session's region: the catalog's, or the per-vCPU estimate. */
    static double onDemandPrice(Env env, String typeName) {
        InstanceType type = env.catalog().instanceType(env.region(), typeName).orElse(null);
        if (type == null) {
            return UNPRICED_PER_VCPU;
        }
        if (type.pricePerHour() != null && type.pricePerHour() > 0) {
            return type.pricePerHour();
        }
        return round(UNPRICED_PER_VCPU * Math.max(1, type.vcpus()));
    }

    /** The local spot price of a type (every zone of the region has the same). */
    public static double spotPrice(Env env, String typeName) {
        return round(onDemandPrice(env, typeName) * SPOT_FRACTION);
    }

    private static double round(double price) {
        // Four decimals, at least 0.0001, so prices print like EC2's and never read as free.
        return Math.max(0.0001, BigDecimal.valueOf(price).setScale(4, RoundingMode.HALF_UP).doubleValue());
    }

    /** A price as EC2 prints it: plain decimals without trailing zeros. */
    public static String format(double price) {
        return BigDecimal.valueOf(price).stripTrailingZeros().toPlainString();
    }

    /** The spot price of each offered type in each zone, narrowed to the types and zones given (when not empty). */
    @Override
    public List<SpotPrice> spotPrices(Collection<String> types, Collection<String> zones) {
        Instant since = env.catalog().source().takenAt() != null ? env.catalog().source().takenAt()
                : Instant.EPOCH;
        Set<String> wantedTypes = Set.copyOf(types);
        Set<String> wantedZones = Set.copyOf(zones);
        List<InstanceType> all = env.catalog().instanceTypes(env.region());
        List<SpotPrice> out = new ArrayList<>();
        for (Zone zone : env.zones()) {
            if (!wantedZones.isEmpty() && !wantedZones.contains(zone.name())) {
                continue;
            }
            for (InstanceType type : all) {
                if ((wantedTypes.isEmpty() || wantedTypes.contains(type.name()))
                        && InstanceOps.offered(env, zone.name(), type.name())) {
                    out.add(new SpotPrice(type.name(), zone.name(), PRODUCT_DESCRIPTION, spotPrice(env, type.name()),
                            since));
                }
            }
        }
        return out;
    }

    // ---- launching ------------------------------------------------------------------------------------------

    /**
     * Makes the spot requests of a launch that just made {@code launched} in the same transaction, and returns the
     * instances as spot instances. A max price below the spot price fails with EC2's {@code SpotMaxPriceTooLow};
     * the caller's transaction then keeps nothing of the launch. Instances that already have a request (a client
     * token's earlier launch, answered again) are returned as they are.
     */
    public static List<Instance> afterLaunch(StateTx tx, Env env, LaunchSpec spec, List<Instance> launched) {
        SpotOptions options = spec.spot();
        for (Instance instance : launched) {
            double price = spotPrice(env, instance.instanceType());
            if (!instance.spot() && options.maxPricePerHour() != null
                    && options.maxPricePerHour() < price) {
                throw Errors.invalid("SpotMaxPriceTooLow", "Your Spot request price of "
                        + format(options.maxPricePerHour()) + " is lower than the minimum required Spot request "
                        + "fulfillment price of " + format(price) + ".");
            }
        }
        Instant now = Env.instant(env.now());
        List<Instance> out = new ArrayList<>(launched.size());
        for (Instance instance : launched) {
            if (instance.spot()) {
                out.add(instance);
                continue;
            }
            String requestId = Ec2IdKind.SPOT_REQUEST.mint();
            Double maxPrice = options.maxPricePerHour() != null ? options.maxPricePerHour()
                    : (Double) onDemandPrice(env, instance.instanceType());
            SpotRequest request = new SpotRequest(requestId,
                    options.persistent() ? SpotRequest.Type.PERSISTENT : SpotRequest.Type.ONE_TIME,
                    State.ACTIVE, "fulfilled", "Your spot request is fulfilled.", now, maxPrice, instance.id(),
                    instance.instanceType(), instance.imageId(), instance.keyName(), instance.subnetId(),
                    instance.zone(), now, Map.of());
            tx.put(Docs.SPOT_REQUEST, env.scope(), requestId, request);
            InstanceDoc doc = Lookup.instance(tx, env, instance.id());
            tx.put(Docs.INSTANCE, env.scope(), doc.id(), doc.withSpotRequest(requestId));
            Ec2InstanceDetails details = Ec2InstanceDetails.of(instance);
            out.add(instance.toBuilder().spot(true).details(new Ec2InstanceDetails(details.reservationId(),
                    details.launchIndex(), details.rootDeviceName(), details.metadataOptions(), requestId)).build());
        }
        return out;
    }

    // ---- the instance lifecycle -----------------------------------------------------------------------------

    /**
     * After instances were stopped in this transaction: a one-time spot instance cannot be stopped (EC2 refuses
     * with {@code UnsupportedOperation}, and the caller's transaction then stops none of them); the active
     * requests of stopped persistent ones become {@code disabled}.
     */
    public static void afterStop(StateTx tx, Env env, List<StateChange> changes) {
        List<SpotRequest> stopping = new ArrayList<>();
        for (StateChange change : changes) {
            Optional<SpotRequest> request = requestOf(tx, env, change.instanceId());
            if (request.isEmpty()) {
                continue;
            }
            if (request.get().type() == SpotRequest.Type.ONE_TIME) {
                throw Errors.state("UnsupportedOperation", "You can't stop the Spot Instance '"
                        + change.instanceId() + "' because it is associated with a one-time Spot Instance request. "
                        + "You can only stop Spot Instances associated with persistent Spot Instance requests.");
            }
            stopping.add(request.get());
        }
        Instant now = Env.instant(env.now());
        for (SpotRequest request : stopping) {
            if (request.state() == State.ACTIVE) {
                put(tx, env, request.withStatus(State.DISABLED, "instance-stopped-by-user",
                        "Your Spot Instance was stopped because you stopped it.", now));
            }
        }
    }

    /** After instances were started: the disabled requests of started spot instances are active again. */
    public static void afterStart(StateTx tx, Env env, List<StateChange> changes) {
        Instant now = Env.instant(env.now());
        for (StateChange change : changes) {
            requestOf(tx, env, change.instanceId())
                    .filter(r -> r.state() == State.DISABLED)
                    .ifPresent(r -> put(tx, env, r.withStatus(State.ACTIVE, "fulfilled",
                            "Your spot request is fulfilled.", now)));
        }
    }

    /**
     * After instances were terminated: a one-time request closes, a persistent one opens again, a cancelled one
     * stays cancelled; each says the user terminated the instance.
     */
    public static void afterTerminate(StateTx tx, Env env, List<StateChange> changes) {
        Instant now = Env.instant(env.now());
        for (StateChange change : changes) {
            if (Transitions.isGoingOrGone(change.previous()) || !Transitions.isGoingOrGone(change.current())) {
                continue; // already going before this call: its request moved then
            }
            requestOf(tx, env, change.instanceId()).ifPresent(r -> {
                State next = r.state() == State.CANCELLED ? State.CANCELLED
                        : r.type() == SpotRequest.Type.PERSISTENT ? State.OPEN : State.CLOSED;
                String message = next == State.OPEN
                        ? "Your Spot Instance was terminated by you; the local cloud launches no replacement."
                        : "Your Spot Instance was terminated by you.";
                put(tx, env, r.withStatus(next, TERMINATED_BY_USER, message, now));
            });
        }
        forgetEnded(tx, env);
    }

    // ---- requests -------------------------------------------------------------------------------------------

    /** The request with that id in this account and region, or EC2's Malformed / NotFound. */
    public static SpotRequest lookup(StateView view, Env env, String id) {
        Ec2IdKind.SPOT_REQUEST.check(id);
        return view.get(Docs.SPOT_REQUEST, env.scope(), id, SpotRequest.class)
                .orElseThrow(() -> Ec2IdKind.SPOT_REQUEST.notFound(id));
    }

    @Override
    public List<SpotRequest> spotRequests(Collection<String> ids) {
        return session.read(view -> list(view, env, ids));
    }

    /** The requests named, in the order asked (each once), or all of them by creation when none are named. */
    private static List<SpotRequest> list(StateView view, Env env, Collection<String> ids) {
        if (ids.isEmpty()) {
            List<SpotRequest> all = new ArrayList<>(view.list(Docs.SPOT_REQUEST, env.scope(), SpotRequest.class));
            all.sort(Comparator.comparing(SpotRequest::createTime, Comparator.nullsFirst(Comparator.naturalOrder()))
                    .thenComparing(SpotRequest::id));
            return all;
        }
        List<String> unique = List.copyOf(new LinkedHashSet<>(ids));
        for (String id : unique) {
            Ec2IdKind.SPOT_REQUEST.check(id); // every id's syntax before any lookup, as EC2 answers Malformed first
        }
        List<SpotRequest> out = new ArrayList<>(unique.size());
        for (String id : unique) {
            out.add(lookup(view, env, id));
        }
        return out;
    }

    /**
     * Cancels the requests named (all checked first, so one bad id cancels nothing) and returns them as they now
     * are. Open, active and disabled requests become cancelled; their instances keep running or stay stopped.
     */
    @Override
    public List<SpotRequest> cancelSpotRequests(Collection<String> ids) {
        return session.write(tx -> {
            List<SpotRequest> named = list(tx, env, ids);
            Instant now = Env.instant(env.now());
            List<SpotRequest> out = new ArrayList<>(named.size());
            for (SpotRequest request : named) {
                if (request.state() != State.OPEN && request.state() != State.ACTIVE
                        && request.state() != State.DISABLED) {
                    out.add(request);
                    continue;
                }
                InstanceState instance = instanceState(tx, env, request.instanceId());
                SpotRequest cancelled;
                if (instance != null && !Transitions.isGoingOrGone(instance)
                        && instance != InstanceState.STOPPED && instance != InstanceState.STOPPING) {
                    cancelled = request.withStatus(State.CANCELLED, "request-canceled-and-instance-running",
                            "Spot Instance request is canceled, but the instance is still running.", now);
                } else if (request.state() == State.DISABLED) {
                    cancelled = request.withStatus(State.CANCELLED, request.statusCode(), request.statusMessage(), now);
                } else if (request.statusCode() != null && request.statusCode().equals(TERMINATED_BY_USER)) {
                    cancelled = request.withStatus(State.CANCELLED, TERMINATED_BY_USER,
                            "Your Spot Instance was terminated by you, and the request is canceled.", now);
                } else {
                    cancelled = request.withStatus(State.CANCELLED, "canceled-before-fulfillment",
                            "Your Spot request was canceled before it was fulfilled.", now);
                }
                put(tx, env, cancelled);
                out.add(cancelled);
            }
            forgetEnded(tx, env);
            return out;
        });
    }

    private static InstanceState instanceState(StateView view, Env env, String instanceId) {
        if (instanceId == null) {
            return null;
        }
        return view.get(Docs.INSTANCE, env.scope(), instanceId, InstanceDoc.class)
                .map(d -> Transitions.effective(d, env.now())).orElse(null);
    }

    private static Optional<SpotRequest> requestOf(StateView view, Env env, String instanceId) {
        return view.get(Docs.INSTANCE, env.scope(), instanceId, InstanceDoc.class)
                .map(InstanceDoc::spotRequestId)
                .flatMap(id -> view.get(Docs.SPOT_REQUEST, env.scope(), id, SpotRequest.class));
    }

    private static void put(StateTx tx, Env env, SpotRequest request) {
        tx.put(Docs.SPOT_REQUEST, env.scope(), request.id(), request);
    }

    /** Drops closed and cancelled requests whose instance is no longer kept (purged after its retention). */
    private static void forgetEnded(StateTx tx, Env env) {
        for (SpotRequest request : tx.list(Docs.SPOT_REQUEST, env.scope(), SpotRequest.class)) {
            boolean ended = request.state() == State.CLOSED || request.state() == State.CANCELLED;
            if (ended && (request.instanceId() == null
                    || tx.get(Docs.INSTANCE, env.scope(), request.instanceId(), InstanceDoc.class).isEmpty())) {
                tx.delete(Docs.SPOT_REQUEST, env.scope(), request.id());
            }
        }
    }
}
