package io.altostratus.core.spi.decorate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.ext.Networks;
import io.altostratus.core.ext.Volumes;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.model.Network;
import io.altostratus.core.model.Region;
import io.altostratus.core.model.Subnet;
import io.altostratus.core.model.Volume;
import io.altostratus.core.query.InstanceQuery;
import io.altostratus.core.query.Page;
import io.altostratus.core.query.PageRequest;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.core.spec.NetworkSpec;
import io.altostratus.core.spec.SubnetSpec;
import io.altostratus.core.spec.VolumeSpec;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.testing.FakeProvider;
import io.altostratus.core.wait.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FaultsTest {
    private final ManualClock clock = new ManualClock();

    /** A backend that makes instances and volumes in memory and counts the calls that reached it. */
    private static final class Memory extends FakeProvider implements Volumes, Networks {
        final AtomicInteger reached = new AtomicInteger();
        final List<Instance> instances = new ArrayList<>();
        final List<Volume> volumes = new ArrayList<>();
        final List<String> launchedIn = new ArrayList<>();
        private final String region;
        private int next = 1;

        Memory() {
            this("us-east-1");
        }

        Memory(String region) {
            this.region = region;
        }

        @Override public String region() { return region; }

        @Override
        public List<Region> regions() {
            reached.incrementAndGet();
            return List.of();
        }

        @Override
        public synchronized List<Instance> launch(LaunchSpec spec) {
            reached.incrementAndGet();
            launchedIn.add(spec.zone());
            Instance made = Instance.builder().id(String.format("i-%017x", next++)).state(InstanceState.PENDING)
                    .zone(spec.zone()).instanceType(spec.instanceType()).build();
            instances.add(made);
            return List.of(made);
        }

        @Override
        public synchronized Instance instance(String id) {
            reached.incrementAndGet();
            return instances.stream().filter(i -> i.id().equals(id)).findFirst()
                    .orElseThrow(() -> AltoException.notFound("InvalidInstanceID.NotFound", id));
        }

        @Override
        public synchronized List<Instance> instances(InstanceQuery query) {
            reached.incrementAndGet();
            return instances.stream().filter(query::matches).toList();
        }

        @Override
        public synchronized Page<Instance> instances(InstanceQuery query, PageRequest page) {
            return Page.of(instances(query), page, Instance::id);
        }

        @Override
        public synchronized Volume createVolume(VolumeSpec spec) {
            reached.incrementAndGet();
            Volume made = new Volume(String.format("vol-%017x", next++), null, spec.zone(), spec.sizeGiB(), "gp3", 0,
                    false, null, "available", null, null, Map.of());
            volumes.add(made);
            return made;
        }

        @Override public synchronized List<Volume> volumes() { reached.incrementAndGet(); return List.copyOf(volumes); }
        @Override public List<Volume> volumes(Collection<String> ids) { return volumes(); }
        @Override public Volume attachVolume(String v, String i, String d) { throw new IllegalStateException(); }
        @Override public Volume detachVolume(String v, boolean force) { throw new UnsupportedOperationException(); }
        @Override public void deleteVolume(String v) { throw new UnsupportedOperationException(); }

        @Override
        public List<Subnet> subnets() {
            return List.of(new Subnet("subnet-0a", null, "vpc-1", "10.0.0.0/24", "us-east-1a", 250, true, true,
                            "available", Map.of()),
                    new Subnet("subnet-0b", null, "vpc-1", "10.0.1.0/24", "us-east-1b", 250, true, true,
                            "available", Map.of()));
        }

        @Override public Network createNetwork(NetworkSpec spec) { throw new UnsupportedOperationException(); }
        @Override public List<Network> networks() { return List.of(); }
        @Override public void deleteNetwork(String id, boolean cascade) { throw new UnsupportedOperationException(); }
        @Override public Subnet createSubnet(SubnetSpec spec) { throw new UnsupportedOperationException(); }
        @Override public void deleteSubnet(String id) { throw new UnsupportedOperationException(); }
    }

    private static LaunchSpec launch(String type, String zone) {
        return LaunchSpec.builder().image("ami-0123456789abcdef0").instanceType(type).zone(zone).build();
    }

    /** What each of {@code n} calls met: "ok", or the EC2 code of the fault. */
    private static List<String> outcomes(ComputeProvider provider, int n) {
        List<String> seen = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            try {
                provider.regions();
                seen.add("ok");
            } catch (InjectedFault e) {
                seen.add(e.providerCode());
            }
        }
        return seen;
    }

    @Test
    void theSameSeedMeetsTheSameFaultsInTheSameCalls() {
        FaultPlan plan = FaultPlan.parse("throttle=10%,error=5%");
        List<String> first = outcomes(Faults.create(plan, 42, clock).wrap(new Memory()), 2_000);
        List<String> again = outcomes(Faults.create(plan, 42, clock).wrap(new Memory()), 2_000);
        List<String> otherSeed = outcomes(Faults.create(plan, 43, clock).wrap(new Memory()), 2_000);

        assertThat(again).isEqualTo(first);
        assertThat(otherSeed).isNotEqualTo(first);
        assertThat(first).contains("ok", "RequestLimitExceeded", "InternalError", "Unavailable");
    }

    @Test
    void replacingThePlanRestartsTheSequence() {
        FaultPlan plan = FaultPlan.parse("throttle=20%");
        Faults faults = Faults.create(plan, 7, clock);
        ComputeProvider provider = faults.wrap(new Memory());
        List<String> first = outcomes(provider, 500);

        faults.replace(plan);

        assertThat(outcomes(provider, 500)).isEqualTo(first);
        assertThat(faults.seed()).isEqualTo(7);
    }

    @Test
    void ratesHoldOverManyCallsWithAFixedSeed() {
        // 5% and 1% of 40,000 calls: 2,000 and 400 expected, binomial standard deviations about 44 and 20. The bounds
        // are four of those either side; the seed is fixed, so the check cannot flake, only fail if the draws are
        // biased.
        int n = 40_000;
        Memory backend = new Memory();
        Faults faults = Faults.create(FaultPlan.parse("throttle=5%,error=1%"), 20261207L, clock);
        List<String> seen = outcomes(faults.wrap(backend), n);

        Map<String, Integer> counts = new java.util.HashMap<>();
        seen.forEach(s -> counts.merge(s, 1, Integer::sum));
        int errors = counts.getOrDefault("InternalError", 0) + counts.getOrDefault("Unavailable", 0);
        assertThat(counts.get("RequestLimitExceeded")).isBetween(2_000 - 176, 2_000 + 176);
        assertThat(errors).isBetween(400 - 80, 400 + 80);
        assertThat(counts.get("InternalError")).as("the two faces of an error come about half each")
                .isBetween(errors / 2 - 60, errors / 2 + 60);
        assertThat(backend.reached.get()).as("a refused call never reaches the backend")
                .isEqualTo(counts.get("ok"));
        Map<FaultKind, Long> expected = new EnumMap<>(FaultKind.class);
        expected.put(FaultKind.THROTTLE, (long) counts.get("RequestLimitExceeded"));
        expected.put(FaultKind.ERROR, (long) errors);
        expected.put(FaultKind.EVENTUAL, 0L);
        expected.put(FaultKind.CAPACITY, 0L);
        expected.put(FaultKind.QUOTA, 0L);
        assertThat(faults.injected()).isEqualTo(expected);
    }

    @Test
    void insideARequestScopeOnlyTheFirstBackendCallDraws() {
        Memory backend = new Memory();
        ComputeProvider provider = Faults.create(FaultPlan.parse("throttle=50%"), 3, clock).wrap(backend);
        List<String> firsts = new ArrayList<>();
        List<String> scoped = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            try (FaultScope request = FaultScope.open()) {
                List<String> one = outcomes(provider, 3);
                firsts.add(one.get(0));
                scoped.addAll(one.subList(1, 3));
            }
        }
        List<String> unscoped = outcomes(Faults.create(FaultPlan.parse("throttle=50%"), 3, clock).wrap(new Memory()),
                200);

        assertThat(scoped).as("later calls of a request never draw").containsOnly("ok");
        assertThat(firsts).as("the first calls meet the same draws as unscoped calls do").isEqualTo(unscoped);
        assertThat(outcomes(provider, 50)).as("outside a scope every call draws again")
                .contains("RequestLimitExceeded");
    }

    @Test
    void faultsCarryThePortableCodesEveryFrontMaps() {
        ComputeProvider throttled = Faults.create(FaultPlan.parse("throttle=100%"), 1, clock).wrap(new Memory());
        ComputeProvider failing = Faults.create(FaultPlan.parse("error=100%"), 1, clock).wrap(new Memory());

        AltoException throttle = catchThrowableOfType(AltoException.class, throttled::regions);
        AltoException error = catchThrowableOfType(AltoException.class, failing::regions);

        assertThat(throttle.code()).isEqualTo(ErrorCode.THROTTLED);
        assertThat(throttle.providerCode()).isEqualTo("RequestLimitExceeded");
        assertThat(throttle).hasMessageContaining("throttle=100%").hasMessageContaining("regions");
        assertThat(error.code()).isEqualTo(ErrorCode.PROVIDER_ERROR);
        assertThat(error.providerCode()).isIn("InternalError", "Unavailable");
    }

    @Test
    void theSessionsIdentityNeverMeetsAFault() {
        Memory backend = new Memory();
        ComputeProvider provider = Faults.create(FaultPlan.parse("throttle=50%,error=50%"), 1, clock).wrap(backend);

        for (int i = 0; i < 50; i++) {
            assertThat(provider.name()).isEqualTo("fake");
            assertThat(provider.region()).isEqualTo("us-east-1");
            assertThat(provider.traits()).isEmpty();
            assertThat(provider.scope()).isEmpty();
            assertThat(provider.consistencyGrace()).isZero();
            assertThat(provider.extension(Volumes.class)).isPresent();
        }
        provider.close();
        assertThatThrownBy(provider::regions).isInstanceOf(InjectedFault.class);
    }

    @Test
    void extensionCallsMeetTheDrawsToo() {
        Memory backend = new Memory();
        Volumes volumes = Faults.create(FaultPlan.parse("throttle=100%"), 1, clock).wrap(backend)
                .extension(Volumes.class).orElseThrow();

        assertThatThrownBy(volumes::volumes).isInstanceOfSatisfying(InjectedFault.class,
                e -> assertThat(e.kind()).isEqualTo(FaultKind.THROTTLE));
        assertThat(backend.reached.get()).isZero();
    }

    @Test
    void aShortZoneRefusesLaunchesOfThatTypeThereOnly() {
        Memory backend = new Memory();
        Faults faults = Faults.create(FaultPlan.parse("capacity=t3.micro@us-east-1a"), 1, clock);
        ComputeProvider provider = faults.wrap(backend);

        AltoException refused = catchThrowableOfType(AltoException.class,
                () -> provider.launch(launch("t3.micro", "us-east-1a")));
        assertThat(refused.code()).isEqualTo(ErrorCode.INSUFFICIENT_CAPACITY);
        assertThat(refused.providerCode()).isEqualTo("InsufficientInstanceCapacity");
        assertThat(refused).hasMessageContaining("t3.micro").hasMessageContaining("us-east-1a");
        assertThatThrownBy(() -> provider.launch(LaunchSpec.builder().image("ami-0123456789abcdef0")
                .instanceType("t3.micro").subnetId("subnet-0a").build()))
                .as("a subnet in the short zone places the launch there")
                .isInstanceOf(InjectedFault.class);

        provider.launch(launch("t3.micro", "us-east-1b"));
        provider.launch(launch("t3.small", "us-east-1a"));
        provider.launch(launch("t3.micro", null));
        provider.launch(LaunchSpec.builder().image("ami-0123456789abcdef0").instanceType("t3.micro")
                .subnetId("subnet-0b").build());
        assertThat(backend.launchedIn).containsExactly("us-east-1b", "us-east-1a", null, null);
        assertThat(faults.injected().get(FaultKind.CAPACITY)).isEqualTo(2);
    }

    @Test
    void aShortRegionRefusesEveryLaunchOfThatTypeInIt() {
        ComputeProvider provider = Faults.create(FaultPlan.parse("capacity=t3.micro@us-east-1"), 1, clock)
                .wrap(new Memory());

        assertThatThrownBy(() -> provider.launch(launch("t3.micro", null)))
                .isInstanceOfSatisfying(AltoException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INSUFFICIENT_CAPACITY))
                .hasMessageContaining("the region us-east-1");
        assertThatThrownBy(() -> provider.launch(launch("t3.micro", "us-east-1c")))
                .isInstanceOf(InjectedFault.class);
    }

    @Test
    void aRegionOverQuotaRefusesEveryLaunchThereAsInstanceLimitExceeded() {
        Memory backend = new Memory();
        Faults faults = Faults.create(FaultPlan.parse("quota=us-east-1"), 1, clock);
        ComputeProvider provider = faults.wrap(backend);

        for (String type : List.of("t3.micro", "m5.large")) {
            AltoException refused = catchThrowableOfType(AltoException.class,
                    () -> provider.launch(launch(type, "us-east-1b")));
            assertThat(refused).isInstanceOfSatisfying(InjectedFault.class,
                    e -> assertThat(e.kind()).isEqualTo(FaultKind.QUOTA));
            assertThat(refused.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
            assertThat(refused.providerCode()).isEqualTo("InstanceLimitExceeded");
            assertThat(refused).hasMessageContaining("us-east-1").hasMessageContaining("quota=us-east-1");
        }
        assertThat(backend.launchedIn).as("a refused launch made nothing").isEmpty();
        assertThat(faults.injected().get(FaultKind.QUOTA)).isEqualTo(2);
        assertThat(provider.instances(InstanceQuery.all())).as("only launches meet a quota").isEmpty();
    }

    @Test
    void aTypeOverQuotaIsRefusedAsVcpuLimitExceededOnlyInItsRegion() {
        Memory backend = new Memory();
        Faults faults = Faults.create(FaultPlan.parse("quota=t3.micro@us-east-1,quota=t3.micro@us-east-1a"), 1,
                clock);
        ComputeProvider provider = faults.wrap(backend);

        AltoException refused = catchThrowableOfType(AltoException.class,
                () -> provider.launch(launch("t3.micro", null)));
        assertThat(refused.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
        assertThat(refused.providerCode()).isEqualTo("VcpuLimitExceeded");
        assertThat(refused).hasMessageContaining("t3.micro").hasMessageContaining("us-east-1");

        provider.launch(launch("t3.small", "us-east-1a"));
        ComputeProvider elsewhere = faults.wrap(new Memory("us-east-2"));
        elsewhere.launch(launch("t3.micro", "us-east-2a"));
        assertThat(backend.launchedIn).containsExactly("us-east-1a");
        assertThat(faults.injected().get(FaultKind.QUOTA)).isEqualTo(1);
    }

    @Test
    void quotaIsMetBeforeCapacityAsACloudChecksLimitsFirst() {
        ComputeProvider provider = Faults.create(FaultPlan.parse("capacity=t3.micro@us-east-1a,quota=us-east-1"), 1,
                clock).wrap(new Memory());

        assertThatThrownBy(() -> provider.launch(launch("t3.micro", "us-east-1a")))
                .isInstanceOfSatisfying(AltoException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED));
    }

    @Test
    void aNewInstanceIsHiddenFromGetsAndListsUntilEventualHasPassed() {
        Memory backend = new Memory();
        Faults faults = Faults.create(FaultPlan.parse("eventual=2s"), 1, clock);
        ComputeProvider provider = faults.wrap(backend);
        Instance old = provider.launch(launch("t3.micro", "us-east-1a")).get(0);
        clock.advance(Duration.ofSeconds(3));

        Instance made = provider.launch(launch("t3.micro", "us-east-1a")).get(0);

        AltoException missing = catchThrowableOfType(AltoException.class, () -> provider.instance(made.id()));
        assertThat(missing.code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(missing.providerCode()).isEqualTo("InvalidInstanceID.NotFound");
        assertThat(missing).hasMessageContaining(made.id());
        assertThat(provider.instances(InstanceQuery.all())).extracting(Instance::id).containsExactly(old.id());
        assertThat(provider.instances(InstanceQuery.all(), PageRequest.first(10)).items()).extracting(Instance::id)
                .containsExactly(old.id());
        assertThatThrownBy(() -> provider.instances(InstanceQuery.ids(List.of(old.id(), made.id()))))
                .as("a query naming a hidden id fails as one naming an unknown id")
                .isInstanceOfSatisfying(AltoException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        assertThat(provider.consistencyGrace()).isEqualTo(Duration.ofSeconds(2));

        clock.advance(Duration.ofMillis(1999));
        assertThatThrownBy(() -> provider.instance(made.id())).isInstanceOf(InjectedFault.class);
        clock.advance(Duration.ofMillis(1));

        assertThat(provider.instance(made.id()).id()).isEqualTo(made.id());
        assertThat(provider.instances(InstanceQuery.all())).extracting(Instance::id)
                .containsExactly(old.id(), made.id());
    }

    @Test
    void clearingTheFaultsShowsWhatWasHiddenAtOnce() {
        Faults faults = Faults.create(FaultPlan.parse("eventual=1m"), 1, clock);
        ComputeProvider provider = faults.wrap(new Memory());
        Instance made = provider.launch(launch("t3.micro", "us-east-1a")).get(0);
        assertThat(provider.instances(InstanceQuery.all())).isEmpty();

        faults.clear();

        assertThat(provider.instances(InstanceQuery.all())).extracting(Instance::id).containsExactly(made.id());
        assertThat(faults.plan()).isEqualTo(FaultPlan.NONE);
    }

    @Test
    void aNewVolumeIsHiddenFromTheExtensionsListsToo() {
        Faults faults = Faults.create(FaultPlan.parse("eventual=2s"), 1, clock);
        Volumes volumes = faults.wrap(new Memory()).extension(Volumes.class).orElseThrow();

        Volume made = volumes.createVolume(VolumeSpec.of("us-east-1a", 8));

        assertThat(volumes.volumes()).isEmpty();
        assertThat(volumes.volumes(List.of(made.id()))).isEmpty();
        clock.advance(Duration.ofSeconds(2));
        assertThat(volumes.volumes()).extracting(Volume::id).containsExactly(made.id());
    }

    @Test
    void withoutEventualNothingIsRemembered() {
        ComputeProvider provider = Faults.create(FaultPlan.NONE, 1, clock).wrap(new Memory());
        Instance made = provider.launch(launch("t3.micro", "us-east-1a")).get(0);

        assertThat(provider.instance(made.id()).id()).isEqualTo(made.id());
    }
}
