package io.altostratus.gateway.codec;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.Reservation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Benchmark-style figures for the codec (printed, never asserted on time): encoding DescribeInstances over 1,000
 * realistic instances, and decoding a DescribeInstances naming 1,000 instance ids. The assertions only check that
 * the work measured is the work intended.
 */
class CodecBenchmarkTest {
    private static final int ROUNDS = 25;

    static DescribeInstancesResponse fleet(int instances) {
        List<Reservation> reservations = new ArrayList<>();
        for (int reservation = 0; reservation < instances / 10; reservation++) {
            int r = reservation;
            List<Instance> batch = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                int n = r * 10 + i;
                String id = String.format("i-%017x", 0x1000L + n);
                batch.add(Instance.builder()
                        .instanceId(id).imageId("ami-0abcdef1234567890").instanceType("t3.micro")
                        .state(s -> s.code(16).name(InstanceStateName.RUNNING))
                        .privateDnsName("ip-10-0-" + (n / 250) + "-" + (n % 250) + ".ec2.internal")
                        .privateIpAddress("10.0." + (n / 250) + "." + (n % 250))
                        .publicDnsName("").keyName("bench").amiLaunchIndex(i)
                        .launchTime(Instant.parse("2024-05-01T12:00:00Z").plusSeconds(n))
                        .placement(p -> p.availabilityZone("us-east-1a").tenancy("default").groupName(""))
                        .monitoring(m -> m.state("disabled"))
                        .subnetId("subnet-0123456789abcdef0").vpcId("vpc-0123456789abcdef0")
                        .architecture("x86_64").rootDeviceType("ebs").rootDeviceName("/dev/xvda")
                        .blockDeviceMappings(b -> b.deviceName("/dev/xvda").ebs(e -> e.volumeId("vol-" + id.substring(2))
                                .status("attached").attachTime(Instant.parse("2024-05-01T12:00:01Z"))
                                .deleteOnTermination(true)))
                        .virtualizationType("hvm").hypervisor("xen").clientToken("token-" + r)
                        .tags(t -> t.key("Name").value("web-" + n), t -> t.key("batch").value("b" + r))
                        .securityGroups(g -> g.groupId("sg-0123456789abcdef0").groupName("default"))
                        .sourceDestCheck(true)
                        .networkInterfaces(ni -> ni.networkInterfaceId("eni-" + id.substring(2))
                                .subnetId("subnet-0123456789abcdef0").vpcId("vpc-0123456789abcdef0")
                                .ownerId("123456789012").status("in-use").macAddress("02:00:00:00:00:01")
                                .privateIpAddress("10.0." + (n / 250) + "." + (n % 250)).sourceDestCheck(true)
                                .groups(g -> g.groupId("sg-0123456789abcdef0").groupName("default"))
                                .attachment(a -> a.attachmentId("eni-attach-1").deviceIndex(0).status("attached")
                                        .attachTime(Instant.parse("2024-05-01T12:00:01Z")).deleteOnTermination(true)))
                        .ebsOptimized(false).enaSupport(true)
                        .cpuOptions(c -> c.coreCount(1).threadsPerCore(2))
                        .metadataOptions(m -> m.state("applied").httpTokens("required").httpPutResponseHopLimit(2)
                                .httpEndpoint("enabled"))
                        .platformDetails("Linux/UNIX").usageOperation("RunInstances").bootMode("uefi-preferred")
                        .build());
            }
            reservations.add(Reservation.builder().reservationId(String.format("r-%017x", r)).ownerId("123456789012")
                    .groups(List.of()).instances(batch).build());
        }
        return DescribeInstancesResponse.builder().reservations(reservations).build();
    }

    @Test
    void encodingDescribeInstancesOverAThousandInstances() {
        Ec2Operation op = Ec2OperationRegistry.instance().require("DescribeInstances");
        Ec2XmlEncoder encoder = new Ec2XmlEncoder();
        DescribeInstancesResponse response = fleet(1000);

        byte[] body = null;
        long[] nanos = new long[ROUNDS];
        for (int warmup = 0; warmup < ROUNDS; warmup++) {
            body = encoder.encodeToUtf8(op, response, "req-bench");
        }
        for (int i = 0; i < ROUNDS; i++) {
            long start = System.nanoTime();
            body = encoder.encodeToUtf8(op, response, "req-bench");
            nanos[i] = System.nanoTime() - start;
        }
        print("encode DescribeInstances, 1,000 instances, " + body.length / 1024 + " KiB", nanos);

        // The document measured is one the SDK reads back whole.
        FakeEc2Endpoint endpoint = new FakeEc2Endpoint();
        endpoint.answer(200, new String(body, java.nio.charset.StandardCharsets.UTF_8));
        DescribeInstancesResponse parsed = endpoint.client().describeInstances(DescribeInstancesRequest.builder().build());
        assertThat(parsed.equalsBySdkFields(response)).isTrue();
        assertThat(parsed.reservations().stream().mapToInt(r -> r.instances().size()).sum()).isEqualTo(1000);
    }

    @Test
    void decodingADescribeInstancesOfAThousandIds() {
        StringBuilder query = new StringBuilder("Action=DescribeInstances&Version=2016-11-15");
        for (int i = 1; i <= 1000; i++) {
            query.append("&InstanceId.").append(i).append('=').append(String.format("i-%017x", i));
        }
        query.append("&Filter.1.Name=tag:Name&Filter.1.Value.1=web-*&Filter.2.Name=instance-state-name")
                .append("&Filter.2.Value.1=running&Filter.2.Value.2=pending");
        String body = query.toString();
        Ec2QueryDecoder decoder = new Ec2QueryDecoder();

        DecodedRequest decoded = null;
        long[] nanos = new long[ROUNDS];
        for (int warmup = 0; warmup < ROUNDS; warmup++) {
            decoded = decoder.decode(Ec2QueryParameters.parse(body));
        }
        for (int i = 0; i < ROUNDS; i++) {
            long start = System.nanoTime();
            Map<String, List<String>> parameters = Ec2QueryParameters.parse(body);
            decoded = decoder.decode(parameters);
            nanos[i] = System.nanoTime() - start;
        }
        print("parse + decode DescribeInstances, 1,000 ids + 2 filters", nanos);
        DescribeInstancesRequest request = (DescribeInstancesRequest) decoded.request();
        assertThat(request.instanceIds()).hasSize(1000).startsWith("i-00000000000000001");
        assertThat(request.filters()).hasSize(2);
    }

    private static void print(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("[codec bench] %s: median %.2f ms, best %.2f ms (%d rounds after %d warm-up)%n", what,
                sorted[sorted.length / 2] / 1e6, sorted[0] / 1e6, ROUNDS, ROUNDS);
    }
}
