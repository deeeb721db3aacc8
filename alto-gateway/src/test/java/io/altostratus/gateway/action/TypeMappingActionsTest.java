package io.altostratus.gateway.action;

import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.catalog.Catalogs;
import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.Image;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.gateway.identity.InstanceTypeMap;
import io.altostratus.gateway.identity.TypeMapping;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Collections;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceAttributeName;
import software.amazon.awssdk.services.ec2.model.InstanceTypeInfo;
import software.amazon.awssdk.services.ec2.model.InstanceTypeOffering;
import software.amazon.awssdk.services.ec2.model.LocationType;
import software.amazon.awssdk.services.ec2.model.Reservation;

/**
 * The gateway over a backend decorated with a type map, as {@code alto serve --map-type t3.micro=t3.small} runs it:
 * EC2 clients launch and see {@code t3.micro} while the backend holds a {@code t3.small}. No handler knows about the
 * map; this proves that the decorator alone is enough on the wire.
 */
class TypeMappingActionsTest {
    private static final InstanceTypeMap MAP = InstanceTypeMap.of(Map.of("t3.micro", "t3.small"));
    private static final String AMI = Catalogs.aws().images("us-east-1").stream()
            .filter(i -> i.architecture() == Architecture.X86_64 && Image.AVAILABLE.equals(i.state()))
            .findFirst().orElseThrow().id();

    /** Each decorated session's own provider, so the test can ask the backend what it really holds. */
    private final Map<ComputeProvider, ComputeProvider> undecorated =
            Collections.synchronizedMap(new IdentityHashMap<>());

    @RegisterExtension
    final GatewayHarness gw = new GatewayHarness(provider -> {
        ComputeProvider mapped = TypeMapping.wrap(provider, MAP);
        undecorated.put(mapped, provider);
        return mapped;
    });

    private ComputeProvider backend() {
        return undecorated.get(gw.cloud().provider());
    }

    private String run(String type) {
        return gw.client().runInstances(r -> r.imageId(AMI).instanceType(type).minCount(1).maxCount(1))
                .instances().get(0).instanceId();
    }

    private Instance describe(String id) {
        return gw.client().describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0);
    }

    @Test
    void runInstancesWithAMappedTypeMakesTheBackendSizeWhileTheClientSeesItsOwnName() {
        Instance launched = gw.client().runInstances(r -> r.imageId(AMI).instanceType("t3.micro").minCount(1)
                .maxCount(1)).instances().get(0);

        assertThat(launched.instanceTypeAsString()).isEqualTo("t3.micro");
        assertThat(describe(launched.instanceId()).instanceTypeAsString()).isEqualTo("t3.micro");
        assertThat(backend().instance(launched.instanceId()).instanceType()).isEqualTo("t3.small");
    }

    @Test
    void theInstanceTypeFilterMatchesTheEc2Name() {
        String id = run("t3.micro");

        List<Reservation> byEc2Name = gw.client().describeInstances(r -> r.filters(
                Filter.builder().name("instance-type").values("t3.micro").build())).reservations();
        List<Reservation> byBackendSize = gw.client().describeInstances(r -> r.filters(
                Filter.builder().name("instance-type").values("t3.small").build())).reservations();

        assertThat(byEc2Name).flatExtracting(Reservation::instances).extracting(Instance::instanceId).containsExactly(id);
        assertThat(byBackendSize).isEmpty();
    }

    @Test
    void describeInstanceTypesShowsTheMappedNameWithTheBackendSizesFigures() {
        List<InstanceTypeInfo> types = gw.client().describeInstanceTypes(r -> r.instanceTypesWithStrings("t3.micro"))
                .instanceTypes();
        long backendMemory = backend().instanceTypes().stream().filter(t -> t.name().equals("t3.small"))
                .findFirst().orElseThrow().memoryMiB();

        assertThat(types).singleElement().satisfies(t -> {
            assertThat(t.instanceTypeAsString()).isEqualTo("t3.micro");
            assertThat(t.memoryInfo().sizeInMiB()).isEqualTo(backendMemory);
        });
        // t3.small is listed under t3.micro only: a client asking for it by name finds nothing to launch.
        assertThat(gw.client().describeInstanceTypes(r -> r.filters(Filter.builder().name("instance-type")
                .values("t3.small").build())).instanceTypes()).isEmpty();
    }

    @Test
    void offeringsUseTheEc2Name() {
        List<InstanceTypeOffering> offerings = gw.client().describeInstanceTypeOfferings(r -> r
                .locationType(LocationType.AVAILABILITY_ZONE)
                .filters(Filter.builder().name("instance-type").values("t3.micro", "t3.small").build()))
                .instanceTypeOfferings();

        assertThat(offerings).isNotEmpty();
        assertThat(offerings).extracting(InstanceTypeOffering::instanceTypeAsString).containsOnly("t3.micro");
    }

    @Test
    void modifyInstanceAttributeToAMappedTypeChangesTheBackendSize() {
        String id = run("c5.large");
        gw.client().stopInstances(r -> r.instanceIds(id));

        gw.client().modifyInstanceAttribute(r -> r.instanceId(id).instanceType(v -> v.value("t3.micro")));

        assertThat(backend().instance(id).instanceType()).isEqualTo("t3.small");
        assertThat(describe(id).instanceTypeAsString()).isEqualTo("t3.micro");
        assertThat(gw.client().describeInstanceAttribute(r -> r.instanceId(id)
                .attribute(InstanceAttributeName.INSTANCE_TYPE)).instanceType().value()).isEqualTo("t3.micro");
    }
}
