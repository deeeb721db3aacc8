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
 * The workload: 1,000 instances made with RunInstances x100 (10 each), then DescribeInstances unfiltered (every
 * page), DescribeInstances filtered by a tag matching one batch, RunInstances x100 (one each), DescribeImages
 * unfiltered, DescribeRegions; then growth to the memory scale. Each timed step runs in up to three lanes: through the
 * AWS SDK for Java v2 (what an SDK user sees), on the wire (the same call from {@link WireClient}: the server alone),
 * and the SDK against a {@link ReplayServer} of the answer the wire lane checked (the SDK client's own floor). A step
 * that fails is reported and skipped, so a missing action does not hide the other figures.
 */
final class Workload implements AutoCloseable {
    /** How a step's calls are made. */
    enum Lane {
        SDK("SDK v2"),
        WIRE("wire"),
        SDK_FLOOR("SDK floor");

        final String title;

        Lane(String title) {
            this.title = title;
        }
    }

    /** One step in one lane. */
    record Key(Step step, Lane lane) {
    }

    /** The figures of one run, by step and lane, in order. */
    record Results(Map<Key, Stats> timings, Map<Key, String> notes, Map<Key, String> failures) {
        Stats get(Step step, Lane lane) {
            return timings.get(new Key(step, lane));
        }
    }

    /**
     * The steps, with moto's figures from the issue as a reference (low-high ms; null where there is none) and the
     * speed-up over moto the issue asks for (null where it asks none).
     */
    enum Step {
        CREATE_1000("RunInstances x100 (10 each) -> 1,000 instances", null, null, null, 1),
        DESCRIBE_ALL("DescribeInstances unfiltered, 1,000, all pages", 2100.0, 2400.0, 20.0, 1),
        DESCRIBE_TAG("DescribeInstances tag filter (one batch of 10)", 78.0, 117.0, 10.0, 1),
        RUN_100("RunInstances x100 (1 each)", 350.0, 570.0, 10.0, 1),
        DESCRIBE_IMAGES("DescribeImages unfiltered", 750.0, 750.0, 10.0, 1),
        DESCRIBE_REGIONS("DescribeRegions (per call, samples of 100 calls)", null, null, 10.0, 100),
        GROW("grow to the memory scale (RunInstances of 100)", null, null, null, 1),
        DESCRIBE_TAG_AT_SCALE("DescribeInstances tag filter at memory scale", null, null, null, 1);

        final String title;
        final Double motoLowMs;
        final Double motoHighMs;
        final Double target;
        /**
         * Calls per timed sample, each sample recorded per call: a call of a tenth of a millisecond timed alone is
         * mostly timer and scheduling noise, and five of them are no median.
         */
        final int callsPerSample;

        Step(String title, Double motoLowMs, Double motoHighMs, Double target, int callsPerSample) {
            this.title = title;
            this.motoLowMs = motoLowMs;
            this.motoHighMs = motoHighMs;
            this.target = target;
            this.callsPerSample = callsPerSample;
        }
    }

    private static final String LAUNCH_FORM = "Action=RunInstances&Version=2016-11-15&InstanceType=t3.micro"
            + "&MinCount=1&MaxCount=1&TagSpecification.1.ResourceType=instance"
            + "&TagSpecification.1.Tag.1.Key=batch&TagSpecification.1.Tag.1.Value=%d"
            + "&TagSpecification.1.Tag.2.Key=bench&TagSpecification.1.Tag.2.Value=alto-bench&ImageId=%s";

    private final Ec2Client ec2;
    private final WireClient wire;
    private final int repeats;
    private final PrintStream progress;
    private final Map<Key, Stats> timings = new LinkedHashMap<>();
    private final Map<Key, String> notes = new LinkedHashMap<>();
    private final Map<Key, String> failures = new LinkedHashMap<>();
    private String imageId;
    private int instances;

    Workload(Target target, int repeats, PrintStream progress) {
        this.ec2 = client(target.endpoint(), target.accessKey(), target.secretKey());
        this.wire = new WireClient(target.endpoint(), target.accessKey(), target.secretKey());
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
        step(Step.CREATE_1000, Lane.SDK, this::create1000);

        step(Step.DESCRIBE_ALL, Lane.SDK, () -> repeat(Step.DESCRIBE_ALL, this::describeAll, "instances"));
        wireAndFloor(Step.DESCRIBE_ALL, "Action=DescribeInstances&Version=2016-11-15", "<instanceState>", instances,
                "instances", Workload::describeAll);

        step(Step.DESCRIBE_TAG, Lane.SDK, () -> repeat(Step.DESCRIBE_TAG, () -> describeBatch(ec2, 42), "instances"));
        wireAndFloor(Step.DESCRIBE_TAG, "Action=DescribeInstances&Version=2016-11-15&Filter.1.Name=tag%3Abatch"
                + "&Filter.1.Value.1=42", "<instanceState>", 10, "instances", client -> describeBatch(client, 42));

        step(Step.RUN_100, Lane.SDK, this::run100);
        step(Step.RUN_100, Lane.WIRE, this::run100Wire);
        step(Step.RUN_100, Lane.SDK_FLOOR, () -> floor(Step.RUN_100, launchAnswer(),
                client -> launch(client, 1, 0), 100, false, "RunInstances answers"));

        step(Step.DESCRIBE_IMAGES, Lane.SDK, () -> repeat(Step.DESCRIBE_IMAGES,
                () -> ec2.describeImages().images().size(), "images"));
        wireAndFloor(Step.DESCRIBE_IMAGES, "Action=DescribeImages&Version=2016-11-15", "<imageId>", -1, "images",
                client -> client.describeImages().images().size());

        step(Step.DESCRIBE_REGIONS, Lane.SDK, () -> repeat(Step.DESCRIBE_REGIONS,
                () -> ec2.describeRegions().regions().size(), "regions"));
        wireAndFloor(Step.DESCRIBE_REGIONS, "Action=DescribeRegions&Version=2016-11-15", "<regionName>", -1,
                "regions", client -> client.describeRegions().regions().size());
        return new Results(timings, notes, failures);
    }

    /** Grows the fleet to {@code scale} instances and times a tag-filtered DescribeInstances there. */
    Results grow(int scale) {
        if (scale > instances) {
            step(Step.GROW, Lane.SDK, () -> growTo(scale));
            step(Step.DESCRIBE_TAG_AT_SCALE, Lane.SDK, () -> repeat(Step.DESCRIBE_TAG_AT_SCALE,
                    () -> describeBatch(ec2, 42), "instances of " + instances));
        }
        return new Results(timings, notes, failures);
    }

    @Override
    public void close() {
        ec2.close();
        wire.close();
    }

    private interface Body {
        void run() throws Exception;
    }

    private interface Counted {
        int run() throws Exception;
    }

    /** An SDK call against some endpoint, answering how many items it got. */
    private interface SdkCall {
        int run(Ec2Client client) throws Exception;
    }

    private void step(Step step, Lane lane, Body body) {
        progress.println("  " + step.title + " [" + lane.title + "] ...");
        try {
            body.run();
        } catch (Exception e) {
            String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            failures.put(new Key(step, lane), e.getClass().getSimpleName() + ": " + message);
            progress.println("    FAILED: " + failures.get(new Key(step, lane)));
        }
    }

    /**
     * One untimed sample (first-call costs are not what this measures), then {@code repeats} timed ones; a sample is
     * the step's calls per sample, recorded per call.
     */
    private void repeat(Step step, Counted call, String unit) throws Exception {
        int n = step.callsPerSample;
        int count = 0;
        for (int c = 0; c < n; c++) {
            count = call.run();
        }
        Stats stats = new Stats();
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            for (int c = 0; c < n; c++) {
                count = call.run();
            }
            stats.add((System.nanoTime() - start) / n);
        }
        timings.put(new Key(step, Lane.SDK), stats);
        notes.put(new Key(step, Lane.SDK), count + " " + unit);
    }

    /** The wire lane of a one-call step, then the SDK floor on the answer the wire lane checked. */
    private void wireAndFloor(Step step, String form, String marker, int expected, String unit, SdkCall sdkCall) {
        byte[][] answer = new byte[1][];
        step(step, Lane.WIRE, () -> answer[0] = wireRepeat(step, form, marker, expected, unit));
        if (answer[0] != null) {
            step(step, Lane.SDK_FLOOR, () -> floor(step, answer[0], sdkCall, step.callsPerSample, true, unit));
        }
    }

    /**
     * One untimed call whose answer is checked (status 200, the whole document, no further page, how many
     * {@code marker} elements), then {@code repeats} timed calls that only read the bytes and check the status.
     */
    private byte[] wireRepeat(Step step, String form, String marker, int expected, String unit) throws Exception {
        WireClient.Answer checked = wire.call(form, true);
        String action = form.substring("Action=".length(), form.indexOf('&'));
        String text = checked.text();
        if (checked.status() != 200) {
            throw new IllegalStateException("HTTP " + checked.status() + ": " + text.lines().findFirst().orElse(""));
        }
        if (!text.stripTrailing().endsWith("</" + action + "Response>") || text.contains("<nextToken>")) {
            throw new IllegalStateException("the answer is not one whole page (" + checked.bytes() + " bytes)");
        }
        int count = checked.count(marker);
        if (expected >= 0 && count != expected) {
            throw new IllegalStateException("the answer holds " + count + " " + unit + ", not " + expected);
        }
        int n = step.callsPerSample;
        for (int c = 1; c < n; c++) {
            check(wire.call(form, false));
        }
        Stats stats = new Stats();
        for (int i = 0; i < repeats; i++) {
            long start = System.nanoTime();
            for (int c = 0; c < n; c++) {
                check(wire.call(form, false));
            }
            stats.add((System.nanoTime() - start) / n);
        }
        timings.put(new Key(step, Lane.WIRE), stats);
        notes.put(new Key(step, Lane.WIRE), count + " " + unit + ", " + checked.bytes() / 1024 + " KiB");
        return checked.body();
    }

    private static void check(WireClient.Answer answer) {
        if (answer.status() != 200 || answer.bytes() == 0) {
            throw new IllegalStateException("HTTP " + answer.status() + ", " + answer.bytes() + " bytes");
        }
    }

    /**
     * The SDK client against a server that replays {@code answer} at once: one untimed round, then {@code repeats}
     * timed rounds of {@code calls} calls, recorded per call when {@code perCall}, else per round.
     */
    private void floor(Step step, byte[] answer, SdkCall call, int calls, boolean perCall, String unit)
            throws Exception {
        try (ReplayServer replay = new ReplayServer(answer);
             Ec2Client client = client(replay.endpoint(), "test", "test")) {
            int count = 0;
            for (int i = 0; i < calls; i++) {
                count = call.run(client);
            }
            Stats stats = new Stats();
            for (int round = 0; round < repeats; round++) {
                long start = System.nanoTime();
                for (int i = 0; i < calls; i++) {
                    count = call.run(client);
                }
                stats.add((System.nanoTime() - start) / (perCall ? calls : 1));
            }
            timings.put(new Key(step, Lane.SDK_FLOOR), stats);
            notes.put(new Key(step, Lane.SDK_FLOOR), perCall ? count + " " + unit + " parsed"
                    : calls + " calls per round on recorded " + unit);
        }
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
        int made = launch(ec2, count, batch);
        instances += made;
        return made;
    }

    private int launch(Ec2Client client, int count, int batch) {
        TagSpecification tags = TagSpecification.builder().resourceType(ResourceType.INSTANCE)
                .tags(Tag.builder().key("batch").value(Integer.toString(batch)).build(),
                        Tag.builder().key("bench").value("alto-bench").build())
                .build();
        return client.runInstances(r -> r.imageId(image()).instanceType("t3.micro").minCount(count).maxCount(count)
                .tagSpecifications(tags)).instances().size();
    }

    /** A RunInstances answer of this server, made on the wire, for the SDK floor of RunInstances. */
    private byte[] launchAnswer() throws Exception {
        WireClient.Answer answer = wire.call(String.format(java.util.Locale.ROOT, LAUNCH_FORM, 0, image()), true);
        if (answer.status() != 200) {
            throw new IllegalStateException("HTTP " + answer.status() + ": " + answer.text().lines().findFirst()
                    .orElse(""));
        }
        instances++;
        return answer.body();
    }

    private void create1000() {
        image();
        Stats stats = new Stats();
        long start = System.nanoTime();
        for (int batch = 0; batch < 100; batch++) {
            launch(10, batch);
        }
        stats.add(System.nanoTime() - start);
        timings.put(new Key(Step.CREATE_1000, Lane.SDK), stats);
        notes.put(new Key(Step.CREATE_1000, Lane.SDK), instances + " instances");
    }

    private int describeAll() {
        return describeAll(ec2);
    }

    private static int describeAll(Ec2Client client) {
        int seen = 0;
        for (Reservation reservation : client.describeInstancesPaginator(DescribeInstancesRequest.builder().build())
                .reservations()) {
            seen += reservation.instances().size();
        }
        return seen;
    }

    private static int describeBatch(Ec2Client client, int batch) {
        int seen = 0;
        DescribeInstancesRequest request = DescribeInstancesRequest.builder()
                .filters(Filter.builder().name("tag:batch").values(Integer.toString(batch)).build()).build();
        for (Reservation reservation : client.describeInstancesPaginator(request).reservations()) {
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
        timings.put(new Key(Step.RUN_100, Lane.SDK), stats);
        notes.put(new Key(Step.RUN_100, Lane.SDK), "100 calls per round, " + rounds + " rounds after one untimed round");
    }

    /** RunInstances x100 on the wire: the untimed round checks every answer, the timed rounds their status. */
    private void run100Wire() throws Exception {
        for (int i = 0; i < 100; i++) {
            WireClient.Answer answer = wire.call(String.format(java.util.Locale.ROOT, LAUNCH_FORM, 1999, image()), true);
            if (answer.status() != 200 || answer.count("<instanceState>") != 1) {
                throw new IllegalStateException("HTTP " + answer.status() + ": " + answer.text().lines()
                        .filter(l -> !l.startsWith("<?xml")).findFirst().orElse(""));
            }
            instances++;
        }
        Stats stats = new Stats();
        int rounds = Math.max(1, repeats);
        for (int round = 0; round < rounds; round++) {
            String form = String.format(java.util.Locale.ROOT, LAUNCH_FORM, 3000 + round, image());
            long start = System.nanoTime();
            for (int i = 0; i < 100; i++) {
                WireClient.Answer answer = wire.call(form, false);
                if (answer.status() != 200) {
                    throw new IllegalStateException("HTTP " + answer.status() + " in round " + round);
                }
            }
            stats.add(System.nanoTime() - start);
            instances += 100;
        }
        timings.put(new Key(Step.RUN_100, Lane.WIRE), stats);
        notes.put(new Key(Step.RUN_100, Lane.WIRE), "100 calls per round, " + rounds + " rounds after one checked round");
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
        timings.put(new Key(Step.GROW, Lane.SDK), stats);
        notes.put(new Key(Step.GROW, Lane.SDK), instances + " instances, " + calls + " calls");
    }

    /** Instances made so far by this run. */
    int instances() {
        return instances;
    }
}
