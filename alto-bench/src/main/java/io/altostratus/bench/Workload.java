package io.altostratus.bench;

import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * The workload through the AWS SDK for Java v2: 1,000 instances made with RunInstances x100 (10 each), then
 * DescribeInstances unfiltered (every page), DescribeInstances filtered by a tag matching one batch, RunInstances x100
 * (one each), DescribeImages unfiltered, DescribeRegions; then growth to the memory scale. A step that fails is reported
 * and skipped, so a missing action does not hide the other figures.
 */
final class Workload implements AutoCloseable {
    /** The figures of one run, by step, in order. */
    record Results(Map<Step, Stats> timings, Map<Step, String> notes, Map<Step, String> failures) {
    }

    /** The steps, with moto's figures from the issue as the reference (low-high ms; null where there is none). */
    enum Step {
        CREATE_1000("RunInstances x100 (10 each) -> 1,000 instances", null, null),
        DESCRIBE_ALL("DescribeInstances unfiltered, all pages", 2100.0, 2400.0),
        DESCRIBE_ALL_RAW("  same, raw HTTP: server alone, body unparsed", null, null),
        DESCRIBE_TAG("DescribeInstances tag filter (one batch of 10)", 78.0, 117.0),
        RUN_100("RunInstances x100 (1 each)", 350.0, 570.0),
        DESCRIBE_IMAGES("DescribeImages unfiltered", 750.0, 750.0),
        DESCRIBE_REGIONS("DescribeRegions", null, null),
        DESCRIBE_REGIONS_RAW("  same, raw HTTP: server alone, body unparsed", null, null),
        GROW("grow to the memory scale (RunInstances of 100)", null, null),
        DESCRIBE_TAG_AT_SCALE("DescribeInstances tag filter at memory scale", null, null);

        final String title;
        final Double motoLowMs;
        final Double motoHighMs;

        Step(String title, Double motoLowMs, Double motoHighMs) {
            this.title = title;
            this.motoLowMs = motoLowMs;
            this.motoHighMs = motoHighMs;
        }
    }

    private final Ec2Client ec2;
    private final RawEc2Client raw;
    private final int repeats;
    private final PrintStream progress;
    private final Map<Step, Stats> timings = new LinkedHashMap<>();
    private final Map<Step, String> notes = new LinkedHashMap<>();
    private final Map<Step, String> failures = new LinkedHashMap<>();
    private String imageId;
    private int instances;

    Workload(Target target, int repeats, PrintStream progress) {
        this.ec2 = client(target.endpoint(), target.accessKey(), target.secretKey());
        this.raw = new RawEc2Client(target.endpoint(), target.accessKey(), target.secretKey());
        this.repeats = repeats;
        this.progress = progress;
    }

    static Ec2Client client(URI endpoint, String accessKey, String secretKey) {
        return Ec2Client.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                // moto needs tens of seconds for some calls at 10,000 instances; the default 30 s read timeout would
                // turn them into failures instead of figures.
                .httpClientBuilder(Apache5HttpClient.builder().socketTimeout(Duration.ofMinutes(5)))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                // A benchmark must see each call's own time: no silent retries.
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(AwsRetryStrategy.doNotRetry()).apiCallTimeout(Duration.ofMinutes(5)).build())
                .build();
    }

    /** The workload proper, up to DescribeRegions. */
    Results run() {
        step(Step.CREATE_1000, this::create1000);
        step(Step.DESCRIBE_ALL, () -> repeat(Step.DESCRIBE_ALL, this::describeAll, "instances"));
        step(Step.DESCRIBE_ALL_RAW, () -> rawRepeat(Step.DESCRIBE_ALL_RAW, "DescribeInstances", "<instanceId>",
                "instances"));
        step(Step.DESCRIBE_TAG, () -> repeat(Step.DESCRIBE_TAG, () -> describeBatch(42), "instances"));
        step(Step.RUN_100, this::run100);
        step(Step.DESCRIBE_IMAGES, () -> repeat(Step.DESCRIBE_IMAGES,
                () -> ec2.describeImages().images().size(), "images"));
        step(Step.DESCRIBE_REGIONS, () -> repeat(Step.DESCRIBE_REGIONS,
                () -> ec2.describeRegions().regions().size(), "regions"));
        step(Step.DESCRIBE_REGIONS_RAW, () -> rawRepeat(Step.DESCRIBE_REGIONS_RAW, "DescribeRegions", "<regionName>",
                "regions"));
        return new Results(timings, notes, failures);
    }

    /** Grows the fleet to {@code scale} instances and times a tag-filtered DescribeInstances there. */
    Results grow(int scale) {
        if (scale > instances) {
            step(Step.GROW, () -> growTo(scale));
            step(Step.DESCRIBE_TAG_AT_SCALE, () -> repeat(Step.DESCRIBE_TAG_AT_SCALE, () -> describeBatch(42),
                    "instances of " + instances));
        }
        return new Results(timings, notes, failures);
    }

    @Override
    public void close() {
        ec2.close();
        raw.close();
    }

    private interface Body {
        void run() throws Exception;
    }

    private interface Counted {
        int run() throws Exception;
    }

    private void step(Step step, Body body) {
        progress.println("  " + step.title + " ...");
        try {
            body.run();
        } catch (Exception e) {
            String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            failures.put(step, e.getClass().getSimpleName() + ": " + message);
            progress.println("    FAILED: " + failures.get(step));
        }
    }

    /** One untimed call (first-call costs are not what this measures), then {@code repeats} timed ones. */
    private void repeat(Step step, Counted call, String unit) throws Exception {
        int count = call.run();
        Stats stats = new Stats();
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            count = call.run();
            stats.add(System.nanoTime() - start);
        }
        timings.put(step, stats);
        notes.put(step, count + " " + unit);
    }

    /**
     * One untimed raw call whose body is checked (status 200, the whole document, no further page, how many
     * {@code marker} elements), then {@code repeats} timed calls that only read the bytes.
     */
    private void rawRepeat(Step step, String action, String marker, String unit) throws Exception {
        String form = "Action=" + action + "&Version=2016-11-15";
        RawEc2Client.Answer checked = raw.call(form, true);
        String text = new String(checked.body(), java.nio.charset.StandardCharsets.UTF_8);
        if (checked.status() != 200) {
            throw new IllegalStateException("HTTP " + checked.status() + ": " + text.lines().findFirst().orElse(""));
        }
        if (!text.stripTrailing().endsWith("</" + action + "Response>") || text.contains("<nextToken>")) {
            throw new IllegalStateException("the answer is not one whole page (" + checked.bytes() + " bytes)");
        }
        Stats stats = new Stats();
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            RawEc2Client.Answer answer = raw.call(form, false);
            stats.add(System.nanoTime() - start);
            if (answer.status() != 200 || answer.bytes() == 0) {
                throw new IllegalStateException("HTTP " + answer.status() + ", " + answer.bytes() + " bytes");
            }
        }
        timings.put(step, stats);
        notes.put(step, checked.count(marker) + " " + unit + ", " + checked.bytes() / 1024 + " KiB");
    }

    private String image() {
        if (imageId == null) {
            List<Image> images = ec2.describeImages().images();
            imageId = images.stream()
                    .filter(i -> "x86_64".equals(i.architectureAsString()) && "available".equals(i.stateAsString()))
                    .map(Image::imageId).findFirst()
                    .orElseGet(() -> images.stream().map(Image::imageId).findFirst().orElseThrow(
                            () -> new IllegalStateException("DescribeImages returned no image to launch")));
        }
        return imageId;
    }

    private int launch(int count, int batch) {
        TagSpecification tags = TagSpecification.builder().resourceType(ResourceType.INSTANCE)
                .tags(Tag.builder().key("batch").value(Integer.toString(batch)).build(),
                        Tag.builder().key("bench").value("alto-bench").build())
                .build();
        int made = ec2.runInstances(r -> r.imageId(image()).instanceType("t3.micro").minCount(count).maxCount(count)
                .tagSpecifications(tags)).instances().size();
        instances += made;
        return made;
    }

    private void create1000() {
        image();
        Stats stats = new Stats();
        long start = System.nanoTime();
        for (int batch = 0; batch < 100; batch++) {
            launch(10, batch);
        }
        stats.add(System.nanoTime() - start);
        timings.put(Step.CREATE_1000, stats);
        notes.put(Step.CREATE_1000, instances + " instances");
    }

    private int describeAll() {
        int seen = 0;
        for (Reservation reservation : ec2.describeInstancesPaginator(DescribeInstancesRequest.builder().build())
                .reservations()) {
            seen += reservation.instances().size();
        }
        return seen;
    }

    private int describeBatch(int batch) {
        int seen = 0;
        DescribeInstancesRequest request = DescribeInstancesRequest.builder()
                .filters(Filter.builder().name("tag:batch").values(Integer.toString(batch)).build()).build();
        for (Reservation reservation : ec2.describeInstancesPaginator(request).reservations()) {
            seen += reservation.instances().size();
        }
        if (seen != 10) {
            throw new IllegalStateException("the tag filter matched " + seen + " instances, not the batch's 10");
        }
        return seen;
    }

    private void run100() {
        // Like every other step, one untimed round first (JIT-compiled servers and Python ones alike get it), then
        // the timed rounds: a first round measures the server's warm-up, not its speed.
        for (int i = 0; i < 100; i++) {
            launch(1, 999);
        }
        Stats stats = new Stats();
        int rounds = Math.max(1, repeats);
        for (int round = 0; round < rounds; round++) {
            long start = System.nanoTime();
            for (int i = 0; i < 100; i++) {
                launch(1, 1000 + round);
            }
            stats.add(System.nanoTime() - start);
        }
        timings.put(Step.RUN_100, stats);
        notes.put(Step.RUN_100, "100 calls per round, " + rounds + " rounds after one untimed round");
    }

    private void growTo(int scale) {
        Stats stats = new Stats();
        long start = System.nanoTime();
        int batch = 2000;
        int calls = 0;
        while (instances < scale) {
            launch(Math.min(100, scale - instances), batch++);
            calls++;
        }
        stats.add(System.nanoTime() - start);
        timings.put(Step.GROW, stats);
        notes.put(Step.GROW, instances + " instances, " + calls + " calls");
    }

    /** Instances made so far by this run. */
    int instances() {
        return instances;
    }
}
