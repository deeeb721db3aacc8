package io.altostratus.bench;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The timed queries of the fleet lane, each checked: a 200 answer holding exactly the items the fleet should give
 * (a page of 1,000 has 1,000 {@code instanceId} elements), so that a broken answer cannot pass for a fast one. Each
 * query runs {@code warmups} times untimed (the server's JIT has not seen it at this size, and after a restart not
 * at all), then {@code repeats} timed times.
 */
final class FleetQueries {
    static final String TAG = "DescribeInstances tag batch=hot (100)";
    static final String ONE_ID = "DescribeInstances InstanceId (1)";
    static final String ID_FILTER = "DescribeInstances filter instance-id (1)";
    static final String PAGE = "first page of 1,000, no filter";
    static final String PAGE_STATE = "first page, instance-state-name=running";
    static final String PAGE_TYPE = "first page, instance-type";
    static final String PAGE_SUBNET = "first page, subnet-id";
    static final String SECOND_PAGE = "second page (1 NextToken)";
    static final String TENTH_PAGE = "tenth page (9 NextTokens)";
    static final String TAGS = "DescribeTags first page of 1,000";
    static final String VOLUMES = "DescribeVolumes first page of 500";
    static final String INTERFACES = "DescribeNetworkInterfaces page of 1,000";
    static final String STATUS = "DescribeInstanceStatus page of 1,000";
    static final List<String> ROWS = List.of(TAG, ONE_ID, ID_FILTER, PAGE, PAGE_STATE, PAGE_TYPE, PAGE_SUBNET,
            SECOND_PAGE, TENTH_PAGE, TAGS, VOLUMES, INTERFACES);

    private static final int PAGE_SIZE = 1000;
    /** EC2 takes MaxResults up to 500 on DescribeVolumes (and the local cloud says so, as EC2 does). */
    private static final int VOLUME_PAGE_SIZE = 500;
    private static final String INSTANCE = "<instanceId>";
    private static final Pattern NEXT_TOKEN = Pattern.compile("<nextToken>([^<]+)</nextToken>");

    /** One query: its row, its form (without the version), what marks one item, and how many items it must hold. */
    record Query(String row, String form, String marker, int expected) {
    }

    private FleetQueries() {
    }

    /** The single-call queries over the fleet as {@code growth} has made it (every resource launched running). */
    static List<Query> of(FleetGrowth growth) {
        int fleet = growth.instances();
        int page = Math.min(PAGE_SIZE, fleet);
        String describe = "Action=DescribeInstances";
        String paged = describe + "&MaxResults=" + PAGE_SIZE;
        return List.of(
                new Query(TAG, describe + "&Filter.1.Name=tag:batch&Filter.1.Value.1=hot", INSTANCE,
                        FleetGrowth.LAUNCH),
                new Query(ONE_ID, describe + "&InstanceId.1=" + growth.sampleId(), INSTANCE, 1),
                new Query(ID_FILTER, describe + "&Filter.1.Name=instance-id&Filter.1.Value.1=" + growth.sampleId(),
                        INSTANCE, 1),
                new Query(PAGE, paged, INSTANCE, page),
                new Query(PAGE_STATE, paged + "&Filter.1.Name=instance-state-name&Filter.1.Value.1=running",
                        INSTANCE, page),
                new Query(PAGE_TYPE, paged + "&Filter.1.Name=instance-type&Filter.1.Value.1=" + growth.firstType(),
                        INSTANCE, Math.min(PAGE_SIZE, growth.ofFirstType())),
                new Query(PAGE_SUBNET, paged + "&Filter.1.Name=subnet-id&Filter.1.Value.1=" + growth.firstSubnet(),
                        INSTANCE, Math.min(PAGE_SIZE, growth.inFirstSubnet())),
                // Each instance carries one tag (batch), and each its root volume and its primary interface.
                new Query(TAGS, "Action=DescribeTags&MaxResults=" + PAGE_SIZE, "<resourceId>", page),
                new Query(VOLUMES, "Action=DescribeVolumes&MaxResults=" + VOLUME_PAGE_SIZE, "<createTime>",
                        Math.min(VOLUME_PAGE_SIZE, fleet)),
                new Query(INTERFACES, "Action=DescribeNetworkInterfaces&MaxResults=" + PAGE_SIZE,
                        "<networkInterfaceId>", page),
                new Query(STATUS, "Action=DescribeInstanceStatus&MaxResults=" + PAGE_SIZE, INSTANCE, page));
    }

    /** Median and p90 of {@code repeats} timed calls, or why there are none. */
    static FleetTable.Cell time(WireClient ec2, Query query, int warmups, int repeats) throws IOException {
        String form = query.form() + FleetGrowth.VERSION;
        for (int w = 0; w < warmups; w++) {
            String wrong = check(query, ec2.call(form, true));
            if (wrong != null) {
                return FleetTable.Cell.failed(wrong);
            }
        }
        String wrong;
        Stats stats = new Stats();
        for (int r = 0; r < repeats; r++) {
            long start = System.nanoTime();
            WireClient.Answer answer = ec2.call(form, true);
            stats.add(System.nanoTime() - start);
            wrong = check(query, answer);
            if (wrong != null) {
                return FleetTable.Cell.failed(wrong);
            }
        }
        return FleetTable.Cell.of(stats);
    }

    /**
     * Page {@code page} (1-based) of an unfiltered DescribeInstances walk of 1,000 a page: each repeat walks the
     * pages before it untimed and times only that one. Null when the fleet has no such page.
     */
    static FleetTable.Cell timePage(WireClient ec2, int page, int fleet, int warmups, int repeats)
            throws IOException {
        int before = (page - 1) * PAGE_SIZE;
        if (fleet <= before) {
            return null;
        }
        Query query = new Query("page " + page, "Action=DescribeInstances&MaxResults=" + PAGE_SIZE, INSTANCE,
                Math.min(PAGE_SIZE, fleet - before));
        Stats stats = new Stats();
        for (int r = -warmups; r < repeats; r++) {
            String token = null;
            for (int p = 1; p < page; p++) {
                WireClient.Answer answer = ec2.call(withToken(query.form(), token) + FleetGrowth.VERSION, true);
                if (answer.status() != 200) {
                    return FleetTable.Cell.failed("page " + p + " answered " + answer.status());
                }
                Matcher m = NEXT_TOKEN.matcher(answer.text());
                if (!m.find()) {
                    return FleetTable.Cell.failed("no NextToken after page " + p + " of a fleet of " + fleet);
                }
                token = m.group(1);
            }
            String form = withToken(query.form(), token) + FleetGrowth.VERSION;
            long start = System.nanoTime();
            WireClient.Answer answer = ec2.call(form, true);
            long elapsed = System.nanoTime() - start;
            String wrong = check(query, answer);
            if (wrong != null) {
                return FleetTable.Cell.failed(wrong);
            }
            if (r >= 0) {
                stats.add(elapsed);
            }
        }
        return FleetTable.Cell.of(stats);
    }

    private static String withToken(String form, String token) {
        return token == null ? form : form + "&NextToken=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    /** Null when the answer is right, else what is wrong with it. */
    private static String check(Query query, WireClient.Answer answer) {
        if (answer.status() != 200) {
            return "answered " + answer.status() + ": " + FleetGrowth.abbreviate(answer.text());
        }
        int items = answer.count(query.marker());
        if (items != query.expected()) {
            return "held " + items + " items, not " + query.expected();
        }
        return null;
    }
}
