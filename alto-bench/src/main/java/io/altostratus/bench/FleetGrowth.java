package io.altostratus.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Grows the fleet the way issue 20's user did: RunInstances of 100 (MinCount = MaxCount = 100) spread over four /17
 * subnets of two /16 VPCs (EC2 takes no VPC larger than /16) and three instance types, each launch tagged
 * {@code batch=<n>}; at every size one launch of 100 is {@code batch=hot} instead (the previous hot launch is tagged
 * back to its number), so the tag filter matches 100 whatever the fleet's size. Keeps what the queries need to know
 * to check their answers: how many instances of each type and in each subnet, and an id from the middle of the fleet.
 */
final class FleetGrowth {
    static final int LAUNCH = 100;
    static final String VERSION = "&Version=2016-11-15";
    private static final List<String> TYPES = List.of("t3.micro", "t3.small", "m5.large");
    private static final Pattern INSTANCE_ID = Pattern.compile("<instanceId>(i-[0-9a-f]+)</instanceId>");

    private final List<String> subnets = new ArrayList<>();
    private final Map<String, Integer> perType = new LinkedHashMap<>();
    private final Map<String, Integer> perSubnet = new LinkedHashMap<>();
    private final List<Long> launchNanos = new ArrayList<>();
    private String image;
    private int instances;
    private int launches;
    private List<String> hotIds = List.of();
    private int hotBatch = -1;
    private String sampleId;

    /** Finds an Ubuntu image and makes the VPCs and subnets the fleet is launched into. */
    void prepare(WireClient ec2) throws IOException {
        image = field(checked(ec2, "Action=DescribeImages&Owner.1=099720109477"
                + "&Filter.1.Name=architecture&Filter.1.Value.1=x86_64", "DescribeImages"), "imageId");
        String[] zones = {"us-east-1a", "us-east-1b", "us-east-1c", "us-east-1d"};
        for (int v = 0; v < 2; v++) {
            String vpc = field(checked(ec2, "Action=CreateVpc&CidrBlock=10." + v + ".0.0/16", "CreateVpc"), "vpcId");
            for (int half = 0; half < 2; half++) {
                String cidr = "10." + v + "." + (half * 128) + ".0/17";
                String subnet = field(checked(ec2, "Action=CreateSubnet&VpcId=" + vpc + "&CidrBlock=" + cidr
                        + "&AvailabilityZone=" + zones[subnets.size()], "CreateSubnet"), "subnetId");
                subnets.add(subnet);
                perSubnet.put(subnet, 0);
            }
        }
        TYPES.forEach(t -> perType.put(t, 0));
    }

    /** Launches until the fleet holds {@code size} instances (a multiple of 100), the hot launch in the middle. */
    void growTo(WireClient ec2, int size) throws IOException {
        int hotAt = launches + (size - instances) / LAUNCH / 2;
        while (instances < size) {
            int batch = launches;
            boolean hot = batch == hotAt;
            String type = TYPES.get(batch % TYPES.size());
            String subnet = subnets.get(batch % subnets.size());
            String form = "Action=RunInstances&ImageId=" + image + "&InstanceType=" + type + "&MinCount=" + LAUNCH
                    + "&MaxCount=" + LAUNCH + "&SubnetId=" + subnet
                    + "&TagSpecification.1.ResourceType=instance&TagSpecification.1.Tag.1.Key=batch"
                    + "&TagSpecification.1.Tag.1.Value=" + (hot ? "hot" : Integer.toString(batch));
            long start = System.nanoTime();
            WireClient.Answer answer = ec2.call(form + VERSION, true);
            launchNanos.add(System.nanoTime() - start);
            String body = answer.text();
            if (answer.status() != 200) {
                throw new IOException("RunInstances at " + instances + " instances answered " + answer.status()
                        + ": " + abbreviate(body));
            }
            List<String> ids = ids(body);
            if (ids.size() != LAUNCH) {
                throw new IOException("RunInstances of " + LAUNCH + " launched " + ids.size());
            }
            launches++;
            instances += LAUNCH;
            perType.merge(type, LAUNCH, Integer::sum);
            perSubnet.merge(subnet, LAUNCH, Integer::sum);
            if (hot) {
                retagPreviousHot(ec2);
                hotIds = ids;
                hotBatch = batch;
                sampleId = ids.get(LAUNCH / 2);
            }
        }
    }

    private void retagPreviousHot(WireClient ec2) throws IOException {
        if (hotIds.isEmpty()) {
            return;
        }
        StringBuilder form = new StringBuilder("Action=CreateTags&Tag.1.Key=batch&Tag.1.Value=").append(hotBatch);
        for (int i = 0; i < hotIds.size(); i++) {
            form.append("&ResourceId.").append(i + 1).append('=').append(hotIds.get(i));
        }
        checked(ec2, form.toString(), "CreateTags");
    }

    int instances() {
        return instances;
    }

    /** Seconds the last {@code n} launches took, summed (each from request to its whole answer). */
    double lastLaunchSeconds(int n) {
        long sum = 0;
        for (int i = Math.max(0, launchNanos.size() - n); i < launchNanos.size(); i++) {
            sum += launchNanos.get(i);
        }
        return sum / 1e9;
    }

    int launchesTimed(int n) {
        return Math.min(n, launchNanos.size());
    }

    /** An instance of the latest hot launch, in the middle of the fleet's growth. */
    String sampleId() {
        return sampleId;
    }

    String firstSubnet() {
        return subnets.get(0);
    }

    int inFirstSubnet() {
        return perSubnet.get(subnets.get(0));
    }

    String firstType() {
        return TYPES.get(0);
    }

    int ofFirstType() {
        return perType.get(TYPES.get(0));
    }

    static List<String> ids(String body) {
        List<String> ids = new ArrayList<>();
        Matcher m = INSTANCE_ID.matcher(body);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return ids;
    }

    private static String checked(WireClient ec2, String form, String action) throws IOException {
        WireClient.Answer answer = ec2.call(form + VERSION, true);
        if (answer.status() != 200) {
            throw new IOException(action + " answered " + answer.status() + ": " + abbreviate(answer.text()));
        }
        return answer.text();
    }

    private static String field(String body, String name) throws IOException {
        Matcher m = Pattern.compile("<" + name + ">([^<]+)</" + name + ">").matcher(body);
        if (!m.find()) {
            throw new IOException("no " + name + " in " + abbreviate(body));
        }
        return m.group(1);
    }

    static String abbreviate(String body) {
        String flat = body.replaceAll("\\s+", " ");
        return flat.length() <= 300 ? flat : flat.substring(0, 300) + "...";
    }
}
