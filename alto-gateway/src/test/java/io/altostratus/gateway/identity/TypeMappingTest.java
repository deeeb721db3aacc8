package io.altostratus.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.altostratus.core.ec2.Ec2InstanceAttributes;
import io.altostratus.core.ec2.InstanceAttributes;
import io.altostratus.core.ec2.InstanceChange;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.error.PartialLaunchException;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.model.Region;
import io.altostratus.core.model.StateChange;
import io.altostratus.core.model.Zone;
import io.altostratus.core.query.ImageQuery;
import io.altostratus.core.query.ImageRef;
import io.altostratus.core.query.InstanceQuery;
import io.altostratus.core.query.Page;
import io.altostratus.core.query.PageRequest;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.core.spi.Capability;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.Scope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The decorator over a provider with non-EC2 size names. The local-cloud tests in alto-gateway cover the real
 * launch and modify paths; this one covers what the local cloud cannot be made to do (partial launches, a backend
 * that cannot list types) and per-zone offerings of a backend that overrides them.
 */
class TypeMappingTest {
    private static final InstanceTypeMap MAP = InstanceTypeMap.parse("""
            t3.micro = small
            t3.nano = small
            t3.large = large
            """, "test.map");

    private static InstanceType size(String name, int vcpus) {
        return new InstanceType(name, vcpus, vcpus * 1024L, 0, null, List.of(), null, false, true, null, 0);
    }

    /** A Proxmox-like backend: sizes small/large/xl; launches fail after the first instance when asked for two. */
    private static final class Sizes implements ComputeProvider, Ec2InstanceAttributes {
        final List<LaunchSpec> launches = new ArrayList<>();
        final List<InstanceChange> changes = new ArrayList<>();

        @Override
        public InstanceAttributes instanceAttributes(String instanceId) {
            return new InstanceAttributes(instanceId, "small", false, null);
        }

        @Override
        public String userData(String instanceId) {
            return null;
        }

        @Override
        public InstanceAttributes modifyInstance(String instanceId, InstanceChange change) {
            changes.add(change);
            return new InstanceAttributes(instanceId, change.instanceType(), false, null);
        }

        boolean listsTypes = true;

        @Override public String name() { return "sizes"; }
        @Override public String region() { return "r1"; }
        @Override public Optional<Scope> scope() { return Optional.empty(); }
        @Override public Set<Capability> traits() { return Set.of(); }
        @Override public Duration consistencyGrace() { return Duration.ZERO; }
        @Override public void close() { }
        @Override public Image createImage(String id, String name, String description, Map<String, String> tags) { return null; }
        @Override public void deleteImage(String imageId, boolean deleteSnapshots) { }
        @Override public void tag(String resourceId, Map<String, String> tags) { }
        @Override public void untag(String resourceId, Collection<String> keys) { }
        @Override public Page<Instance> instances(InstanceQuery query, PageRequest page) {
            return Page.of(instances(query), page, Instance::id);
        }
        @Override public List<Region> regions() { return List.of(); }
        @Override public List<Zone> zones() { return List.of(); }
        @Override public List<StateChange> start(Collection<String> ids) { return List.of(); }
        @Override public List<StateChange> stop(Collection<String> ids, boolean force) { return List.of(); }
        @Override public void reboot(Collection<String> ids) { }
        @Override public List<StateChange> terminate(Collection<String> ids) { return List.of(); }
        @Override public List<Image> images(ImageQuery query) { return List.of(); }
        @Override public Image resolveImage(ImageRef ref) { return null; }
        @Override public List<Instance> instances(InstanceQuery query) { return List.of(instance("i-1", "small")); }
        @Override public Instance instance(String id) { return instance(id, "xl"); }

        @Override
        public List<InstanceType> instanceTypes() {
            if (!listsTypes) {
                throw AltoException.unsupported(name(), "listing sizes");
            }
            return List.of(size("small", 1), size("large", 2), size("xl", 4));
        }

        @Override
        public Map<String, Set<String>> instanceTypeOfferingsByZone() {
            Map<String, Set<String>> out = new LinkedHashMap<>();
            out.put("z1", Set.of("small"));
            out.put("z2", Set.of("large", "xl"));
            return out;
        }

        @Override
        public List<Instance> launch(LaunchSpec spec) {
            launches.add(spec);
            if (spec.count() > 1) {
                throw new PartialLaunchException(spec.count(), List.of(instance("i-1", spec.instanceType())),
                        new AltoException(ErrorCode.INSUFFICIENT_CAPACITY, "InsufficientInstanceCapacity", "full"));
            }
            return List.of(instance("i-1", spec.instanceType()));
        }

        private static Instance instance(String id, String size) {
            return Instance.builder().id(id).state(InstanceState.PENDING).instanceType(size).build();
        }
    }

    @Test
    void aPartialLaunchCarriesItsInstancesUnderTheEc2Name() {
        Sizes backend = new Sizes();
        ComputeProvider mapped = TypeMapping.wrap(backend, MAP);

        PartialLaunchException e = catchThrowableOfType(PartialLaunchException.class, () -> mapped.launch(
                LaunchSpec.builder().image("img-1").instanceType("t3.nano").count(2).build()));

        assertThat(backend.launches).extracting(LaunchSpec::instanceType).containsExactly("small");
        // t3.micro, not t3.nano: both map to small and t3.micro comes first in the map.
        assertThat(e.launched()).extracting(Instance::instanceType).containsExactly("t3.micro");
        assertThat(e.requested()).isEqualTo(2);
        assertThat(e.code()).isEqualTo(ErrorCode.INSUFFICIENT_CAPACITY);
        assertThat(e.providerCode()).isEqualTo("InsufficientInstanceCapacity");
    }

    @Test
    void typesAndOfferingsAreListedUnderEc2NamesAndUnmappedSizesAsThemselves() {
        ComputeProvider mapped = TypeMapping.wrap(new Sizes(), MAP);

        assertThat(mapped.instanceTypes()).extracting(InstanceType::name)
                .containsExactly("t3.micro", "t3.nano", "t3.large", "xl");
        assertThat(mapped.instanceTypes()).filteredOn(t -> t.name().equals("t3.large"))
                .extracting(InstanceType::vcpus).containsExactly(2);
        assertThat(mapped.instanceTypeOfferingsByZone()).containsOnlyKeys("z1", "z2");
        assertThat(mapped.instanceTypeOfferingsByZone().get("z1")).containsExactlyInAnyOrder("t3.micro", "t3.nano");
        assertThat(mapped.instanceTypeOfferingsByZone().get("z2")).containsExactlyInAnyOrder("t3.large", "xl");
    }

    @Test
    void readsOfSingleInstancesAndListsReportEc2Names() {
        ComputeProvider mapped = TypeMapping.wrap(new Sizes(), MAP);

        assertThat(mapped.instances(InstanceQuery.all())).extracting(Instance::instanceType).containsExactly("t3.micro");
        assertThat(mapped.instance("i-9").instanceType()).isEqualTo("xl");
    }

    @Test
    void pagesAndInstanceAttributesSpeakEc2NamesAndTypeChangesReachTheBackendInItsSizes() {
        Sizes backend = new Sizes();
        ComputeProvider mapped = TypeMapping.wrap(backend, MAP);

        assertThat(mapped.instances(InstanceQuery.all(), PageRequest.first(10)).items())
                .extracting(Instance::instanceType).containsExactly("t3.micro");
        Ec2InstanceAttributes attributes = mapped.extension(Ec2InstanceAttributes.class).orElseThrow();
        assertThat(attributes.instanceAttributes("i-1").instanceType()).isEqualTo("t3.micro");
        assertThat(attributes.modifyInstance("i-1", InstanceChange.instanceType("t3.large")).instanceType())
                .isEqualTo("t3.large");
        assertThat(backend.changes).extracting(InstanceChange::instanceType).containsExactly("large");
    }

    @Test
    void theStartupCheckRefusesUnknownSizesAndLetsThroughABackendThatCannotList() {
        Sizes backend = new Sizes();
        InstanceTypeMap typo = InstanceTypeMap.parse("t3.micro = smal\n", "types.map");

        TypeMapping.requireSizesOf(backend, MAP);
        Throwable refused = catchThrowable(() -> TypeMapping.requireSizesOf(backend, typo));
        backend.listsTypes = false;
        TypeMapping.requireSizesOf(backend, typo);

        assertThat(refused).isInstanceOf(AltoException.class).hasMessageContaining("'smal'")
                .hasMessageContaining("types.map line 1").hasMessageContaining("'sizes'");
    }

    @Test
    void anEmptyMapDecoratesNothing() {
        Sizes backend = new Sizes();

        assertThat(TypeMapping.wrap(backend, InstanceTypeMap.empty())).isSameAs(backend);
        assertThat(TypeMapping.decorator(InstanceTypeMap.empty()).apply(backend)).isSameAs(backend);
        assertThat(TypeMapping.decorator(MAP).apply(backend)).isNotSameAs(backend);
    }
}
