package io.altostratus.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Instance;
import io.altostratus.core.query.ImageRef;
import io.altostratus.core.query.InstanceQuery;
import io.altostratus.core.query.Page;
import io.altostratus.core.query.PageRequest;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.core.spi.Capability;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.ForwardingComputeProvider;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.store.StateStore;
import io.altostratus.store.StateStores;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The id-mapping decorator on its own, over the test cloud with {@code vm-} ids and a store in memory. */
class Ec2IdsTest {
    private final VmCloud cloud = new VmCloud();
    private final StateStore store = StateStores.inMemory();
    private final ComputeProvider backend = cloud.open(new ProviderContext("us-east-1",
            ProviderContext.DEFAULT_ACCOUNT, null, null, Map.of(), null));
    private final ComputeProvider mapped = Ec2Ids.wrap(backend, store, ProviderContext.DEFAULT_ACCOUNT);

    @AfterEach
    void close() {
        store.close();
    }

    private List<Instance> launch(int count) {
        return mapped.launch(LaunchSpec.builder().image("debian:12").instanceType("t3.micro").count(count).build());
    }

    @Test
    void pagesCarryEc2IdsAndTheirCursorsComeBackThroughTheMapping() {
        List<String> ids = launch(3).stream().map(Instance::id).toList();

        List<String> seen = new ArrayList<>();
        Page<Instance> page = mapped.instances(InstanceQuery.all(), PageRequest.first(2));
        assertThat(page.items()).hasSize(2);
        assertThat(page.nextCursor()).isEqualTo(page.items().get(1).id()).matches("i-[0-9a-f]{17}");
        page.items().forEach(i -> seen.add(i.id()));
        page = mapped.instances(InstanceQuery.all(), PageRequest.first(2).next(page.nextCursor()));
        page.items().forEach(i -> seen.add(i.id()));
        assertThat(page.nextCursor()).isNull();

        assertThat(seen).containsExactlyInAnyOrderElementsOf(ids);
    }

    @Test
    void everyIdOfAnInstanceIsEc2ShapedAndStable() {
        Instance launched = launch(1).get(0);
        Instance read = mapped.instance(launched.id());

        assertThat(read.id()).isEqualTo(launched.id());
        assertThat(read.imageId()).matches("ami-[0-9a-f]{17}")
                .isEqualTo(mapped.resolveImage(ImageRef.parse("debian:12")).id());
        assertThat(read.vpcId()).matches("vpc-[0-9a-f]{17}");
        assertThat(read.subnetId()).matches("subnet-[0-9a-f]{17}");
        assertThat(mapped.resolveImage(ImageRef.parse(read.imageId())).id()).isEqualTo(read.imageId());
        assertThat(mapped.instances(InstanceQuery.builder().subnetId(read.subnetId()).build()))
                .extracting(Instance::id).containsExactly(read.id());
        assertThat(backend.instances(InstanceQuery.all())).extracting(Instance::id)
                .allMatch(id -> id.startsWith("vm-"));
    }

    @Test
    void unknownEc2IdsAreEc2sNotFoundForTheirKind() {
        AltoException instance = catchThrowableOfType(AltoException.class,
                () -> mapped.tag("i-0123456789abcdef0", Map.of("k", "v")));
        AltoException image = catchThrowableOfType(AltoException.class,
                () -> mapped.resolveImage(ImageRef.parse("ami-0123456789abcdef0")));

        assertThat(instance.code()).isEqualTo(ErrorCode.NOT_FOUND);
        assertThat(instance.providerCode()).isEqualTo("InvalidInstanceID.NotFound");
        assertThat(image.providerCode()).isEqualTo("InvalidAMIID.NotFound");
    }

    @Test
    void providersWithEc2IdsAreNotWrapped() {
        ComputeProvider ec2Shaped = new ForwardingComputeProvider(backend) {
            @Override
            public Set<Capability> traits() {
                return Set.of(Capability.EC2_IDS);
            }
        };

        assertThat(Ec2Ids.wrap(ec2Shaped, store, ProviderContext.DEFAULT_ACCOUNT)).isSameAs(ec2Shaped);
        assertThat(mapped).isNotSameAs(backend);
    }
}
