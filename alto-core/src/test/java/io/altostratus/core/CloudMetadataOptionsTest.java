package io.altostratus.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Instance;
import io.altostratus.core.ec2.InstanceMetadataOptions;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.core.ec2.MetadataOptionsChange;
import io.altostratus.core.spi.Capability;
import io.altostratus.core.spi.ComputeProvider;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** The façade takes metadata options only from providers that declare them, and never fakes them. */
class CloudMetadataOptionsTest {
    private static final InstanceMetadataOptions REQUIRED = InstanceMetadataOptions.defaults().withTokensRequired(true);

    /**
     * A provider that answers its identity and capabilities, records launch and modifyMetadataOptions calls, and
     * leaves every other method to the SPI's default (which is what an undeclared optional operation must hit).
     */
    private static ComputeProvider provider(Set<Capability> capabilities, List<String> calls) {
        InvocationHandler handler = (proxy, method, args) -> switch (method.getName()) {
            case "name" -> "fake";
            case "region" -> "r1";
            case "capabilities" -> capabilities;
            case "launch" -> {
                calls.add("launch " + ((LaunchSpec) args[0]).metadataOptions());
                yield List.of(Instance.builder().id("i-1").state(InstanceState.PENDING)
                        .metadataOptions(((LaunchSpec) args[0]).metadataOptions()).build());
            }
            case "modifyMetadataOptions" -> {
                if (!capabilities.contains(Capability.INSTANCE_METADATA_OPTIONS)) {
                    yield InvocationHandler.invokeDefault(proxy, method, args);
                }
                calls.add("modify " + args[0]);
                yield ((MetadataOptionsChange) args[1]).applyTo(InstanceMetadataOptions.defaults());
            }
            default -> method.isDefault() ? InvocationHandler.invokeDefault(proxy, method, args) : null;
        };
        return (ComputeProvider) Proxy.newProxyInstance(ComputeProvider.class.getClassLoader(),
                new Class<?>[] {ComputeProvider.class}, handler);
    }

    private static LaunchSpec.Builder spec() {
        return LaunchSpec.builder().image("ubuntu:24.04").instanceType("t3.micro");
    }

    private static void assertUnsupported(ThrowingCallable call) {
        AltoException e = catchThrowableOfType(AltoException.class, call);
        assertThat(e).as("expected an AltoException").isNotNull();
        assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED);
    }

    @Test
    void withoutTheCapabilityOptionsAreRefusedBeforeTheProviderIsAsked() {
        List<String> calls = new ArrayList<>();
        ComputeProvider provider = provider(Set.of(), calls);
        Cloud cloud = new Cloud(provider);

        assertUnsupported(() -> cloud.launch(spec().metadataOptions(REQUIRED).build()));
        assertUnsupported(() -> cloud.modifyMetadataOptions("i-1", MetadataOptionsChange.tokensRequired(true)));
        assertUnsupported(() -> provider.modifyMetadataOptions("i-1", MetadataOptionsChange.tokensRequired(true)));
        assertThat(calls).as("nothing reached the provider").isEmpty();

        cloud.launch(spec().build());
        assertThat(calls).as("a launch without options still goes through").containsExactly("launch null");
    }

    @Test
    void withTheCapabilityTheFacadePassesOptionsThrough() {
        List<String> calls = new ArrayList<>();
        Cloud cloud = new Cloud(provider(Set.of(Capability.INSTANCE_METADATA_OPTIONS), calls));

        Instance launched = cloud.launch(spec().metadataOptions(REQUIRED).build()).get(0);
        InstanceMetadataOptions changed = cloud.modifyMetadataOptions("i-1", MetadataOptionsChange.hopLimit(5));

        assertThat(launched.metadataOptions()).isEqualTo(REQUIRED);
        assertThat(changed).isEqualTo(InstanceMetadataOptions.defaults().withHopLimit(5));
        assertThat(calls).containsExactly("launch " + REQUIRED, "modify i-1");
    }
}
