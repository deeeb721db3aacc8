package io.altostratus.core.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.core.spi.decorate.FaultKind;
import io.altostratus.core.spi.decorate.FaultPlan;
import io.altostratus.core.spi.decorate.Faults;
import io.altostratus.core.wait.ManualClock;
import io.altostratus.core.wait.Waiter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FailoverPolicyTest {
    private static final LaunchSpec TEMPLATE = LaunchSpec.builder().image("ubuntu:24.04").instanceType("any")
            .name("web").build();

    private final FakeClouds clouds = new FakeClouds();
    private final List<Duration> sleeps = new ArrayList<>();

    private FailoverPolicy policy() {
        return FailoverPolicy.builder().sessions(clouds.sessions()).sleeper(sleeps::add).build();
    }

    private static Candidate c(String provider, String region, String zone, String type, double price) {
        return new Candidate(provider, region, zone, type, price);
    }

    @Test
    void capacityBlocksThatTypeInThatZoneSoAnotherTypeThereIsTried() {
        clouds.refuse("aws/r1/r1a small", ErrorCode.INSUFFICIENT_CAPACITY, "InsufficientInstanceCapacity");
        List<Candidate> list = List.of(
                c("aws", "r1", "r1a", "small", 0.10),
                c("aws", "r1", "r1a", "medium", 0.20), // same zone, another type: EC2's shortage was of small only
                c("aws", "r1", "r1b", "small", 0.10));

        PlacementResult result = policy().place(list, TEMPLATE);

        assertThat(result.landed()).isEqualTo(list.get(1));
        assertThat(result.skipped()).isZero();
        assertThat(result.failed()).singleElement().satisfies(a -> {
            assertThat(a.code()).isEqualTo(ErrorCode.INSUFFICIENT_CAPACITY);
            assertThat(a.scope()).isEqualTo(FailureScope.TYPE_IN_ZONE);
            assertThat(a.cleanup()).isEqualTo(Cleanup.NOTHING_LEFT);
            assertThat(a.summary()).contains("aws/r1/r1a small", "type blocked in zone");
        });
        assertThat(clouds.launches).containsExactly("aws/r1/r1a small", "aws/r1/r1a medium");
        assertThat(result.instances()).singleElement().satisfies(i -> {
            assertThat(i.zone()).isEqualTo("r1a");
            assertThat(i.instanceType()).isEqualTo("medium");
        });
    }

    @Test
    void aTypeShortInEveryZoneFallsBackToTheNextTypeInTheFirstZone() {
        // EC2's order for a named type with fallback: the type in each zone, then the next type from the first zone.
        clouds.refuse("aws/r1/r1a small", ErrorCode.INSUFFICIENT_CAPACITY, "InsufficientInstanceCapacity");
        clouds.refuse("aws/r1/r1b small", ErrorCode.INSUFFICIENT_CAPACITY, "InsufficientInstanceCapacity");
        List<Candidate> list = List.of(
                c("aws", "r1", "r1a", "small", 0.10),
                c("aws", "r1", "r1b", "small", 0.10),
                c("aws", "r1", "r1a", "medium", 0.20),
                c("aws", "r1", "r1b", "medium", 0.20));

        PlacementResult result = policy().place(list, TEMPLATE);

        assertThat(result.landed()).isEqualTo(list.get(2));
        assertThat(clouds.launches).containsExactly("aws/r1/r1a small", "aws/r1/r1b small", "aws/r1/r1a medium");
        assertThat(result.failed()).extracting(Attempt::scope)
                .containsExactly(FailureScope.TYPE_IN_ZONE, FailureScope.TYPE_IN_ZONE);
    }

    @Test
    void aTypeBlockedInAZoneIsSkippedThereWhenListedAgain() {
        clouds.refuse("aws/r1/r1a small", ErrorCode.INSUFFICIENT_CAPACITY, "InsufficientInstanceCapacity");
        clouds.refuse("aws/r1/r1a medium", ErrorCode.THROTTLED, "RequestLimitExceeded");
        List<Candidate> list = List.of(
                c("aws", "r1", "r1a", "small", 0.10),
                c("aws", "r1", "r1a", "medium", 0.20), // tried: only small is short in r1a
                c("aws", "r1", "r1a", "small", 0.10), // the same type and zone again: skipped
                c("aws", "r1", null, "small", 0.10), // no zone: its own place, tried
                c("aws", "r1", "r1b", "small", 0.10));
        List<String> skippedAt = new ArrayList<>();
        FailoverPolicy policy = FailoverPolicy.builder().sessions(clouds.sessions()).sleeper(sleeps::add)
                .listener(new FailoverPolicy.Listener() {
                    @Override
                    public void skipped(Candidate candidate, String blockedPlace) {
                        skippedAt.add(blockedPlace);
                    }
                }).build();

        PlacementResult result = policy.place(list, TEMPLATE);

        assertThat(result.landed()).isEqualTo(list.get(3));
        assertThat(result.skipped()).isEqualTo(1);
        assertThat(skippedAt).containsExactly("aws/r1/r1a small");
        assertThat(clouds.launches).containsExactly("aws/r1/r1a small", "aws/r1/r1a medium", "aws/r1/null small");
    }

    @Test
    void aClassifierThatSaysZoneStillBlocksEveryTypeInTheZone() {
        clouds.refuse("aws/r1/r1a", ErrorCode.INSUFFICIENT_CAPACITY, "ZonalAllocationFailed");
        FailoverPolicy zoneWide = FailoverPolicy.builder().sessions(clouds.sessions()).sleeper(sleeps::add)
                .classifier(e -> e.code() == ErrorCode.INSUFFICIENT_CAPACITY ? FailureScope.ZONE : FailureScope.of(e))
                .build();
        List<Candidate> list = List.of(
                c("aws", "r1", "r1a", "small", 0.10),
                c("aws", "r1", "r1a", "medium", 0.20), // same zone: skipped after the zone-wide failure
                c("aws", "r1", "r1b", "small", 0.10));

        PlacementResult result = zoneWide.place(list, TEMPLATE);

        assertThat(result.landed()).isEqualTo(list.get(2));
        assertThat(result.skipped()).isEqualTo(1);
        assertThat(result.failed()).singleElement().satisfies(a -> {
            assertThat(a.scope()).isEqualTo(FailureScope.ZONE);
            assertThat(a.summary()).contains("zone blocked");
        });
        assertThat(clouds.launches).containsExactly("aws/r1/r1a small", "aws/r1/r1b small");
    }

    @Test
    void quotaBlocksTheRegion() {
        clouds.refuse("aws/r1", ErrorCode.QUOTA_EXCEEDED, "VcpuLimitExceeded");
        List<Candidate> list = List.of(
                c("aws", "r1", "r1a", "small", 0.10),
                c("aws", "r1", "r1b", "small", 0.10),
                c("aws", "r2", "r2a", "small", 0.11));

        PlacementResult result = policy().place(list, TEMPLATE);

        assertThat(result.landed()).isEqualTo(list.get(2));
        assertThat(result.skipped()).isEqualTo(1);
        assertThat(result.failed()).singleElement().satisfies(a -> {
            assertThat(a.providerCode()).isEqualTo("VcpuLimitExceeded");
            assertThat(a.scope()).isEqualTo(FailureScope.REGION);
        });
    }

    @Test
    void anInjectedQuotaFaultBlocksTheRegionWithEc2sCode() {
        Faults faults = Faults.create(FaultPlan.parse("quota=r1"), 1, new ManualClock());
        Sessions sessions = clouds.sessions();
        FailoverPolicy policy = FailoverPolicy.builder().sessions((provider, region) ->
                faults.wrap(sessions.open(provider, region))).sleeper(sleeps::add).build();
        List<Candidate> list = List.of(
                c("aws", "r1", "r1a", "small", 0.10),
                c("aws", "r1", "r1b", "medium", 0.10), // same region: skipped after the quota failure
                c("aws", "r2", "r2a", "small", 0.11));

        PlacementResult result = policy.place(list, TEMPLATE);

        assertThat(result.landed()).isEqualTo(list.get(2));
        assertThat(result.skipped()).isEqualTo(1);
        assertThat(result.failed()).singleElement().satisfies(a -> {
            assertThat(a.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
            assertThat(a.providerCode()).isEqualTo("InstanceLimitExceeded");
            assertThat(a.scope()).isEqualTo(FailureScope.REGION);
            assertThat(a.cleanup()).isEqualTo(Cleanup.NOTHING_LEFT);
        });
        assertThat(clouds.launches).as("the refused launch never reached the cloud")
                .containsExactly("aws/r2/r2a small");
        assertThat(faults.injected().get(FaultKind.QUOTA)).isEqualTo(1);
    }

    @Test
    void authBlocksTheWholeCloud() {
        clouds.refuse("aws", ErrorCode.AUTH_FAILURE, "AuthFailure");
        List<Candidate> list = List.of(
                c("aws", "r1", "r1a", "small", 0.10),
                c("aws", "r2", "r2a", "small", 0.10),
                c("gcp", "g1", "g1-a", "e2", 0.12));

        PlacementResult result = policy().place(list, TEMPLATE);

        assertThat(result.landed().provider()).isEqualTo("gcp");
        assertThat(result.skipped()).isEqualTo(1);
        assertThat(result.failed()).singleElement()
                .satisfies(a -> assertThat(a.scope()).isEqualTo(FailureScope.CLOUD));
    }

    @Test
    void aSessionThatCannotOpenBlocksItsCloudAndMadeNothing() {
        clouds.openFailures.put("aws", new io.altostratus.core.error.AltoException(ErrorCode.AUTH_FAILURE,
                "InvalidClientTokenId", "The security token included in the request is invalid."));
        List<Candidate> list = List.of(c("aws", "r1", "r1a", "small", 0.10), c("aws", "r2", null, "small", 0.10),
                c("gcp", "g1", null, "e2", 0.12));

        PlacementResult result = policy().place(list, TEMPLATE);

        assertThat(result.landed().provider()).isEqualTo("gcp");
        assertThat(result.failed()).singleElement().satisfies(a -> {
            assertThat(a.providerCode()).isEqualTo("InvalidClientTokenId");
            assertThat(a.cleanup()).isEqualTo(Cleanup.NOTHING_LEFT);
        });
        assertThat(clouds.launches).containsExactly("gcp/g1/null e2");
    }

    @Test
    void aPartialLaunchIsTerminatedAndTheListingProvesIt() {
        clouds.trouble("aws/r1/r1a", FakeClouds.Trouble.PARTIAL, ErrorCode.INSUFFICIENT_CAPACITY);
        List<Candidate> list = List.of(c("aws", "r1", "r1a", "small", 0.10), c("aws", "r1", "r1b", "small", 0.10));

        PlacementResult result = policy().place(list, TEMPLATE);

        Attempt failed = result.failed().get(0);
        assertThat(failed.cleanup()).isEqualTo(Cleanup.CLEANED);
        assertThat(failed.terminated()).hasSize(1);
        assertThat(clouds.alive("aws/r1/r1a")).isEmpty();
        assertThat(clouds.alive("aws/r1/r1b")).hasSize(1);
        assertThat(failed.summary()).contains("aws/r1/r1a small", "type blocked in zone", "verified, terminated "
                + failed.terminated().get(0));
    }

    @Test
    void anInstanceWhoseLaunchResponseWasLostIsFoundByTheAttemptTag() {
        clouds.grace = Duration.ofSeconds(5);
        clouds.trouble("aws/r1/r1a", FakeClouds.Trouble.LOST_RESPONSE, ErrorCode.PROVIDER_ERROR);
        List<Candidate> list = List.of(c("aws", "r1", "r1a", "small", 0.10), c("aws", "r1", "r1b", "small", 0.10));

        PlacementResult result = policy().place(list, TEMPLATE);

        Attempt failed = result.failed().get(0);
        assertThat(failed.scope()).isEqualTo(FailureScope.CANDIDATE);
        assertThat(failed.cleanup()).isEqualTo(Cleanup.CLEANED);
        assertThat(failed.terminated()).hasSize(1);
        assertThat(clouds.alive("aws/r1/r1a")).isEmpty();
        // A server error does not say whether the cloud acted: the listing waited out the read lag first.
        assertThat(sleeps).containsExactly(Duration.ofSeconds(5));
        Instance leftover = clouds.instances.get(0);
        assertThat(leftover.tags()).containsEntry(FailoverPolicy.ATTEMPT_TAG, failed.attemptTag());
    }

    @Test
    void aRefusalIsCheckedWithoutWaitingOutTheReadLag() {
        clouds.grace = Duration.ofSeconds(60);
        clouds.refuse("aws/r1/r1a", ErrorCode.INSUFFICIENT_CAPACITY, "InsufficientInstanceCapacity");

        policy().place(List.of(c("aws", "r1", "r1a", "small", 0.1), c("aws", "r1", "r1b", "small", 0.1)), TEMPLATE);

        assertThat(sleeps).isEmpty();
    }

    @Test
    void aCloudThatLeaksIsCaughtReportedAndStopsTheWalk() {
        clouds.trouble("aws/r1/r1a", FakeClouds.Trouble.LOST_RESPONSE, ErrorCode.PROVIDER_ERROR);
        clouds.ignoreTerminate("aws");
        List<Candidate> list = List.of(c("aws", "r1", "r1a", "small", 0.10), c("gcp", "g1", null, "e2", 0.12));

        assertThatThrownBy(() -> policy().place(list, TEMPLATE))
                .isInstanceOfSatisfying(PlacementException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_ERROR);
                    assertThat(e.providerCode()).isEqualTo(PlacementException.CLEANUP_FAILED);
                    assertThat(e.leaks()).singleElement().satisfies(a -> {
                        assertThat(a.cleanup()).isEqualTo(Cleanup.LEAKED);
                        assertThat(a.scope()).isEqualTo(FailureScope.REQUEST);
                        assertThat(a.leftovers()).containsExactly(clouds.instances.get(0).id());
                        assertThat(a.summary()).contains("FAILED, still alive: " + clouds.instances.get(0).id());
                    });
                    assertThat(e.getMessage()).contains(clouds.instances.get(0).id(), "terminate them by hand");
                });
        assertThat(clouds.launches).as("no further attempt after a leak").containsExactly("aws/r1/r1a small");
        assertThat(clouds.alive("aws/r1")).hasSize(1);
        assertThat(clouds.closed.get()).isEqualTo(clouds.opened.get());
    }

    @Test
    void aPlaceThatCannotBeListedIsReportedUnverifiedNotClean() {
        clouds.refuse("aws", ErrorCode.AUTH_FAILURE, "AuthFailure");
        clouds.failListing("aws");
        List<Candidate> list = List.of(c("aws", "r1", "r1a", "small", 0.10), c("gcp", "g1", null, "e2", 0.12));

        PlacementResult result = policy().place(list, TEMPLATE);

        assertThat(result.landed().provider()).isEqualTo("gcp");
        Attempt failed = result.failed().get(0);
        assertThat(failed.cleanup()).isEqualTo(Cleanup.UNVERIFIED);
        assertThat(failed.cleanup().verified()).isFalse();
        assertThat(failed.summary()).contains("NOT verified", FailoverPolicy.ATTEMPT_TAG + "=" + failed.attemptTag());
    }

    @Test
    void whenEveryCandidateFailsTheErrorListsEachAttempt() {
        clouds.refuse("aws/r1/r1a", ErrorCode.INSUFFICIENT_CAPACITY, "InsufficientInstanceCapacity");
        clouds.refuse("aws/r1/r1b", ErrorCode.INSUFFICIENT_CAPACITY, "InsufficientInstanceCapacity");
        List<Candidate> list = List.of(c("aws", "r1", "r1a", "small", 0.10), c("aws", "r1", "r1b", "small", 0.10),
                c("aws", "r1", "r1a", "large", 0.30), c("aws", "r1", "r1b", "small", 0.10));

        assertThatThrownBy(() -> policy().place(list, TEMPLATE))
                .isInstanceOfSatisfying(PlacementException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INSUFFICIENT_CAPACITY);
                    assertThat(e.attempts()).extracting(a -> a.candidate().zone() + " " + a.candidate().instanceType())
                            .containsExactly("r1a small", "r1b small", "r1a large");
                    assertThat(e.skipped()).isEqualTo(1);
                    assertThat(e.getMessage()).contains("every candidate failed", "3 attempt(s)", "1 skipped");
                });
        assertThat(clouds.closed.get()).isEqualTo(clouds.opened.get()).isEqualTo(1);
    }

    @Test
    void mixedFailuresEndAsAllCandidatesFailed() {
        clouds.refuse("aws/r1", ErrorCode.QUOTA_EXCEEDED, "VcpuLimitExceeded");
        clouds.refuse("gcp", ErrorCode.AUTH_FAILURE, "PERMISSION_DENIED");

        assertThatThrownBy(() -> policy().place(List.of(c("aws", "r1", null, "s", 0.1), c("gcp", "g1", null, "e", 0.1)),
                TEMPLATE)).isInstanceOfSatisfying(PlacementException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_ERROR);
                    assertThat(e.providerCode()).isEqualTo(PlacementException.ALL_CANDIDATES_FAILED);
                    assertThat(e.attempts()).hasSize(2);
                });
    }

    @Test
    void maxAttemptsBoundsTheWalk() {
        clouds.refuse("aws", ErrorCode.THROTTLED, "RequestLimitExceeded");
        List<Candidate> list = List.of(c("aws", "r1", null, "a", 0.1), c("aws", "r1", null, "b", 0.1),
                c("aws", "r1", null, "c", 0.1));

        assertThatThrownBy(() -> FailoverPolicy.builder().sessions(clouds.sessions()).maxAttempts(2).build()
                .place(list, TEMPLATE))
                .isInstanceOfSatisfying(PlacementException.class, e -> {
                    assertThat(e.attempts()).hasSize(2);
                    assertThat(e.getMessage()).contains("1 not tried (at most 2 attempts)");
                });
    }

    @Test
    void aLaunchThatNeverRunsIsAFailedAttemptWhenWaitingAndIsCleanedUp() {
        clouds.trouble("aws/r1/r1a", FakeClouds.Trouble.STUCK_PENDING, ErrorCode.PROVIDER_ERROR);
        ManualClock clock = new ManualClock();
        FailoverPolicy waiting = FailoverPolicy.builder().sessions(clouds.sessions())
                .waiters(Waiter.builder().clock(clock).sleeper(clock)).sleeper(clock)
                .waitForRunning(Duration.ofMinutes(5)).build();
        List<Candidate> list = List.of(c("aws", "r1", "r1a", "small", 0.10), c("aws", "r1", "r1b", "small", 0.10));

        PlacementResult result = waiting.place(list, TEMPLATE);

        assertThat(result.landed().zone()).isEqualTo("r1b");
        assertThat(result.instances()).singleElement()
                .satisfies(i -> assertThat(i.state()).isEqualTo(InstanceState.RUNNING));
        Attempt failed = result.failed().get(0);
        assertThat(failed.code()).isEqualTo(ErrorCode.TIMEOUT);
        assertThat(failed.scope()).isEqualTo(FailureScope.CANDIDATE);
        assertThat(failed.cleanup()).isEqualTo(Cleanup.CLEANED);
        assertThat(clouds.alive("aws/r1/r1a")).isEmpty();
    }

    @Test
    void aClientTokenBecomesOneStableTokenPerAttempt() {
        clouds.refuse("aws/r1/r1a", ErrorCode.INSUFFICIENT_CAPACITY, "InsufficientInstanceCapacity");
        LaunchSpec withToken = TEMPLATE.toBuilder().clientToken("deploy-42").build();
        List<Candidate> list = List.of(c("aws", "r1", "r1a", "small", 0.10), c("aws", "r1", "r1b", "small", 0.10));

        policy().place(list, withToken);
        FakeClouds again = new FakeClouds();
        again.refuse("aws/r1/r1a", ErrorCode.INSUFFICIENT_CAPACITY, "InsufficientInstanceCapacity");
        FailoverPolicy.builder().sessions(again.sessions()).build().place(list, withToken);

        List<String> first = clouds.specs.stream().map(LaunchSpec::clientToken).toList();
        List<String> second = again.specs.stream().map(LaunchSpec::clientToken).toList();
        assertThat(first).hasSize(2).doesNotHaveDuplicates().doesNotContain("deploy-42");
        assertThat(second).isEqualTo(first);
        assertThat(clouds.specs.get(0).tags().get(FailoverPolicy.ATTEMPT_TAG))
                .isNotEqualTo(clouds.specs.get(1).tags().get(FailoverPolicy.ATTEMPT_TAG));
        // The repeated walk sends the same requests, tags included: EC2 refuses a known token with new parameters.
        assertThat(again.specs.stream().map(s -> s.tags().get(FailoverPolicy.ATTEMPT_TAG)).toList())
                .isEqualTo(clouds.specs.stream().map(s -> s.tags().get(FailoverPolicy.ATTEMPT_TAG)).toList());
        assertThat(clouds.specs.get(1).tags()).containsEntry("Name", "web");
    }

    @Test
    void anEmptyCandidateListIsABadRequest() {
        assertThatThrownBy(() -> policy().place(List.of(), TEMPLATE))
                .isInstanceOfSatisfying(io.altostratus.core.error.AltoException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER));
    }
}
