package io.altostratus.aws;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.model.Subnet;
import io.altostratus.core.placement.Candidate;
import io.altostratus.core.placement.FailoverPolicy;
import io.altostratus.core.placement.FailureScope;
import io.altostratus.core.placement.PlacementException;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.ForwardingComputeProvider;
import io.altostratus.core.wait.Sleeper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * One batch of a launch with {@code capacity_fallback} on, walked by the core {@link FailoverPolicy}: the requested
 * type in the requested zone, the same type in the other zones that offer it, then each next fitting type from the
 * requested zone on. An {@code InsufficientInstanceCapacity} rules out that type in that zone only (EC2 keeps
 * capacity per type per Availability Zone); any other failure ends the walk and reaches the caller as EC2 said it.
 *
 * <p>Each attempt is one RunInstances with the batch's own token for the first and a token derived from it for each
 * next one (EC2 refuses a known token with new parameters), and carries the policy's attempt tag, by which the policy
 * lists and cleans up whatever an attempt that failed may have made.
 */
final class AwsCapacityWalk {
    /** One RunInstances of the batch: the spec (with the attempt's tags), type, zone, subnet and client token. */
    @FunctionalInterface
    interface Run {
        List<Instance> run(LaunchSpec spec, String type, String zone, Subnet subnet, String token);
    }

    private final ComputeProvider session;
    private final String region;
    private final Map<String, Double> prices = new HashMap<>();
    private final Sleeper sleeper;

    /**
     * @param session the provider the launch came through: the policy lists and terminates through it
     * @param types   the region's types, for the candidates' prices (shown in reports only)
     * @param sleeper what the policy waits out EC2's read lag on before listing what an uncertain failure made
     */
    AwsCapacityWalk(ComputeProvider session, List<InstanceType> types, Sleeper sleeper) {
        this.session = Objects.requireNonNull(session, "session");
        this.region = session.region();
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
        for (InstanceType t : types) {
            if (t.pricePerHour() != null) {
                prices.put(t.name(), t.pricePerHour());
            }
        }
    }

    /**
     * The places to try, in order: {@code types.get(0)} in {@code zone} (null: wherever EC2 puts it), then in every
     * other zone that offers it, then each next type in {@code zone} first and the other zones after, skipping
     * zones without a subnet of the launch's VPC when the launch names a subnet.
     *
     * @param offerings the types each zone offers (an empty set: every type), in the order zones are tried
     * @param subnets   the subnet of the VPC in each zone, or null when the launch names none
     */
    List<Candidate> candidates(List<String> types, String zone, Map<String, Set<String>> offerings,
                               Map<String, Subnet> subnets) {
        List<Candidate> out = new ArrayList<>();
        String first = types.get(0);
        out.add(candidate(first, zone));
        for (String type : types) {
            List<String> zones = new ArrayList<>();
            offerings.forEach((z, offered) -> {
                boolean alreadyTried = type.equals(first) && z.equals(zone);
                if (!alreadyTried && (offered.isEmpty() || offered.contains(type))
                        && (subnets == null || subnets.get(z) != null)) {
                    zones.add(z);
                }
            });
            // The requested zone comes first for every next type: a type short there may not be the only one there.
            if (zone != null && zones.remove(zone)) {
                zones.add(0, zone);
            }
            zones.forEach(z -> out.add(candidate(type, z)));
        }
        return out;
    }

    private Candidate candidate(String type, String zone) {
        return new Candidate(session.name(), region, zone, type, prices.get(type));
    }

    /**
     * Walks the candidates with one RunInstances each until one takes the batch.
     *
     * @throws AltoException the last attempt's own error when the walk ends without a launch (a capacity shortage in
     *         every place, or the first failure that is not one); the policy's {@code CleanupFailed} when instances of
     *         a failed attempt are still alive after cleanup
     */
    List<Instance> launch(List<Candidate> candidates, LaunchSpec spec, String token, Map<String, Subnet> subnets,
                          Subnet requestedSubnet, Run run) {
        AttemptSession attempts = new AttemptSession(session, token, subnets, requestedSubnet, run);
        FailoverPolicy policy = FailoverPolicy.builder()
                .sessions((provider, r) -> attempts)
                .classifier(e -> e.code() == ErrorCode.INSUFFICIENT_CAPACITY ? FailureScope.TYPE_IN_ZONE
                        : FailureScope.CLOUD)
                .maxAttempts(candidates.size())
                .sleeper(sleeper)
                .build();
        try {
            return policy.place(candidates, spec.toBuilder().clientToken(token).build()).instances();
        } catch (PlacementException e) {
            AltoException last = attempts.lastFailure;
            if (PlacementException.CLEANUP_FAILED.equals(e.providerCode()) || last == null) {
                if (last != null) {
                    e.addSuppressed(last);
                }
                throw e;
            }
            throw last;
        }
    }

    /**
     * The session the policy launches through: each launch is one RunInstances of the batch, everything else (the
     * listing and terminating of cleanup) is the provider's. Closing it closes nothing: the provider outlives the walk.
     */
    private static final class AttemptSession extends ForwardingComputeProvider {
        private final String token;
        private final Map<String, Subnet> subnets;
        private final Subnet requestedSubnet;
        private final Run run;
        private int attempt;
        private AltoException lastFailure;

        AttemptSession(ComputeProvider provider, String token, Map<String, Subnet> subnets, Subnet requestedSubnet,
                       Run run) {
            super(provider);
            this.token = token;
            this.subnets = subnets;
            this.requestedSubnet = requestedSubnet;
            this.run = run;
        }

        @Override
        public List<Instance> launch(LaunchSpec spec) {
            String zone = spec.zone();
            Subnet subnet = requestedSubnet == null ? null
                    : zone == null || zone.equals(requestedSubnet.zone()) ? requestedSubnet : subnets.get(zone);
            String attemptToken = attempt == 0 ? token
                    : UUID.nameUUIDFromBytes((token + "/" + attempt).getBytes(StandardCharsets.UTF_8)).toString();
            attempt++;
            try {
                return run.run(spec, spec.instanceType(), zone, subnet, attemptToken);
            } catch (AltoException e) {
                lastFailure = e;
                throw e;
            }
        }

        @Override
        public void close() {
            // The provider is the caller's session; the walk only borrowed it.
        }
    }
}
