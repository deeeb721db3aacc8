package io.altostratus.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.altostratus.core.Cloud;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.KeyType;
import io.altostratus.core.model.Tags;
import io.altostratus.core.spec.NetworkSpec;
import io.altostratus.core.spec.SpotOptions;
import io.altostratus.core.spec.VolumeSpec;
import io.altostratus.core.spi.Capability;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assertj.core.api.SoftAssertions;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Capabilities are declared, never faked: every optional operation a provider does not declare fails through
 * {@link Cloud} with {@code UNSUPPORTED}, and every one it declares answers (at least its listing).
 */
public interface CapabilityContract extends ProviderContract {

    /** Calls that each need exactly one capability; ids are missing ones, so a wrongly allowed call does no harm. */
    private static Map<Capability, List<ThrowingCallable>> optionalCalls(ContractSession s) {
        Cloud c = s.cloud();
        String id = s.fixture().missingInstanceId();
        String zone = c.zones().isEmpty() ? "zone" : c.zones().get(0).name();
        Map<Capability, List<ThrowingCallable>> calls = new LinkedHashMap<>();
        calls.put(Capability.STOP_START, List.of(() -> c.start(List.of(id)), () -> c.stop(List.of(id), false)));
        calls.put(Capability.REBOOT, List.of(() -> c.reboot(List.of(id))));
        calls.put(Capability.CREATE_IMAGE, List.of(() -> c.createImage(id, s.name("img"), null, Map.of()),
                () -> c.deleteImage(s.fixture().missingImageId(), false)));
        calls.put(Capability.KEY_PAIRS, List.of(c::keyPairs,
                () -> c.createKeyPair(s.name("key"), KeyType.ED25519, Map.of()), () -> c.deleteKeyPair(s.name("key"))));
        calls.put(Capability.NETWORKS, List.of(c::networks, c::subnets, c::securityGroups,
                () -> c.createNetwork(new NetworkSpec(s.name("net"), "10.99.0.0/16", Map.of())),
                () -> c.ensureNetwork(s.name("net"), "10.99.0.0/16")));
        calls.put(Capability.VOLUMES, List.of(c::volumes, () -> c.createVolume(VolumeSpec.of(zone, 1))));
        calls.put(Capability.SNAPSHOTS, List.of(c::snapshots, () -> c.deleteSnapshot("snap-0fedcba9876543210")));
        calls.put(Capability.NETWORK_INTERFACES, List.of(c::networkInterfaces));
        calls.put(Capability.TAGS, List.of(() -> c.tag(id, Map.of(Tags.NAME, "x")), () -> c.untag(id, List.of("x"))));
        calls.put(Capability.CONSOLE_OUTPUT, List.of(() -> c.consoleOutput(id)));
        calls.put(Capability.SPOT, List.of(() -> s.launch(b -> b.spot(SpotOptions.oneTime())),
                () -> c.spotRequests(List.of()), () -> c.cancelSpotRequests(List.of("sir-0fedcba9876543210")),
                () -> c.spotPrices(List.of(), List.of())));
        calls.put(Capability.INTERNET_GATEWAYS, List.of(c::internetGateways,
                () -> c.deleteInternetGateway("igw-0fedcba9876543210")));
        calls.put(Capability.ROUTE_TABLES, List.of(c::routeTables, () -> c.deleteRouteTable("rtb-0fedcba9876543210")));
        calls.put(Capability.NETWORK_ACLS, List.of(c::networkAcls));
        calls.put(Capability.ELASTIC_IPS, List.of(c::addresses, () -> c.releaseAddress("eipalloc-0fedcba9876543210")));
        calls.put(Capability.SECURITY_GROUP_RULES, List.of(() -> c.securityGroupRules(List.of())));
        calls.put(Capability.NETWORK_ATTRIBUTES, List.of(
                () -> c.modifyNetwork("vpc-0fedcba9876543210", null, true),
                () -> c.modifySubnet("subnet-0fedcba9876543210", true)));
        calls.put(Capability.INSTANCE_ATTRIBUTES, List.of(() -> c.instanceAttributes(id),
                () -> c.modifyInstance(id, io.altostratus.core.ec2.InstanceChange.disableApiTermination(false))));
        calls.put(Capability.INSTANCE_METADATA_OPTIONS, List.of(
                () -> c.modifyMetadataOptions(id, io.altostratus.core.ec2.MetadataOptionsChange.hopLimit(2)),
                () -> s.launch(b -> b.metadataOptions(io.altostratus.core.ec2.InstanceMetadataOptions.defaults()))));
        return calls;
    }

    @Test
    default void undeclaredOptionalOperationsFailWithUnsupported(ContractSession s) {
        Set<Capability> declared = s.cloud().capabilities();
        Map<Capability, List<ThrowingCallable>> calls = optionalCalls(s);
        List<Capability> undeclared = new ArrayList<>(calls.keySet());
        undeclared.removeAll(declared);
        boolean forceStopCheckable = declared.contains(Capability.STOP_START) && !declared.contains(Capability.FORCE_STOP);
        assumeFalse(undeclared.isEmpty() && !forceStopCheckable, "the provider declares every optional operation");

        SoftAssertions soft = new SoftAssertions();
        for (Capability capability : undeclared) {
            List<ThrowingCallable> forCapability = calls.get(capability);
            for (int i = 0; i < forCapability.size(); i++) {
                expectUnsupported(soft, capability + " call #" + i, forCapability.get(i));
            }
        }
        if (forceStopCheckable) {
            expectUnsupported(soft, "FORCE_STOP",
                    () -> s.cloud().stop(List.of(s.fixture().missingInstanceId()), true));
        }
        soft.assertAll();
    }

    private static void expectUnsupported(SoftAssertions soft, String what, ThrowingCallable call) {
        Throwable thrown = catchThrowable(call);
        soft.assertThat(thrown).as("%s without the capability", what).isInstanceOf(AltoException.class);
        if (thrown instanceof AltoException e) {
            soft.assertThat(e.code()).as("%s: %s", what, e.getMessage()).isEqualTo(ErrorCode.UNSUPPORTED);
        }
    }

    @Test
    default void declaredCapabilitiesAreImplemented(ContractSession s) {
        Set<Capability> declared = EnumSet.noneOf(Capability.class);
        declared.addAll(s.cloud().capabilities());
        Cloud c = s.cloud();
        Map<Capability, ThrowingCallable> listings = new LinkedHashMap<>();
        listings.put(Capability.KEY_PAIRS, c::keyPairs);
        listings.put(Capability.NETWORKS, () -> {
            c.networks();
            c.subnets();
            c.securityGroups();
        });
        listings.put(Capability.VOLUMES, c::volumes);
        listings.put(Capability.SNAPSHOTS, c::snapshots);
        listings.put(Capability.NETWORK_INTERFACES, c::networkInterfaces);
        listings.put(Capability.INTERNET_GATEWAYS, c::internetGateways);
        listings.put(Capability.ROUTE_TABLES, c::routeTables);
        listings.put(Capability.NETWORK_ACLS, c::networkAcls);
        listings.put(Capability.ELASTIC_IPS, c::addresses);
        listings.put(Capability.SECURITY_GROUP_RULES, () -> c.securityGroupRules(List.of()));
        listings.put(Capability.SPOT, () -> c.spotRequests(List.of()));
        listings.put(Capability.CONSOLE_OUTPUT, () -> c.consoleOutput(s.launchRunning("console").id()));
        listings.keySet().retainAll(declared);
        assumeFalse(listings.isEmpty(), "the provider declares no capability with a listing");

        SoftAssertions soft = new SoftAssertions();
        listings.forEach((capability, call) -> {
            Throwable thrown = catchThrowable(call);
            soft.assertThat(thrown).as("declared %s: %s", capability, thrown).isNull();
        });
        soft.assertAll();
        assertThat(c.capabilities()).as("capabilities are stable").isEqualTo(declared);
    }
}
