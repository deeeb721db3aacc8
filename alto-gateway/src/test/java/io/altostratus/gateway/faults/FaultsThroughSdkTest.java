package io.altostratus.gateway.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.altostratus.core.spi.decorate.FaultKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceType;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;

/**
 * Each fault kind as the AWS SDK for Java v2 meets it on the wire: EC2's codes and statuses, the SDK's own retries
 * counted attempt by attempt, and the plan changed between calls as {@code POST /_alto/faults} changes it.
 */
class FaultsThroughSdkTest {
    private static final String IMAGE = "ubuntu:24.04";
    private ObservedGateway served;

    @AfterEach
    void close() {
        if (served != null) {
            served.close();
        }
    }

    private String imageId() {
        return served.ec2.describeImages(r -> r.owners("099720109477")
                .filters(f -> f.name("name").values("*noble*amd64*"))).images().get(0).imageId();
    }

    private RunInstancesRequest.Builder run(String image) {
        return RunInstancesRequest.builder().imageId(image).instanceType(InstanceType.T3_MICRO).minCount(1).maxCount(1);
    }

    private static List<String> ids(DescribeInstancesResponse response) {
        List<String> ids = new ArrayList<>();
        for (Reservation r : response.reservations()) {
            r.instances().forEach(i -> ids.add(i.instanceId()));
        }
        return ids;
    }

    @Test
    void throttlingIsRequestLimitExceededWhichTheSdkRetries() {
        served = new ObservedGateway(11);
        served.plan("throttle=30%");

        int calls = 40;
        for (int i = 0; i < calls; i++) {
            assertThat(served.ec2.describeAvailabilityZones().availabilityZones()).isNotEmpty();
        }

        long throttled = served.count("503 RequestLimitExceeded");
        long injected = served.faults.injected().get(FaultKind.THROTTLE);
        assertThat(throttled).as("30% of at least 40 backend calls, with this seed").isGreaterThan(5);
        assertThat(throttled).as("every injected throttle failed one attempt, and the SDK saw each")
                .isEqualTo(injected);
        assertThat(served.attempts).as("each call's last attempt succeeded; each throttled one was retried")
                .hasSize((int) (calls + throttled));
        assertThat(served.count("200")).isEqualTo(calls);
    }

    @Test
    void throttlingEveryCallExhaustsTheSdksAttempts() {
        served = new ObservedGateway(1);
        served.plan("throttle=100%");

        Ec2Exception e = catchThrowableOfType(Ec2Exception.class, () -> served.ec2.describeRegions());

        assertThat(e.statusCode()).isEqualTo(503);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("RequestLimitExceeded");
        assertThat(e.isThrottlingException()).isTrue();
        assertThat(e.numAttempts()).isEqualTo(ObservedGateway.MAX_ATTEMPTS);
        assertThat(served.attempts).hasSize(ObservedGateway.MAX_ATTEMPTS).containsOnly("503 RequestLimitExceeded");
    }

    @Test
    void serverErrorsAreInternalErrorOrUnavailableAndTheSdkRetriesBoth() {
        served = new ObservedGateway(5);
        served.plan("error=100%");

        for (int i = 0; i < 6; i++) {
            Ec2Exception e = catchThrowableOfType(Ec2Exception.class, () -> served.ec2.describeRegions());
            assertThat(e.awsErrorDetails().errorCode()).isIn("InternalError", "Unavailable");
            assertThat(e.statusCode()).isEqualTo(e.awsErrorDetails().errorCode().equals("InternalError") ? 500 : 503);
        }

        assertThat(served.attempts).hasSize(6 * ObservedGateway.MAX_ATTEMPTS)
                .containsOnly("500 InternalError", "503 Unavailable")
                .contains("500 InternalError", "503 Unavailable");
        assertThat(served.faults.injected().get(FaultKind.ERROR)).isEqualTo(6L * ObservedGateway.MAX_ATTEMPTS);

        served.faults.clear();
        assertThat(served.ec2.describeRegions().regions()).isNotEmpty();
    }

    @Test
    void aNewInstanceIsNotFoundUntilEventualHasPassed() {
        served = new ObservedGateway(1);
        String image = imageId();
        served.plan("eventual=2s");

        String id = served.ec2.runInstances(run(image).build()).instances().get(0).instanceId();

        Ec2Exception missing = catchThrowableOfType(Ec2Exception.class,
                () -> served.ec2.describeInstances(r -> r.instanceIds(id)));
        assertThat(missing.awsErrorDetails().errorCode()).isEqualTo("InvalidInstanceID.NotFound");
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.numAttempts()).as("a client error is not retried").isEqualTo(1);
        assertThat(ids(served.ec2.describeInstances())).doesNotContain(id);

        served.clock.advance(Duration.ofMillis(1999));
        assertThat(ids(served.ec2.describeInstances())).doesNotContain(id);
        served.clock.advance(Duration.ofMillis(1));

        assertThat(ids(served.ec2.describeInstances(r -> r.instanceIds(id)))).containsExactly(id);
        assertThat(ids(served.ec2.describeInstances())).contains(id);
    }

    @Test
    void aNewVolumeIsNotFoundUntilEventualHasPassed() {
        served = new ObservedGateway(1);
        served.plan("eventual=2s");

        String id = served.ec2.createVolume(r -> r.availabilityZone("us-east-1a").size(8)).volumeId();

        Ec2Exception missing = catchThrowableOfType(Ec2Exception.class,
                () -> served.ec2.describeVolumes(r -> r.volumeIds(id)));
        assertThat(missing.awsErrorDetails().errorCode()).isEqualTo("InvalidVolume.NotFound");
        assertThat(served.ec2.describeVolumes().volumes()).noneMatch(v -> v.volumeId().equals(id));

        served.clock.advance(Duration.ofSeconds(2));

        assertThat(served.ec2.describeVolumes(r -> r.volumeIds(id)).volumes()).hasSize(1);
    }

    @Test
    void aShortZoneAnswersInsufficientInstanceCapacityForThatTypeThere() {
        served = new ObservedGateway(1);
        String image = imageId();
        served.plan("capacity=t3.micro@us-east-1a");

        Ec2Exception refused = catchThrowableOfType(Ec2Exception.class,
                () -> served.ec2.runInstances(run(image).placement(p -> p.availabilityZone("us-east-1a")).build()));

        assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("InsufficientInstanceCapacity");
        assertThat(refused.statusCode()).isEqualTo(500);
        assertThat(refused.awsErrorDetails().errorMessage()).contains("t3.micro", "us-east-1a");
        assertThat(ids(served.ec2.describeInstances())).as("a refused launch made nothing").isEmpty();

        Instance elsewhere = served.ec2.runInstances(run(image).placement(p -> p.availabilityZone("us-east-1b"))
                .build()).instances().get(0);
        Instance otherType = served.ec2.runInstances(run(image).instanceType(InstanceType.T3_SMALL)
                .placement(p -> p.availabilityZone("us-east-1a")).build()).instances().get(0);
        Instance unplaced = served.ec2.runInstances(run(image).build()).instances().get(0);
        assertThat(elsewhere.placement().availabilityZone()).isEqualTo("us-east-1b");
        assertThat(otherType.placement().availabilityZone()).isEqualTo("us-east-1a");
        assertThat(unplaced.instanceId()).startsWith("i-");
    }

    @Test
    void aShortRegionRefusesUnplacedLaunchesToo() {
        served = new ObservedGateway(1);
        String image = imageId();
        served.plan("capacity=t3.micro@us-east-1");

        Ec2Exception refused = catchThrowableOfType(Ec2Exception.class,
                () -> served.ec2.runInstances(run(image).build()));

        assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("InsufficientInstanceCapacity");
        assertThat(served.faults.injected().get(FaultKind.CAPACITY)).isEqualTo((long) refused.numAttempts());
    }

    @Test
    void aRegionOverQuotaAnswersInstanceLimitExceededWhichTheSdkDoesNotRetry() {
        served = new ObservedGateway(1);
        String image = imageId();
        served.plan("quota=us-east-1");

        Ec2Exception refused = catchThrowableOfType(Ec2Exception.class,
                () -> served.ec2.runInstances(run(image).placement(p -> p.availabilityZone("us-east-1b")).build()));

        assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("InstanceLimitExceeded");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.awsErrorDetails().errorMessage()).contains("instance limit", "us-east-1");
        assertThat(refused.numAttempts()).as("a used-up limit is not worth retrying at once").isEqualTo(1);
        assertThat(served.faults.injected().get(FaultKind.QUOTA)).isEqualTo(1L);
        assertThat(ids(served.ec2.describeInstances())).as("a refused launch made nothing").isEmpty();
    }

    @Test
    void aTypeOverQuotaAnswersVcpuLimitExceededForThatTypeOnly() {
        served = new ObservedGateway(1);
        String image = imageId();
        served.plan("quota=t3.micro@us-east-1");

        Ec2Exception refused = catchThrowableOfType(Ec2Exception.class,
                () -> served.ec2.runInstances(run(image).build()));

        assertThat(refused.awsErrorDetails().errorCode()).isEqualTo("VcpuLimitExceeded");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.awsErrorDetails().errorMessage()).contains("t3.micro");
        Instance other = served.ec2.runInstances(run(image).instanceType(InstanceType.T3_SMALL).build())
                .instances().get(0);
        assertThat(other.instanceId()).startsWith("i-");
    }
}
