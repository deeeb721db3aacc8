package io.altostratus.gateway.action;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * The instance workload through the real SDK: 1,000 instances made by RunInstances x100, then DescribeInstances
 * unfiltered and with a tag filter matching one batch. It checks the answers and prints the times (figures, not
 * assertions: the benchmark proper compares them with moto's 2.1 s for the unfiltered describe).
 */
class InstanceActionsScaleTest {
    @RegisterExtension
    final GatewayHarness gw = new GatewayHarness();

    @Test
    void describeInstancesOverAThousandInstances() {
        var ec2 = gw.client();
        long start = System.nanoTime();
        for (int batch = 0; batch < 100; batch++) {
            TagSpecification tags = TagSpecification.builder().resourceType(ResourceType.INSTANCE)
                    .tags(Tag.builder().key("batch").value("b" + batch).build()).build();
            ec2.runInstances(r -> r.imageId(InstanceActionsTest.AMI).instanceType("t3.micro").minCount(10)
                    .maxCount(10).tagSpecifications(tags));
        }
        long runNanos = System.nanoTime() - start;

        List<Reservation> all = ec2.describeInstances().reservations();
        assertThat(all).hasSize(100);
        assertThat(all.stream().mapToInt(r -> r.instances().size()).sum()).isEqualTo(1000);
        assertThat(all).allSatisfy(r -> assertThat(r.instances()).allSatisfy(i -> {
            assertThat(i.networkInterfaces()).hasSize(1);
            assertThat(i.blockDeviceMappings()).hasSize(1);
        }));

        long[] unfiltered = time(12, () -> ec2.describeInstances());
        long[] tagged = time(7, () -> {
            DescribeInstancesResponse one = ec2.describeInstances(r -> r.filters(
                    Filter.builder().name("tag:batch").values("b42").build()));
            assertThat(one.reservations()).singleElement().satisfies(r -> assertThat(r.instances()).hasSize(10));
            return one;
        });
        // The workload launches again once the fleet exists; this round runs on a warm JVM.
        long again = System.nanoTime();
        for (int k = 0; k < 100; k++) {
            ec2.runInstances(r -> r.imageId(InstanceActionsTest.AMI).instanceType("t3.micro").minCount(1).maxCount(1));
        }
        long againNanos = System.nanoTime() - again;
        // What 100 calls cost with (almost) nothing to do, to tell the handlers' share from the HTTP/SDK stack's.
        long base = System.nanoTime();
        for (int k = 0; k < 100; k++) {
            ec2.describeAvailabilityZones();
        }
        long baseNanos = System.nanoTime() - base;
        assertThat(ec2.describeInstances(r -> r.filters(Filter.builder().name("instance-state-name")
                .values("running", "pending").build())).reservations()).hasSize(200);
        System.out.printf("InstanceActionsScaleTest: RunInstances x100 (10 each, cold JVM) %d ms; DescribeInstances "
                        + "over 1,000 instances median %.1f ms (min %.1f); tag-filtered median %.1f ms (min %.1f); "
                        + "RunInstances x100 (1 each, warm) %d ms; DescribeAvailabilityZones x100 %d ms%n",
                runNanos / 1_000_000, unfiltered[unfiltered.length / 2] / 1e6, unfiltered[0] / 1e6,
                tagged[tagged.length / 2] / 1e6, tagged[0] / 1e6, againNanos / 1_000_000, baseNanos / 1_000_000);
    }

    private static long[] time(int rounds, java.util.function.Supplier<?> call) {
        call.get(); // warm-up
        long[] nanos = new long[rounds];
        for (int k = 0; k < rounds; k++) {
            long t = System.nanoTime();
            call.get();
            nanos[k] = System.nanoTime() - t;
        }
        Arrays.sort(nanos);
        return nanos;
    }
}
