package io.altostratus.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.altostratus.core.Cloud;
import io.altostratus.core.ec2.Ec2Networking;
import io.altostratus.core.ec2.ElasticAddresses;
import io.altostratus.core.ec2.SpotRequests;
import io.altostratus.core.ext.ConsoleOutput;
import io.altostratus.core.ext.KeyPairs;
import io.altostratus.core.ext.NetworkInterfaces;
import io.altostratus.core.ext.Networks;
import io.altostratus.core.ext.SecurityGroups;
import io.altostratus.core.ext.Snapshots;
import io.altostratus.core.ext.Volumes;
import io.altostratus.core.spi.Capability;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.Extension;
import io.altostratus.testkit.ProviderFixture.Account;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Capabilities are derived, never declared by hand: a provider has exactly the traits it lists and one capability per
 * extension it hands out, the same in every session, and every extension it offers answers. (What happens when an
 * extension is not offered is {@link UnsupportedContract}'s part.)
 */
public interface CapabilityContract extends ProviderContract {

    @Test
    default void capabilitiesAreTheListedTraitsPlusOnePerOfferedExtension(ContractSession s) {
        Cloud cloud = s.cloud();
        ComputeProvider provider = cloud.provider();
        Set<Capability> traits = provider.traits();

        assertThat(traits).as("traits() lists only traits")
                .allSatisfy(t -> assertThat(t.isTrait()).as("%s", t).isTrue());
        SoftAssertions soft = new SoftAssertions();
        for (Capability c : Capability.values()) {
            if (c.isTrait()) {
                soft.assertThat(cloud.supports(c)).as("trait %s follows traits()", c).isEqualTo(traits.contains(c));
                continue;
            }
            Optional<? extends Extension> offered = provider.extension(c.extension());
            soft.assertThat(cloud.supports(c)).as("%s follows extension(%s)", c, c.extension().getSimpleName())
                    .isEqualTo(offered.isPresent());
            offered.ifPresent(e -> soft.assertThat(e).as("extension(%s)", c.extension().getSimpleName())
                    .isInstanceOf(c.extension()));
            soft.assertThat(cloud.extension(c.extension()).isPresent()).as("Cloud.extension(%s)",
                    c.extension().getSimpleName()).isEqualTo(offered.isPresent());
        }
        soft.assertAll();
        assertThat(Capability.of(provider)).as("derived again").isEqualTo(cloud.capabilities());
        assertThat(s.open(Account.A).capabilities()).as("another session's").isEqualTo(cloud.capabilities());
    }

    @Test
    default void offeredExtensionsAnswerTheirListings(ContractSession s) {
        Cloud c = s.cloud();
        Map<Class<? extends Extension>, ThrowingCallable> listings = new LinkedHashMap<>();
        listings.put(KeyPairs.class, () -> c.require(KeyPairs.class).keyPairs());
        listings.put(Networks.class, () -> {
            c.require(Networks.class).networks();
            c.require(Networks.class).subnets();
        });
        listings.put(SecurityGroups.class, () -> c.require(SecurityGroups.class).securityGroups());
        listings.put(Volumes.class, () -> c.require(Volumes.class).volumes());
        listings.put(Snapshots.class, () -> c.require(Snapshots.class).snapshots());
        listings.put(NetworkInterfaces.class, () -> c.require(NetworkInterfaces.class).networkInterfaces());
        listings.put(Ec2Networking.class, () -> {
            Ec2Networking ec2 = c.require(Ec2Networking.class);
            ec2.internetGateways();
            ec2.routeTables();
            ec2.networkAcls();
            ec2.securityGroupRules(List.of());
        });
        listings.put(ElasticAddresses.class, () -> c.require(ElasticAddresses.class).addresses());
        listings.put(SpotRequests.class, () -> c.require(SpotRequests.class).spotRequests(List.of()));
        listings.put(ConsoleOutput.class, () -> assertThat(c.require(ConsoleOutput.class)
                .consoleOutput(s.launchRunning("console").id())).as("console output").isNotNull());
        listings.keySet().removeIf(type -> c.extension(type).isEmpty());
        assumeFalse(listings.isEmpty(), "the provider offers no extension with a listing");

        SoftAssertions soft = new SoftAssertions();
        listings.forEach((type, call) -> {
            Throwable thrown = catchThrowable(call);
            soft.assertThat(thrown).as("offered %s: %s", type.getSimpleName(), thrown).isNull();
        });
        soft.assertAll();
    }
}
