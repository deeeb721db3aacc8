package io.altostratus.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.altostratus.core.ec2.Ec2Networking;
import io.altostratus.core.ext.Snapshots;
import io.altostratus.core.ext.Volumes;
import io.altostratus.core.testing.FakeProvider;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CapabilityTest {
    @Test
    void aCoreOnlyProviderHasOnlyItsTraits() {
        FakeProvider p = new FakeProvider() {
            @Override
            public Set<Capability> traits() {
                return Set.of(Capability.CLIENT_TOKEN);
            }
        };
        assertThat(Capability.of(p)).containsExactly(Capability.CLIENT_TOKEN);
    }

    @Test
    void extensionsAreFoundOnTheProviderItselfOrOnWhatItHandsOut() {
        Volumes volumes = (Volumes) java.lang.reflect.Proxy.newProxyInstance(Volumes.class.getClassLoader(),
                new Class<?>[] {Volumes.class}, (proxy, method, args) -> {
                    throw new UnsupportedOperationException(method.getName());
                });
        FakeProvider p = new FakeProvider() {
            @Override
            public <T extends Extension> Optional<T> extension(Class<T> type) {
                return type == Volumes.class ? Optional.of(type.cast(volumes)) : super.extension(type);
            }
        };
        assertThat(Capability.of(p)).containsExactly(Capability.VOLUMES);
        assertThat(p.extension(Snapshots.class)).isEmpty();
    }

    @Test
    void anExtensionListedAsATraitIsRefused() {
        FakeProvider p = new FakeProvider() {
            @Override
            public Set<Capability> traits() {
                return Set.of(Capability.VOLUMES);
            }
        };
        assertThatThrownBy(() -> Capability.of(p)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Volumes");
    }

    @Test
    void everyNonTraitNamesAnExtensionInterface() {
        for (Capability c : Capability.values()) {
            if (!c.isTrait()) {
                assertThat(c.extension()).isInterface();
                assertThat(Extension.class).isAssignableFrom(c.extension());
            }
        }
        assertThat(Capability.EC2_NETWORKING.extension()).isEqualTo(Ec2Networking.class);
    }

    /** The bound on the core SPI: everything beyond 40 methods must be an extension. */
    @Test
    void theCoreSpiStaysSmall() {
        long declared = Arrays.stream(ComputeProvider.class.getDeclaredMethods())
                .filter(m -> !Modifier.isStatic(m.getModifiers()) && !m.isSynthetic()).count();
        assertThat(declared).isLessThanOrEqualTo(40);
    }

    /** A decorator built on the forwarding base must not silently run an interface default instead of the delegate. */
    @Test
    void theForwardingBaseOverridesEveryMethodOfTheSpi() throws Exception {
        for (Method m : ComputeProvider.class.getMethods()) {
            if (Modifier.isStatic(m.getModifiers())) {
                continue;
            }
            Method impl = ForwardingComputeProvider.class.getMethod(m.getName(), m.getParameterTypes());
            assertThat(impl.getDeclaringClass()).as(m.getName()).isEqualTo(ForwardingComputeProvider.class);
        }
    }
}
