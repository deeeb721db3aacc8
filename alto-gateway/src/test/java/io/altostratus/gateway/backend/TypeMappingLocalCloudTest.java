package io.altostratus.gateway.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.altostratus.catalog.Catalogs;
import io.altostratus.core.Cloud;
import io.altostratus.core.ec2.Ec2InstanceAttributes;
import io.altostratus.core.ec2.InstanceChange;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.query.InstanceQuery;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.wait.InstanceCondition;
import io.altostratus.gateway.identity.InstanceTypeMap;
import io.altostratus.gateway.identity.TypeMapping;
import io.altostratus.local.LocalProviderFactory;
import io.altostratus.store.StateStore;
import io.altostratus.store.StateStores;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link TypeMapping} over the in-memory local cloud, whose sizes are EC2's: the map sends EC2 names to other local
 * sizes, so the test can tell by the backend's own answer which size it really launched.
 */
class TypeMappingLocalCloudTest {
    /** t3.micro and t3.nano share t3.small (t3.micro, first, is what reads report); t3.large gets an m5.xlarge. */
    private static final InstanceTypeMap MAP = InstanceTypeMap.parse("""
            t3.micro = t3.small
            t3.nano = t3.small
            t3.large = m5.xlarge
            """, "test.map");

    private StateStore store;
    private ComputeProvider backend;
    private ComputeProvider mapped;

    @BeforeEach
    void open() {
        store = StateStores.inMemory();
        backend = LocalProviderFactory.withStore(store, Catalogs.aws()).open(new ProviderContext("us-east-1",
                ProviderContext.DEFAULT_ACCOUNT, null, null, Map.of("transition_ms", "0"), null));
        mapped = TypeMapping.wrap(backend, MAP);
    }

    @AfterEach
    void close() {
        backend.close();
        store.close();
    }

    private Instance launch(String type) {
        return mapped.launch(LaunchSpec.builder().image("ubuntu:24.04").instanceType(type).build()).get(0);
    }

    private InstanceType backendType(String name) {
        return backend.instanceTypes().stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void aMappedLaunchMakesTheBackendSizeAndReportsTheEc2Name() {
        Instance launched = launch("t3.micro");

        assertThat(launched.instanceType()).isEqualTo("t3.micro");
        assertThat(backend.instance(launched.id()).instanceType()).isEqualTo("t3.small");
        assertThat(mapped.instance(launched.id()).instanceType()).isEqualTo("t3.micro");
        assertThat(mapped.instances(InstanceQuery.ids(List.of(launched.id()))))
                .extracting(Instance::instanceType).containsExactly("t3.micro");
    }

    @Test
    void ec2NamesSharingASizeReadBackAsTheFirstOneInTheMap() {
        Instance nano = launch("t3.nano");

        assertThat(backend.instance(nano.id()).instanceType()).isEqualTo("t3.small");
        assertThat(nano.instanceType()).isEqualTo("t3.micro");
    }

    @Test
    void anUnmappedTypePassesThroughBothWays() {
        Instance c5 = launch("c5.large");

        assertThat(c5.instanceType()).isEqualTo("c5.large");
        assertThat(backend.instance(c5.id()).instanceType()).isEqualTo("c5.large");
    }

    @Test
    void theFacadesWaitersSeeTheEc2NameToo() {
        Cloud cloud = new Cloud(mapped);
        Instance launched = cloud.launch(LaunchSpec.builder().image("ubuntu:24.04").instanceType("t3.large").build())
                .get(0);

        Instance running = cloud.waitFor(launched.id(), InstanceCondition.forState(InstanceState.RUNNING),
                Duration.ofSeconds(5));

        assertThat(running.instanceType()).isEqualTo("t3.large");
        assertThat(backend.instance(launched.id()).instanceType()).isEqualTo("m5.xlarge");
    }

    @Test
    void typesAreListedUnderTheEc2NamesThatReachThem() {
        List<InstanceType> types = mapped.instanceTypes();
        List<String> names = types.stream().map(InstanceType::name).toList();
        InstanceType small = backendType("t3.small");
        InstanceType xlarge = backendType("m5.xlarge");

        assertThat(names).contains("t3.micro", "t3.nano", "t3.large", "c5.large")
                // Targets are listed under their EC2 names only, and each EC2 name once.
                .doesNotContain("t3.small", "m5.xlarge")
                .doesNotHaveDuplicates();
        assertThat(types).filteredOn(t -> t.name().equals("t3.micro")).singleElement()
                .satisfies(t -> assertThat(t.memoryMiB()).isEqualTo(small.memoryMiB()));
        assertThat(types).filteredOn(t -> t.name().equals("t3.large")).singleElement()
                .satisfies(t -> assertThat(t.vcpus()).isEqualTo(xlarge.vcpus()))
                .satisfies(t -> assertThat(t.memoryMiB()).isEqualTo(xlarge.memoryMiB()));
        assertThat(small.memoryMiB()).isNotEqualTo(backendType("t3.micro").memoryMiB());
    }

    @Test
    void offeringsPerZoneUseTheEc2Names() {
        Map<String, Set<String>> byZone = mapped.instanceTypeOfferingsByZone();
        Map<String, Set<String>> backendByZone = backend.instanceTypeOfferingsByZone();

        assertThat(byZone.keySet()).isNotEmpty().isEqualTo(backendByZone.keySet());
        assertThat(backendByZone.values()).anySatisfy(offered -> assertThat(offered).contains("t3.small"));
        // Zones differ (older ones lack t3): each zone offers an EC2 name exactly when it offers the size behind it.
        byZone.forEach((zone, offered) -> {
            Set<String> sizes = backendByZone.get(zone);
            assertThat(offered).doesNotContain("t3.small", "m5.xlarge");
            assertThat(offered.contains("t3.micro")).as(zone).isEqualTo(sizes.contains("t3.small"));
            assertThat(offered.contains("t3.nano")).as(zone).isEqualTo(sizes.contains("t3.small"));
            assertThat(offered.contains("t3.large")).as(zone).isEqualTo(sizes.contains("m5.xlarge"));
            assertThat(offered.contains("c5.large")).as(zone).isEqualTo(sizes.contains("c5.large"));
        });
    }

    @Test
    void modifyingTheTypeAsksForTheBackendSizeAndReportsTheEc2Name() {
        Instance launched = launch("c5.large");
        backend.stop(List.of(launched.id()), false);
        new Cloud(mapped).waitFor(launched.id(), InstanceCondition.forState(InstanceState.STOPPED),
                Duration.ofSeconds(5));

        var changed = mapped.extension(Ec2InstanceAttributes.class).orElseThrow()
                .modifyInstance(launched.id(), InstanceChange.instanceType("t3.large"));

        assertThat(changed.instanceType()).isEqualTo("t3.large");
        assertThat(backend.instance(launched.id()).instanceType()).isEqualTo("m5.xlarge");
        assertThat(mapped.extension(Ec2InstanceAttributes.class).orElseThrow()
                .instanceAttributes(launched.id()).instanceType()).isEqualTo("t3.large");
        assertThat(mapped.instance(launched.id()).instanceType()).isEqualTo("t3.large");
    }

    @Test
    void theStartupCheckKnowsTheLocalSizes() {
        TypeMapping.requireSizesOf(backend, MAP);
        InstanceTypeMap typo = InstanceTypeMap.parse("t3.micro = t3.smal\n", "serve.map");

        AltoException e = catchThrowableOfType(AltoException.class, () -> TypeMapping.requireSizesOf(backend, typo));

        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
        assertThat(e.getMessage()).contains("'local'").contains("'t3.smal'").contains("serve.map line 1");
    }
}
