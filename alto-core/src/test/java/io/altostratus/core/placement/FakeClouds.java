package io.altostratus.core.placement;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.error.PartialLaunchException;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.model.StateChange;
import io.altostratus.core.query.InstanceQuery;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.testing.FakeProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Several fake clouds in one world: instances live in one list across clouds and regions, so a test can list every
 * place after a walk. Each place (cloud, cloud/region, cloud/region/zone, or one type there: {@code
 * cloud/region/zone type}) can be told how launches there behave.
 */
final class FakeClouds {
    /** How a launch in a place goes wrong. */
    enum Trouble {
        /** Refused before anything is made, with the given error. */
        REFUSE,
        /** One instance is made, then the launch fails as partial (it carries the instance). */
        PARTIAL,
        /** One instance is made, then the launch fails without returning it (a lost response). */
        LOST_RESPONSE,
        /** The instance is made but never leaves pending. */
        STUCK_PENDING
    }

    private record Rule(Trouble trouble, AltoException error) {
    }

    final List<Instance> instances = new CopyOnWriteArrayList<>();
    final List<String> launches = new CopyOnWriteArrayList<>();
    final List<LaunchSpec> specs = new CopyOnWriteArrayList<>();
    final Map<String, AltoException> openFailures = new ConcurrentHashMap<>();
    private final Map<String, Rule> rules = new ConcurrentHashMap<>();
    private final Map<String, Boolean> terminateIgnored = new ConcurrentHashMap<>();
    private final Map<String, Boolean> listingFails = new ConcurrentHashMap<>();
    final AtomicInteger opened = new AtomicInteger();
    final AtomicInteger closed = new AtomicInteger();
    Duration grace = Duration.ZERO;
    private final AtomicInteger ids = new AtomicInteger();

    void refuse(String place, ErrorCode code, String providerCode) {
        rules.put(place, new Rule(Trouble.REFUSE, new AltoException(code, providerCode, providerCode + " in " + place)));
    }

    void trouble(String place, Trouble trouble, ErrorCode code) {
        rules.put(place, new Rule(trouble, new AltoException(code, code.name(), code + " in " + place)));
    }

    /** Terminate calls in this cloud are acknowledged but change nothing. */
    void ignoreTerminate(String cloud) {
        terminateIgnored.put(cloud, true);
    }

    /** Listing instances in this cloud fails (as with refused credentials). */
    void failListing(String cloud) {
        listingFails.put(cloud, true);
    }

    Sessions sessions() {
        return (provider, region) -> {
            AltoException refused = openFailures.get(provider);
            if (refused != null) {
                throw refused;
            }
            opened.incrementAndGet();
            return new Session(provider, region);
        };
    }

    /** Instances in a place (cloud/region or cloud/region/zone) that are not terminating or terminated. */
    List<Instance> alive(String place) {
        return instances.stream()
                .filter(i -> (i.provider() + "/" + i.region()).equals(place)
                        || (i.provider() + "/" + i.region() + "/" + i.zone()).equals(place))
                .filter(i -> i.state() != InstanceState.TERMINATED && i.state() != InstanceState.TERMINATING)
                .toList();
    }

    /** The rule for a launch: one type in a zone ({@code aws/r1/r1a small}) first, then the zone, region, cloud. */
    private Rule ruleFor(String provider, String region, String zone, String type) {
        for (String place : new String[] {provider + "/" + region + "/" + zone + " " + type,
                provider + "/" + region + "/" + zone, provider + "/" + region, provider}) {
            Rule r = rules.get(place);
            if (r != null) {
                return r;
            }
        }
        return null;
    }

    private final class Session extends FakeProvider {
        private final String provider;
        private final String region;

        Session(String provider, String region) {
            this.provider = provider;
            this.region = region;
        }

        @Override public String name() { return provider; }
        @Override public String region() { return region; }
        @Override public Duration consistencyGrace() { return grace; }

        @Override
        public List<Instance> launch(LaunchSpec spec) {
            launches.add(provider + "/" + region + "/" + spec.zone() + " " + spec.instanceType());
            specs.add(spec);
            Rule rule = ruleFor(provider, region, spec.zone(), spec.instanceType());
            if (rule != null && rule.trouble() == Trouble.REFUSE) {
                throw rule.error();
            }
            Instance made = Instance.builder().id(provider + "-i-" + ids.incrementAndGet()).provider(provider)
                    .region(region).zone(spec.zone()).instanceType(spec.instanceType()).tags(spec.tags())
                    .clientToken(spec.clientToken())
                    .state(rule != null && rule.trouble() == Trouble.STUCK_PENDING ? InstanceState.PENDING
                            : InstanceState.RUNNING)
                    .build();
            instances.add(made);
            if (rule == null || rule.trouble() == Trouble.STUCK_PENDING) {
                return List.of(made);
            }
            if (rule.trouble() == Trouble.PARTIAL) {
                throw new PartialLaunchException(2, List.of(made), rule.error());
            }
            throw rule.error();
        }

        @Override
        public Instance instance(String id) {
            return instances.stream().filter(i -> i.id().equals(id) && i.provider().equals(provider)).findFirst()
                    .orElseThrow(() -> AltoException.notFound("NotFound", id));
        }

        @Override
        public List<Instance> instances(InstanceQuery query) {
            if (listingFails.containsKey(provider)) {
                throw new AltoException(ErrorCode.AUTH_FAILURE, "AuthFailure", "listing refused in " + provider);
            }
            return instances.stream().filter(i -> i.provider().equals(provider) && i.region().equals(region))
                    .filter(query::matches).toList();
        }

        @Override
        public List<StateChange> terminate(Collection<String> ids) {
            List<StateChange> out = new ArrayList<>();
            for (String id : ids) {
                Instance i = instance(id);
                out.add(new StateChange(id, i.state(), InstanceState.TERMINATED));
                if (!terminateIgnored.containsKey(provider)) {
                    instances.replaceAll(x -> x.id().equals(id) ? x.toBuilder().state(InstanceState.TERMINATED).build()
                            : x);
                }
            }
            return out;
        }

        @Override
        public void close() {
            closed.incrementAndGet();
        }
    }
}
