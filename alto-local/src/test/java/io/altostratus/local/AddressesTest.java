package io.altostratus.local;

import static io.altostratus.local.TestClouds.interfaces;
import static io.altostratus.local.TestClouds.networks;
import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.model.Subnet;
import io.altostratus.core.query.InstanceQuery;
import io.altostratus.core.spec.Cidr;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.core.spec.NetworkSpec;
import io.altostratus.core.spec.SubnetSpec;
import io.altostratus.store.StateStore;
import io.altostratus.store.StateStores;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Private and public addresses: where they come from, and that live resources never share one. */
class AddressesTest {

    private static LaunchSpec spec(int count) {
        return LaunchSpec.builder().image("ubuntu:24.04").instanceType("t3.micro").count(count).build();
    }

    @Test
    void addressesComeFromTheSubnetSkippingAwsReservedOnesAndNameTheHosts() {
        try (TestClouds clouds = new TestClouds(); LocalCloud cloud = clouds.open()) {
            Instance one = cloud.launch(LaunchSpec.builder().image("ubuntu:24.04").instanceType("t3.micro")
                    .zone("us-east-1a").build()).get(0);
            Subnet subnet = networks(cloud).subnets().stream().filter(s -> s.id().equals(one.subnetId())).findFirst()
                    .orElseThrow();

            assertThat(subnet.cidr()).isEqualTo("172.31.0.0/20");
            assertThat(one.privateIp()).isEqualTo("172.31.0.4");
            assertThat(one.privateDnsName()).isEqualTo("ip-172-31-0-4.ec2.internal");
            assertThat(Cidr.parse("198.18.0.0/15").contains(Cidr.parseAddress(one.publicIp(), one.publicIp()))).isTrue();
            assertThat(subnet.availableIps()).isEqualTo(4096 - 5 - 1);
        }
        try (TestClouds clouds = new TestClouds(); LocalCloud cloud = clouds.open(TestClouds.ACCOUNT, "eu-west-1")) {
            Instance one = cloud.launch(spec(1)).get(0);
            assertThat(one.privateDnsName()).isEqualTo("ip-" + one.privateIp().replace('.', '-')
                    + ".eu-west-1.compute.internal");
            assertThat(one.publicDnsName()).endsWith(".eu-west-1.compute.amazonaws.com");
        }
    }

    @Test
    void aFullSmallSubnetRefusesAndReleasedAddressesComeBackOnlyAfterTheOthers() {
        try (TestClouds clouds = new TestClouds(); LocalCloud cloud = clouds.open()) {
            var vpc = networks(cloud).createNetwork(new NetworkSpec("tiny", "10.9.0.0/16", Map.of()));
            Subnet small = networks(cloud)
                    .createSubnet(new SubnetSpec(vpc.id(), "10.9.0.0/28", "us-east-1a", "s", false, Map.of()));
            assertThat(small.availableIps()).isEqualTo(11);

            List<Instance> first = cloud.launch(spec(11).toBuilder().subnetId(small.id()).build());
            assertThat(first).extracting(Instance::privateIp).doesNotHaveDuplicates()
                    .allSatisfy(ip -> assertThat(Cidr.parseAddress(ip, ip) & 0xF).isBetween(4L, 14L));
            assertThat(first).allSatisfy(i -> assertThat(i.publicIp()).isNull());

            var full = org.assertj.core.api.Assertions.catchThrowableOfType(
                    io.altostratus.core.error.AltoException.class,
                    () -> cloud.launch(spec(1).toBuilder().subnetId(small.id()).build()));
            assertThat(full.providerCode()).isEqualTo("InsufficientFreeAddressesInSubnet");

            String released = first.get(3).privateIp();
            cloud.terminate(List.of(first.get(3).id()));
            Instance again = cloud.launch(spec(1).toBuilder().subnetId(small.id()).build()).get(0);
            assertThat(again.privateIp()).isEqualTo(released);
        }
    }

    @Test
    void eightThreadsLaunchingAndTerminatingNeverShareAnAddress() throws Exception {
        try (TestClouds clouds = new TestClouds(); LocalCloud cloud = clouds.open()) {
            List<String> all = runConcurrently(List.of(cloud), 8, 10);
            assertLiveAddressesUnique(cloud, all);
        }
    }

    @Test
    void twoProcessesOnOneStateDirectoryNeverShareAnAddressOrLoseAnInstance(@TempDir Path dir) throws Exception {
        // Two stores opened separately on one directory behave as two processes would.
        try (StateStore first = StateStores.open(dir); StateStore second = StateStores.open(dir);
             TestClouds one = new TestClouds(first); TestClouds two = new TestClouds(second);
             LocalCloud a = one.open(); LocalCloud b = two.open()) {
            List<String> all = runConcurrently(List.of(a, b), 4, 6);
            assertLiveAddressesUnique(a, all);
            assertThat(b.instances(InstanceQuery.all())).extracting(Instance::id)
                    .containsExactlyInAnyOrderElementsOf(a.instances(InstanceQuery.all()).stream().map(Instance::id).toList());
        }
    }

    /** Each thread launches batches and terminates every other one; returns every instance id made. */
    private static List<String> runConcurrently(List<LocalCloud> clouds, int threads, int rounds) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<String> made = Collections.synchronizedList(new ArrayList<>());
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                LocalCloud cloud = clouds.get(t % clouds.size());
                futures.add(pool.submit(() -> {
                    for (int r = 0; r < rounds; r++) {
                        List<Instance> batch = cloud.launch(spec(3));
                        batch.forEach(i -> made.add(i.id()));
                        if (r % 2 == 0) {
                            cloud.terminate(List.of(batch.get(0).id()));
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        return made;
    }

    private static void assertLiveAddressesUnique(LocalCloud cloud, List<String> made) {
        List<Instance> listed = cloud.instances(InstanceQuery.all());
        assertThat(listed).extracting(Instance::id).containsExactlyInAnyOrderElementsOf(made);
        List<Instance> live = listed.stream().filter(i -> i.state() != InstanceState.TERMINATED).toList();
        assertThat(live).extracting(Instance::privateIp).doesNotHaveDuplicates().doesNotContainNull();
        assertThat(live).extracting(Instance::publicIp).doesNotHaveDuplicates().doesNotContainNull();
        Set<String> interfaceIps = new HashSet<>();
        interfaces(cloud).networkInterfaces()
                .forEach(n -> assertThat(interfaceIps.add(n.subnetId() + n.privateIp())).isTrue());
        assertThat(interfaces(cloud).networkInterfaces()).hasSize(live.size());
        long inUse = networks(cloud).subnets().stream().mapToLong(s -> 4096 - 5 - s.availableIps()).sum();
        assertThat(inUse).as("addresses the pools count as in use").isEqualTo(live.size());
    }
}
