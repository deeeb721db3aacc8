package io.altostratus.local;

import static io.altostratus.local.TestClouds.interfaces;
import static io.altostratus.local.TestClouds.volumes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.altostratus.catalog.Catalogs;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.query.InstanceQuery;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.core.spec.SpotOptions;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Client tokens, the instance quota, placement across zones, and type checks. */
class LaunchRulesTest {

    private static LaunchSpec.Builder spec() {
        return LaunchSpec.builder().image("ubuntu:24.04").instanceType("t3.micro");
    }

    private static AltoException error(ThrowingCallable call) {
        return catchThrowableOfType(AltoException.class, call);
    }

    @Test
    void aReusedClientTokenReturnsTheFirstLaunchAndADifferentSpecWithItIsAMismatch() {
        try (TestClouds clouds = new TestClouds(); LocalCloud cloud = clouds.open();
             LocalCloud other = clouds.open(TestClouds.OTHER_ACCOUNT, "us-east-1")) {
            List<Instance> first = cloud.launch(spec().count(2).clientToken("tok-1").build());
            List<Instance> again = cloud.launch(spec().count(2).clientToken("tok-1").build());

            assertThat(again).extracting(Instance::id).containsExactlyElementsOf(first.stream().map(Instance::id).toList());
            assertThat(cloud.instances(InstanceQuery.all())).hasSize(2);
            assertThat(first).allSatisfy(i -> assertThat(i.clientToken()).isEqualTo("tok-1"));

            AltoException mismatch = error(() -> cloud.launch(spec().count(3).clientToken("tok-1").build()));
            assertThat(mismatch.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
            assertThat(mismatch.providerCode()).isEqualTo("IdempotentParameterMismatch");

            // Tokens are per account: another account's launch with the same token is its own.
            assertThat(other.launch(spec().count(2).clientToken("tok-1").build())).extracting(Instance::id)
                    .doesNotContainAnyElementsOf(first.stream().map(Instance::id).toList());
        }
    }

    @Test
    void volumeAndInterfaceTagsAreWrittenWithTheLaunchAndBadOnesLaunchNothing() {
        try (TestClouds clouds = new TestClouds(); LocalCloud cloud = clouds.open()) {
            Instance made = cloud.launch(spec().tag("team", "qa").disk(io.altostratus.core.spec.DiskSpec.of(8))
                    .volumeTags(java.util.Map.of("backup", "daily"))
                    .interfaceTags(java.util.Map.of("net", "blue")).build()).get(0);

            assertThat(made.blockDevices()).hasSize(2);
            assertThat(volumes(cloud).volumes(made.blockDevices().stream().map(d -> d.volumeId()).toList()))
                    .hasSize(2).allSatisfy(v -> assertThat(v.tags()).isEqualTo(java.util.Map.of("backup", "daily")));
            assertThat(interfaces(cloud).networkInterfaces(made.networkInterfaceIds())).singleElement()
                    .satisfies(eni -> assertThat(eni.tags()).isEqualTo(java.util.Map.of("net", "blue")));
            assertThat(made.tags()).isEqualTo(java.util.Map.of("team", "qa"));

            int volumesBefore = volumes(cloud).volumes().size();
            AltoException reserved = error(() -> cloud.launch(spec()
                    .volumeTags(java.util.Map.of("aws:reserved", "x")).build()));
            assertThat(reserved.providerCode()).isEqualTo("InvalidParameterValue");
            assertThat(cloud.instances(InstanceQuery.all())).hasSize(1);
            assertThat(volumes(cloud).volumes()).hasSize(volumesBefore);

            // The same client token with other volume tags is another launch, not a retry.
            cloud.launch(spec().clientToken("tok-v").volumeTags(java.util.Map.of("a", "1")).build());
            assertThat(error(() -> cloud.launch(spec().clientToken("tok-v").volumeTags(java.util.Map.of("a", "2"))
                    .build())).providerCode()).isEqualTo("IdempotentParameterMismatch");
        }
    }

    @Test
    void theQuotaMakesWhatFitsWhenThatIsAtLeastMinCountAndOtherwiseNothing() {
        try (TestClouds clouds = new TestClouds().setting("max_instances", "5"); LocalCloud cloud = clouds.open()) {
            assertThat(cloud.launch(spec().count(3).build())).hasSize(3);

            assertThat(cloud.launch(spec().count(4).minCount(2).build())).as("what fits of 4").hasSize(2);

            AltoException full = error(() -> cloud.launch(spec().build()));
            assertThat(full.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
            assertThat(full.providerCode()).isEqualTo("InstanceLimitExceeded");
            assertThat(cloud.instances(InstanceQuery.all())).hasSize(5);

            cloud.terminate(List.of(cloud.instances(InstanceQuery.all()).get(0).id()));
            assertThat(cloud.launch(spec().count(3).minCount(1).build())).as("a terminated one frees a place").hasSize(1);
        }
    }

    @Test
    void launchesSpreadOverZonesUnlessAZoneOrSubnetIsGiven() {
        try (TestClouds clouds = new TestClouds(); LocalCloud cloud = clouds.open()) {
            List<Instance> spread = cloud.launch(spec().count(6).build());
            assertThat(spread.stream().map(Instance::zone).distinct().count()).as("zones used by 6 instances")
                    .isGreaterThanOrEqualTo(5);

            List<Instance> pinned = cloud.launch(spec().count(3).zone("us-east-1c").build());
            assertThat(pinned).extracting(Instance::zone).containsOnly("us-east-1c");

            assertThat(error(() -> cloud.launch(spec().zone("us-west-2a").build())).providerCode())
                    .isEqualTo("InvalidParameterValue");
            assertThat(error(() -> cloud.launch(spec().subnetId(pinned.get(0).subnetId()).zone("us-east-1a").build()))
                    .code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
        }
    }

    @Test
    void typesMustBeOfferedAndMatchTheImageArchitecture() {
        try (TestClouds clouds = new TestClouds(); LocalCloud cloud = clouds.open()) {
            assertThat(error(() -> cloud.launch(spec().instanceType("zz9.plural").build())).providerCode())
                    .isEqualTo("InvalidParameterValue");
            assertThat(error(() -> cloud.launch(spec().instanceType("t4g.micro").build())).providerCode())
                    .as("an arm64 type for an x86_64 image").isEqualTo("InvalidParameterValue");
            assertThat(cloud.launch(spec().image("ubuntu:24.04/arm64").instanceType("t4g.micro").build()).get(0)
                    .architecture().wireName()).isEqualTo("arm64");
            assertThat(cloud.launch(spec().spot(SpotOptions.oneTime()).build()).get(0).spot())
                    .as("spot is offered (SpotTest covers its rules)").isTrue();

            // Some zones lack some of the region's types (in AWS's data, us-east-1e has no t3): such a launch is refused.
            String[] gap = cloud.zones().stream().flatMap(z -> {
                Set<String> offered = Catalogs.aws().typesOfferedInZone(z.name());
                return cloud.instanceTypes().stream().map(InstanceType::name)
                        .filter(t -> !offered.isEmpty() && !offered.contains(t))
                        .map(t -> new String[] {z.name(), t});
            }).findFirst().orElseThrow(() -> new AssertionError("the catalog has no zone lacking a type"));
            Instance any = cloud.launch(spec().build()).get(0);
            String image = cloud.instanceTypes().stream().filter(t -> t.name().equals(gap[1])).findFirst().orElseThrow()
                    .supports(any.architecture()) ? "ubuntu:24.04" : "ubuntu:24.04/arm64";
            AltoException unsupported = error(() -> cloud.launch(spec().image(image).instanceType(gap[1]).zone(gap[0])
                    .build()));
            assertThat(unsupported.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
            assertThat(unsupported.providerCode()).as("%s in %s", gap[1], gap[0]).isEqualTo("Unsupported");
        }
    }

    @Test
    void launchByMinimumSizePicksTheCheapestTypeThatFitsTheImage() {
        try (TestClouds clouds = new TestClouds(); LocalCloud cloud = clouds.open()) {
            Instance made = cloud.launch(LaunchSpec.builder().image("ubuntu:24.04").minVcpus(4).minMemoryMiB(16384)
                    .build()).get(0);

            InstanceType cheapest = cloud.instanceTypes().stream()
                    .filter(t -> t.vcpus() >= 4 && t.memoryMiB() >= 16384 && t.supports(made.architecture()))
                    .filter(t -> t.pricePerHour() != null)
                    .min(Comparator.comparing(InstanceType::pricePerHour))
                    .orElseThrow();
            InstanceType chosen = cloud.instanceTypes().stream().filter(t -> t.name().equals(made.instanceType()))
                    .findFirst().orElseThrow();
            assertThat(chosen.vcpus()).isGreaterThanOrEqualTo(4);
            assertThat(chosen.memoryMiB()).isGreaterThanOrEqualTo(16384);
            assertThat(chosen.pricePerHour()).isEqualTo(cheapest.pricePerHour());
        }
    }
}
