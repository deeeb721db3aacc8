package io.altostratus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.altostratus.catalog.Catalogs;
import io.altostratus.cli.internal.CatalogOfferings;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.placement.Attempt;
import io.altostratus.core.placement.Candidate;
import io.altostratus.core.placement.Candidates;
import io.altostratus.core.placement.Cleanup;
import io.altostratus.core.placement.FailoverPolicy;
import io.altostratus.core.placement.FailureScope;
import io.altostratus.core.placement.PlacementResult;
import io.altostratus.core.placement.Requirements;
import io.altostratus.core.placement.Sessions;
import io.altostratus.core.query.InstanceQuery;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.ForwardingComputeProvider;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.spi.ProviderFactory;
import io.altostratus.core.spi.decorate.FaultPlan;
import io.altostratus.core.spi.decorate.Faults;
import io.altostratus.core.wait.ManualClock;
import io.altostratus.local.LocalProviderFactory;
import io.altostratus.store.StateStore;
import io.altostratus.store.StateStores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Launch anywhere over two embedded clouds, one on the AWS catalog playing {@code aws} and one on the GCP catalog
 * playing {@code gcp}: the core failover policy with injected capacity and quota failures, and {@code alto launch
 * --clouds/--regions} on the command line.
 */
class LaunchAnywhereTest {
    @TempDir
    Path dir;

    private final ManualClock clock = new ManualClock();
    private final StateStore awsStore = StateStores.inMemory();
    private final StateStore gcpStore = StateStores.inMemory();
    private final ProviderFactory awsCloud = LocalProviderFactory.withStore(awsStore, Catalogs.aws());
    private final ProviderFactory gcpCloud = LocalProviderFactory.withStore(gcpStore, Catalogs.gcp());
    private final Faults faults = Faults.create(FaultPlan.NONE, 7, clock);

    @AfterEach
    void closeStores() throws Exception {
        awsStore.close();
        gcpStore.close();
    }

    /** Launches in the listed regions fail as EC2 fails a launch over the vCPU limit; nothing is made. */
    private static final class QuotaShort extends ForwardingComputeProvider {
        private final String cloud;
        private final Set<String> shortRegions;

        QuotaShort(String cloud, ComputeProvider delegate, Set<String> shortRegions) {
            super(delegate);
            this.cloud = cloud;
            this.shortRegions = shortRegions;
        }

        @Override
        public List<Instance> launch(LaunchSpec spec) {
            if (shortRegions.contains(cloud + "/" + region())) {
                throw new AltoException(ErrorCode.QUOTA_EXCEEDED, "VcpuLimitExceeded", "You have requested more "
                        + "vCPU capacity than your current vCPU limit allows for the instance bucket in " + region());
            }
            return super.launch(spec);
        }
    }

    private ComputeProvider open(String cloud, String region) {
        ProviderContext context = new ProviderContext(region, ProviderContext.DEFAULT_ACCOUNT, null, null,
                Map.of("transition_ms", "0"), clock);
        return (cloud.equals("aws") ? awsCloud : gcpCloud).open(context);
    }

    /** Every instance of a place that is neither terminating nor terminated, listed through a fresh session. */
    private List<Instance> aliveIn(String cloud, String region, String zone) {
        try (ComputeProvider session = open(cloud, region)) {
            return session.instances(InstanceQuery.all()).stream()
                    .filter(i -> zone == null || zone.equals(i.zone()))
                    .filter(i -> i.state() != InstanceState.TERMINATING && i.state() != InstanceState.TERMINATED)
                    .toList();
        }
    }

    @Test
    void capacityInTheCheapestZoneAndQuotaInItsRegionLandOnTheNextCandidateLeavingNothingBehind() {
        List<Candidate> candidates = Candidates.builder()
                .offerings(new CatalogOfferings("aws", Catalogs.aws()))
                .offerings(new CatalogOfferings("gcp", Catalogs.gcp()))
                .requirements(new Requirements(4, 16 * 1024, null, 0, Architecture.X86_64, null))
                .regions(List.of("us-east-1", "us-central1"))
                .build();
        Candidate cheapest = candidates.get(0);
        String cheapestRegion = cheapest.provider() + "/" + cheapest.region();
        faults.replace(FaultPlan.parse("capacity=" + cheapest.instanceType() + "@" + cheapest.zone()));
        Set<String> quota = Set.of(cheapestRegion);
        // Capacity is checked before quota (the fault decorator is outermost), so the cheapest zone meets the shortage.
        Sessions sessions = (cloud, region) -> faults.wrap(new QuotaShort(cloud, open(cloud, region), quota));
        // What the walk must do, worked out from the list: the cheapest type in its zone fails on capacity, which
        // rules out that type there only, so the next candidate of that region (another zone, or another type in the
        // same zone) fails on quota, and the first candidate outside the region takes it.
        Candidate quotaHit = candidates.stream()
                .filter(c -> (c.provider() + "/" + c.region()).equals(cheapestRegion))
                .filter(c -> !c.equals(cheapest))
                .findFirst().orElseThrow();
        Candidate expected = candidates.stream()
                .filter(c -> !(c.provider() + "/" + c.region()).equals(cheapestRegion))
                .findFirst().orElseThrow();
        assertThat(candidates.indexOf(quotaHit)).isLessThan(candidates.indexOf(expected));

        LaunchSpec template = LaunchSpec.builder().image("ubuntu:24.04").instanceType(cheapest.instanceType())
                .name("anywhere").build();
        PlacementResult result = FailoverPolicy.builder().sessions(sessions).sleeper(clock).build()
                .place(candidates, template);

        assertThat(result.landed()).isEqualTo(expected);
        assertThat(result.failed()).as(result.failed().stream().map(Attempt::summary).toList().toString())
                .extracting(Attempt::candidate).containsExactly(cheapest, quotaHit);
        Attempt capacity = result.failed().get(0);
        assertThat(capacity.code()).isEqualTo(ErrorCode.INSUFFICIENT_CAPACITY);
        assertThat(capacity.providerCode()).isEqualTo("InsufficientInstanceCapacity");
        assertThat(capacity.scope()).isEqualTo(FailureScope.TYPE_IN_ZONE);
        Attempt quotaAttempt = result.failed().get(1);
        assertThat(quotaAttempt.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
        assertThat(quotaAttempt.scope()).isEqualTo(FailureScope.REGION);
        assertThat(result.failed()).allSatisfy(a -> assertThat(a.cleanup()).isEqualTo(Cleanup.NOTHING_LEFT));
        assertThat(result.skipped()).isEqualTo(candidates.indexOf(expected) - 2);

        // Listing the failed places shows nothing there; the landing place has the one instance.
        assertThat(aliveIn(cheapest.provider(), cheapest.region(), null)).isEmpty();
        List<Instance> landed = aliveIn(expected.provider(), expected.region(), expected.zone());
        assertThat(landed).singleElement().satisfies(i -> {
            assertThat(i.instanceType()).isEqualTo(expected.instanceType());
            assertThat(i.name()).isEqualTo("anywhere");
            assertThat(i.tags()).containsKey(FailoverPolicy.ATTEMPT_TAG);
        });
        assertThat(result.instances()).extracting(Instance::id).containsExactly(landed.get(0).id());
        System.out.println("walk: " + candidates.subList(0, candidates.indexOf(expected) + 1).size()
                + " candidates up to the landing; cheapest " + cheapest + "; landed " + expected);
        result.failed().forEach(a -> System.out.println("  failed: " + a.summary()));
    }

    // ---- the command line over the local cloud ---------------------------------------------------------------

    private CliRun.Result alto(CliRun cli, String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--state-dir", dir.resolve("state").toString()));
        return cli.run(all.toArray(String[]::new));
    }

    private CliRun cli() {
        CliRun cli = new CliRun(dir);
        cli.env.put("ALTO_LOCAL_TRANSITION_MS", "0");
        // One live instance per region: a region that already has one refuses the next launch as over quota.
        cli.env.put("ALTO_LOCAL_MAX_INSTANCES", "1");
        return cli;
    }

    @Test
    void theCommandLineFailsOverFromARegionOverQuotaAndSaysWhy() {
        CliRun cli = cli();
        CliRun.Result first = alto(cli, "--region", "us-east-1", "launch", "--image", "ubuntu:24.04", "--type",
                "t3.micro", "-o", "json");
        assertThat(first.exit()).as(first.toString()).isZero();

        CliRun.Result walk = alto(cli, "launch", "--clouds", "local", "--regions", "us-east-1,us-west-2",
                "--min-vcpus", "4", "--min-memory", "16", "--arch", "x86_64", "--image", "ubuntu:24.04", "-o",
                "json");

        assertThat(walk.exit()).as(walk.toString()).isZero();
        assertThat(walk.err()).contains("alto: attempt failed: local/us-east-1/", "InstanceLimitExceeded",
                "region blocked", "cleanup verified, nothing left");
        assertThat(walk.err()).containsPattern("alto: landed on local/us-west-2/us-west-2. \\S+ \\$[0-9.]+/h after "
                + "1 failed attempt\\(s\\), [0-9]+ candidate\\(s\\) skipped in blocked places");
        JsonNode landed = walk.json();
        assertThat(landed).hasSize(1);
        assertThat(landed.get(0).get("region").asText()).isEqualTo("us-west-2");

        CliRun.Result east = alto(cli, "--region", "us-east-1", "ls", "-o", "json");
        assertThat(east.json()).as("only the instance that was there before").hasSize(1);
        assertThat(east.json().get(0).get("id").asText()).isEqualTo(first.json().get(0).get("id").asText());
    }

    @Test
    void everyCandidateFailingIsOneLineWithTheRetryLaterExitCode() {
        CliRun cli = cli();
        for (String region : List.of("us-east-1", "us-west-2")) {
            assertThat(alto(cli, "--region", region, "launch", "--image", "ubuntu:24.04", "--type", "t3.micro")
                    .exit()).isZero();
        }

        CliRun.Result walk = alto(cli, "launch", "--clouds", "local", "--regions", "us-east-1,us-west-2",
                "--min-vcpus", "4", "--min-memory", "16", "--image", "ubuntu:24.04");

        assertThat(walk.exit()).isEqualTo(ExitCode.RETRY_LATER.code());
        assertThat(walk.err()).contains("every candidate failed: 2 attempt(s)");
        assertThat(walk.err().lines().filter(l -> l.contains("attempt failed:"))).hasSize(2);
    }

    @Test
    void nothingThatFitsIsAUsageError() {
        CliRun.Result walk = alto(cli(), "launch", "--clouds", "local,gcp", "--regions", "us-east-1",
                "--min-vcpus", "100000", "--image", "ubuntu:24.04");

        assertThat(walk.exit()).as(walk.toString()).isEqualTo(ExitCode.USAGE.code());
        assertThat(walk.err()).contains("no candidate fits: no instance type of local, gcp in region(s) us-east-1 "
                + "has at least 100000 vCPUs");
        assertThat(walk.err().strip().lines()).hasSize(1);
    }

    @Test
    void aCloudWithoutACatalogIsRefusedByName() {
        CliRun.Result walk = alto(cli(), "launch", "--clouds", "proxmox", "--min-vcpus", "2", "--image",
                "ubuntu:24.04");

        assertThat(walk.exit()).isEqualTo(ExitCode.USAGE.code());
        assertThat(walk.err()).contains("--clouds: no catalog for 'proxmox'");
    }

    /** The cheapest place a 2-vCPU x86 launch anywhere on the local cloud would take without a region. */
    private static Candidate cheapestLocal() {
        return Candidates.builder().offerings(new CatalogOfferings("local", Catalogs.aws()))
                .requirements(new Requirements(2, 0, null, 0, Architecture.X86_64, null)).build().get(0);
    }

    @Test
    void aRegionOnTheCommandLineIsTheOnlyRegionOfTheWalkBeforeOrAfterTheVerb() {
        assertThat(cheapestLocal().region()).as("the regions below are not where the walk goes anyway")
                .isNotIn("sa-east-1", "ap-southeast-2");
        CliRun cli = cli();

        CliRun.Result before = alto(cli, "--region", "sa-east-1", "launch", "--clouds", "local", "--min-vcpus", "2",
                "--arch", "x86_64", "--image", "ubuntu:24.04", "-o", "json");
        CliRun.Result after = alto(cli, "launch", "--region", "ap-southeast-2", "--clouds", "local", "--min-vcpus",
                "2", "--arch", "x86_64", "--image", "ubuntu:24.04", "-o", "json");

        assertThat(before.exit()).as(before.toString()).isZero();
        assertThat(before.json().get(0).get("region").asText()).isEqualTo("sa-east-1");
        assertThat(before.err()).contains("alto: landed on local/sa-east-1/sa-east-1");
        assertThat(after.exit()).as(after.toString()).isZero();
        assertThat(after.json().get(0).get("region").asText()).isEqualTo("ap-southeast-2");
    }

    @Test
    void theConfigsRegionDoesNotNarrowAWalk() throws Exception {
        Path config = Files.writeString(dir.resolve("alto.toml"), "region = \"sa-east-1\"\n");
        Candidate cheapest = cheapestLocal();

        CliRun.Result walk = alto(cli(), "--config", config.toString(), "launch", "--clouds", "local",
                "--min-vcpus", "2", "--arch", "x86_64", "--image", "ubuntu:24.04", "-o", "json");

        assertThat(walk.exit()).as(walk.toString()).isZero();
        assertThat(walk.json().get(0).get("region").asText()).isEqualTo(cheapest.region());
    }

    @Test
    void aRegionWithRegionsIsOneUsageLine() {
        CliRun.Result walk = alto(cli(), "--region", "us-east-1", "launch", "--clouds", "local", "--regions",
                "us-west-2", "--min-vcpus", "2", "--image", "ubuntu:24.04");

        assertThat(walk.exit()).as(walk.toString()).isEqualTo(ExitCode.USAGE.code());
        assertThat(walk.errLines()).singleElement().satisfies(line -> assertThat(line)
                .contains("--region names one region and --regions several"));
    }

    @Test
    void aRegionNoCloudOfTheWalkHasIsRefusedByName() {
        CliRun.Result walk = alto(cli(), "--region", "europe-west1", "launch", "--clouds", "local",
                "--min-vcpus", "2", "--image", "ubuntu:24.04");

        assertThat(walk.exit()).as(walk.toString()).isEqualTo(ExitCode.USAGE.code());
        assertThat(walk.err()).contains("no region 'europe-west1'");
        assertThat(walk.err().strip().lines()).hasSize(1);
    }
}
