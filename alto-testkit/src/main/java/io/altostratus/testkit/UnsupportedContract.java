package io.altostratus.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.altostratus.core.Cloud;
import io.altostratus.core.ec2.InstanceMetadataOptions;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.ext.Networks;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.model.Network;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.core.spec.SpotOptions;
import io.altostratus.core.spi.Capability;
import io.altostratus.core.wait.Conditions;
import io.altostratus.core.wait.InstanceCondition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.assertj.core.api.SoftAssertions;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * What a provider does not offer fails, through {@link Cloud}, with {@code UNSUPPORTED} and changes nothing: an
 * extension it does not hand out, a launch asking for spot capacity, metadata options or tagged volumes and
 * interfaces it does not have, a forced stop without the {@link Capability#FORCE_STOP} trait. This is the path every
 * new provider takes first, so each check runs on its own and is skipped only when the provider offers the thing.
 */
public interface UnsupportedContract extends ProviderContract {

    private static void expectUnsupported(SoftAssertions soft, String what, ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        soft.assertThat(thrown).as("%s without the capability", what).isInstanceOf(AltoException.class);
        if (thrown instanceof AltoException e) {
            soft.assertThat(e.code()).as("%s: %s", what, e.getMessage()).isEqualTo(ErrorCode.UNSUPPORTED);
        }
    }

    @Test
    default void extensionsNotOfferedAreUnsupported(ContractSession s) {
        Cloud c = s.cloud();
        List<Capability> missing = new ArrayList<>();
        for (Capability capability : Capability.values()) {
            if (!capability.isTrait() && !c.supports(capability)) {
                missing.add(capability);
            }
        }
        assumeFalse(missing.isEmpty(), "the provider offers every extension");

        SoftAssertions soft = new SoftAssertions();
        for (Capability capability : missing) {
            soft.assertThat(c.extension(capability.extension())).as("Cloud.extension for %s", capability).isEmpty();
            expectUnsupported(soft, "require(" + capability.extension().getSimpleName() + ")",
                    () -> c.require(capability.extension()));
        }
        Duration moment = Duration.ofSeconds(1);
        if (missing.contains(Capability.NETWORKS) || missing.contains(Capability.SECURITY_GROUPS)) {
            List<String> before = c.extension(Networks.class).map(n -> n.networks().stream().map(Network::id)
                    .toList()).orElse(List.of());
            expectUnsupported(soft, "ensureNetwork", () -> c.ensureNetwork(s.name("net"), "10.99.0.0/16"));
            c.extension(Networks.class).ifPresent(n -> soft.assertThat(n.networks()).as("networks after a refused "
                    + "ensureNetwork").extracting(Network::id).containsExactlyInAnyOrderElementsOf(before));
        }
        // The ids are never looked at: without the extension the wait must fail before it polls.
        if (missing.contains(Capability.VOLUMES)) {
            expectUnsupported(soft, "waitForVolume",
                    () -> c.waitForVolume(s.name("volume"), Conditions.volumeAvailable(), moment));
        }
        if (missing.contains(Capability.SNAPSHOTS)) {
            expectUnsupported(soft, "waitForSnapshot", () -> c.waitForSnapshot(s.name("snapshot"), moment));
        }
        soft.assertAll();
    }

    /** A launch asking for what the provider lacks fails with UNSUPPORTED and leaves no instance of the run. */
    private static void assertLaunchUnsupported(ContractSession s, String what,
                                                UnaryOperator<LaunchSpec.Builder> customizer) {
        SoftAssertions soft = new SoftAssertions();
        expectUnsupported(soft, what, () -> s.launch(b -> customizer.apply(b.name(s.name("refused")))));
        soft.assertAll();
        assertThat(s.listRun()).as("instances left by a refused launch with %s", what).isEmpty();
    }

    @Test
    default void spotLaunchWithoutSpotIsUnsupportedAndLaunchesNothing(ContractSession s) {
        assumeFalse(s.supports(Capability.SPOT) || s.supports(Capability.SPOT_LAUNCH),
                "the provider launches spot capacity");
        assertLaunchUnsupported(s, "spot options", b -> b.spot(SpotOptions.oneTime()));
    }

    @Test
    default void metadataOptionsAtLaunchWithoutTheExtensionAreUnsupportedAndLaunchNothing(ContractSession s) {
        assumeFalse(s.supports(Capability.INSTANCE_METADATA_OPTIONS), "the provider offers INSTANCE_METADATA_OPTIONS");
        assertLaunchUnsupported(s, "metadata options",
                b -> b.metadataOptions(InstanceMetadataOptions.defaults().withTokensRequired(true)));
    }

    @Test
    default void volumeTagsAtLaunchWithoutVolumesAreUnsupportedAndLaunchNothing(ContractSession s) {
        assumeFalse(s.supports(Capability.VOLUMES), "the provider offers VOLUMES");
        assertLaunchUnsupported(s, "volume tags", b -> b.volumeTags(Map.of("role", "data")));
    }

    @Test
    default void interfaceTagsAtLaunchWithoutInterfacesAreUnsupportedAndLaunchNothing(ContractSession s) {
        assumeFalse(s.supports(Capability.NETWORK_INTERFACES), "the provider offers NETWORK_INTERFACES");
        assertLaunchUnsupported(s, "network-interface tags", b -> b.interfaceTags(Map.of("role", "front")));
    }

    @Test
    default void forcedStopWithoutForceStopIsUnsupportedAndStopsNothing(ContractSession s) {
        assumeFalse(s.supports(Capability.FORCE_STOP), "the provider lists the FORCE_STOP trait");
        Instance running = s.launchRunning("unforced");

        SoftAssertions soft = new SoftAssertions();
        expectUnsupported(soft, "a forced stop", () -> s.cloud().stop(List.of(running.id()), true));
        soft.assertAll();

        assertThat(s.cloud().instance(running.id()).state()).as("state after a refused forced stop")
                .isEqualTo(InstanceState.RUNNING);
        s.cloud().stop(List.of(running.id()), false);
        assertThat(s.awaitState(running.id(), InstanceCondition.STOPPED).state())
                .as("an ordinary stop still works").isEqualTo(InstanceState.STOPPED);
    }
}
