package io.altostratus.minimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.altostratus.core.ec2.Ec2IdKind;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.spec.DiskSpec;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.core.spi.Capability;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.spi.Providers;
import io.altostratus.core.wait.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** What the contract kit cannot see from outside: ids, registration, settings, and the provider's own refusals. */
class MinimalCloudTest {
    private final ManualClock clock = new ManualClock();
    private final ComputeProvider provider = new MinimalProviderFactory().open(context(Map.of()));

    private ProviderContext context(Map<String, String> settings) {
        return new ProviderContext(null, "111111111111", null, null, settings, clock);
    }

    private LaunchSpec spec(UnaryOperator<LaunchSpec.Builder> customizer) {
        return customizer.apply(LaunchSpec.builder().image("ubuntu:24.04").instanceType("small")).build();
    }

    @Test
    void isFoundOnTheClassPathAndOffersTheCoreWithClientTokensOnly() {
        assertThat(Providers.named("minimal")).isInstanceOf(MinimalProviderFactory.class);
        assertThat(Capability.of(provider)).containsExactly(Capability.CLIENT_TOKEN);
        assertThat(provider.region()).isEqualTo("local-1");
        assertThat(provider.zones()).hasSize(2);
    }

    @Test
    void idsAreTheProvidersOwnNotEc2s() {
        Instance launched = provider.launch(spec(b -> b)).get(0);
        clock.advance(Duration.ofSeconds(2));
        Image image = provider.createImage(launched.id(), "copy", null, Map.of());

        assertThat(launched.id()).matches("vm-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(Ec2IdKind.INSTANCE.isWellFormed(launched.id())).isFalse();
        assertThat(image.id()).startsWith("img-");
        assertThat(Ec2IdKind.IMAGE.isWellFormed(image.id())).isFalse();
        assertThat(launched.details()).as("no provider details").isNull();
        assertThat(launched.rawState()).as("its words are the portable ones").isNull();
    }

    @Test
    void statesSettleByTheClockWithoutAnyThread() {
        Instance launched = provider.launch(spec(b -> b)).get(0);
        assertThat(launched.state()).isEqualTo(InstanceState.PENDING);

        clock.advance(Duration.ofMillis(1499));
        assertThat(provider.instance(launched.id()).state()).isEqualTo(InstanceState.PENDING);
        clock.advance(Duration.ofMillis(1));
        assertThat(provider.instance(launched.id()).state()).isEqualTo(InstanceState.RUNNING);

        provider.stop(List.of(launched.id()), false);
        assertThat(provider.instance(launched.id()).state()).isEqualTo(InstanceState.STOPPING);
        clock.advance(Duration.ofSeconds(2));
        assertThat(provider.instance(launched.id()).state()).isEqualTo(InstanceState.STOPPED);
    }

    @Test
    void terminatedInstancesAreListedForAnHourThenGone() {
        ComputeProvider instant = new MinimalProviderFactory().open(context(Map.of("transition_ms", "0")));
        String id = instant.launch(spec(b -> b)).get(0).id();
        instant.terminate(List.of(id));

        clock.advance(Duration.ofMinutes(59));
        assertThat(instant.instance(id).state()).isEqualTo(InstanceState.TERMINATED);
        clock.advance(Duration.ofMinutes(1));
        assertThatThrownBy(() -> instant.instance(id)).isInstanceOf(AltoException.class)
                .extracting(e -> ((AltoException) e).code()).isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void launchOptionsThisCloudLacksAreRefusedByTheProviderItself() {
        List<UnaryOperator<LaunchSpec.Builder>> lacking = List.of(
                b -> b.keyName("mine"),
                b -> b.subnetId("subnet-1"),
                b -> b.securityGroupId("sg-1"),
                b -> b.disk(DiskSpec.of(10)),
                b -> b.rootVolumeSizeGiB(20),
                b -> b.userData("#cloud-config\n"),
                b -> b.disableApiTermination(true));

        for (UnaryOperator<LaunchSpec.Builder> ask : lacking) {
            assertThatThrownBy(() -> provider.launch(spec(ask))).isInstanceOf(AltoException.class)
                    .extracting(e -> ((AltoException) e).code()).isEqualTo(ErrorCode.UNSUPPORTED);
        }
        assertThatThrownBy(() -> provider.stop(List.of("vm-00000000-0000-4000-8000-000000000000"), true))
                .extracting(e -> ((AltoException) e).code()).isEqualTo(ErrorCode.UNSUPPORTED);
        assertThat(provider.instances(io.altostratus.core.query.InstanceQuery.all())).isEmpty();
    }

    @Test
    void publicImagesCannotBeDeletedOrTagged() {
        assertThatThrownBy(() -> provider.deleteImage("img-ubuntu-2404", false))
                .extracting(e -> ((AltoException) e).code()).isEqualTo(ErrorCode.AUTH_FAILURE);
        assertThatThrownBy(() -> provider.tag("img-debian-12", Map.of("k", "v")))
                .extracting(e -> ((AltoException) e).code()).isEqualTo(ErrorCode.AUTH_FAILURE);
    }

    @Test
    void anUnknownRegionOrABadSettingFailsAtOpen() {
        MinimalProviderFactory factory = new MinimalProviderFactory();
        assertThatThrownBy(() -> factory.open(context(Map.of()).withRegion("us-east-1")))
                .extracting(e -> ((AltoException) e).code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
        assertThatThrownBy(() -> factory.open(context(Map.of("transition_ms", "soon"))))
                .extracting(e -> ((AltoException) e).code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
    }
}
