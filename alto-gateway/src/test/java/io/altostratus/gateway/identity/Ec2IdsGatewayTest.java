package io.altostratus.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.altostratus.core.model.Instance;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.gateway.Gateway;
import io.altostratus.gateway.action.Ec2Dispatcher;
import io.altostratus.gateway.action.groups.Ec2Actions;
import io.altostratus.gateway.backend.Backend;
import io.altostratus.store.StateStore;
import io.altostratus.store.StateStores;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.InstanceStateChange;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.RunInstancesResponse;

/**
 * The gateway over a backend whose ids are not EC2's ({@code vm-<uuid>}): a real SDK client sees only EC2-shaped
 * ids, uses them for every later call, and sees the same ids again after the gateway restarts on the same state
 * directory.
 */
class Ec2IdsGatewayTest {
    private static final String INSTANCE_ID = "i-[0-9a-f]{17}";

    @TempDir
    Path stateDir;

    private final VmCloud cloud = new VmCloud();
    private StateStore store;
    private Backend backend;
    private Gateway gateway;
    private Ec2Client ec2;

    @BeforeEach
    void start() {
        store = StateStores.open(stateDir);
        ProviderContext template = new ProviderContext(null, ProviderContext.DEFAULT_ACCOUNT, null, stateDir, Map.of(),
                null);
        backend = new Backend(cloud, template, null, store);
        gateway = Gateway.builder().port(0).stateStore(store)
                .dispatcher(new Ec2Dispatcher(backend, Ec2Actions.all())).start();
        ec2 = Ec2Client.builder()
                .endpointOverride(URI.create(gateway.endpoint().toString()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
    }

    @AfterEach
    void stop() {
        ec2.close();
        gateway.close();
        backend.close();
        store.close();
    }

    private void restart() {
        stop();
        start();
    }

    private String ami() {
        List<software.amazon.awssdk.services.ec2.model.Image> images = ec2.describeImages().images();
        assertThat(images).hasSize(1);
        return images.get(0).imageId();
    }

    private List<software.amazon.awssdk.services.ec2.model.Instance> described(Filter... filters) {
        return ec2.describeInstances(r -> r.filters(filters)).reservations().stream()
                .flatMap(r -> r.instances().stream()).toList();
    }

    private software.amazon.awssdk.services.ec2.model.Instance described(String id) {
        return ec2.describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0);
    }

    private static Filter filter(String name, String value) {
        return Filter.builder().name(name).values(value).build();
    }

    private static String ec2Code(Runnable call) {
        return catchThrowableOfType(Ec2Exception.class, call::run).awsErrorDetails().errorCode();
    }

    @Test
    void clientsSeeAndUseOnlyEc2ShapedIdsAndTheyOutliveARestart() {
        String ami = ami();
        assertThat(ami).matches("ami-[0-9a-f]{17}");

        RunInstancesResponse run = ec2.runInstances(r -> r.imageId(ami).instanceType("t3.micro").minCount(2)
                .maxCount(2));
        List<String> ids = run.instances().stream().map(i -> i.instanceId()).toList();
        assertThat(ids).hasSize(2).allMatch(id -> id.matches(INSTANCE_ID));
        assertThat(run.reservationId()).matches("r-[0-9a-f]{17}");
        assertThat(run.instances()).extracting(i -> i.amiLaunchIndex()).containsExactly(0, 1);

        // The backend holds its own ids; none of them reaches the client.
        List<String> nativeIds = cloud.machines(ProviderContext.DEFAULT_ACCOUNT).stream().map(Instance::id).toList();
        assertThat(nativeIds).hasSize(2).allMatch(id -> id.startsWith("vm-"));

        List<Reservation> reservations = ec2.describeInstances().reservations();
        assertThat(reservations).hasSize(1);
        assertThat(reservations.get(0).reservationId()).isEqualTo(run.reservationId());
        var first = described(ids.get(0));
        assertThat(first.imageId()).isEqualTo(ami);
        assertThat(first.vpcId()).matches("vpc-[0-9a-f]{17}");
        assertThat(first.subnetId()).matches("subnet-[0-9a-f]{17}");
        assertThat(first.state().nameAsString()).isEqualTo("running");
        assertThat(described(filter("vpc-id", first.vpcId()))).hasSize(2);
        assertThat(described(filter("vpc-id", "vpc-0123456789abcdef0"))).isEmpty();

        InstanceStateChange stopped = ec2.stopInstances(r -> r.instanceIds(ids.get(0))).stoppingInstances().get(0);
        assertThat(stopped.instanceId()).isEqualTo(ids.get(0));
        assertThat(stopped.currentState().code()).isEqualTo(80);
        assertThat(described(ids.get(0)).state().nameAsString()).isEqualTo("stopped");
        InstanceStateChange started = ec2.startInstances(r -> r.instanceIds(ids.get(0))).startingInstances().get(0);
        assertThat(started.currentState().nameAsString()).isEqualTo("running");

        ec2.createTags(r -> r.resources(ids.get(0)).tags(t -> t.key("Name").value("web")));
        assertThat(described(ids.get(0)).tags()).anyMatch(t -> t.key().equals("Name") && t.value().equals("web"));

        InstanceStateChange terminating = ec2.terminateInstances(r -> r.instanceIds(ids.get(1)))
                .terminatingInstances().get(0);
        assertThat(terminating.instanceId()).isEqualTo(ids.get(1));
        assertThat(terminating.currentState().nameAsString()).isEqualTo("shutting-down");
        assertThat(terminating.currentState().code()).isEqualTo(32);
        // EC2's name for the portable TERMINATING state, in filters too.
        assertThat(described(filter("instance-state-name", "shutting-down")))
                .extracting(i -> i.instanceId()).containsExactly(ids.get(1));
        assertThat(described(filter("instance-state-code", "32")))
                .extracting(i -> i.instanceId()).containsExactly(ids.get(1));

        assertThat(ec2Code(() -> ec2.describeInstances(r -> r.instanceIds("i-0123456789abcdef0"))))
                .isEqualTo("InvalidInstanceID.NotFound");
        assertThat(ec2Code(() -> ec2.stopInstances(r -> r.instanceIds("i-0123456789abcdef0"))))
                .isEqualTo("InvalidInstanceID.NotFound");
        assertThat(ec2Code(() -> ec2.runInstances(r -> r.imageId("ami-0123456789abcdef0").instanceType("t3.micro")
                .minCount(1).maxCount(1)))).isEqualTo("InvalidAMIID.NotFound");

        restart();

        assertThat(ami()).isEqualTo(ami);
        assertThat(described()).extracting(i -> i.instanceId()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(described(ids.get(0)).tags()).anyMatch(t -> t.key().equals("Name") && t.value().equals("web"));
        assertThat(ec2.describeInstances(r -> r.instanceIds(ids.get(0))).reservations().get(0).reservationId())
                .isEqualTo(run.reservationId());
        cloud.finishTerminations();
        assertThat(described(ids.get(1)).state().code()).isEqualTo(48);
        ec2.terminateInstances(r -> r.instanceIds(ids.get(0)));
        assertThat(described(filter("instance-state-name", "shutting-down")))
                .extracting(i -> i.instanceId()).containsExactly(ids.get(0));
    }

    @Test
    void unsupportedExtensionsAnswerEc2sUnsupportedOperation() {
        assertThat(ec2Code(() -> ec2.describeVolumes())).isEqualTo("UnsupportedOperation");
        assertThat(ec2Code(() -> ec2.describeVpcs())).isEqualTo("UnsupportedOperation");
    }

    @Test
    void instancesMadeOutsideTheGatewayGetIdsOnFirstSight() {
        String ami = ami();
        ec2.runInstances(r -> r.imageId(ami).instanceType("t3.micro").minCount(1).maxCount(1));
        // A machine the gateway never launched (made by the cloud's own tools).
        try (ComputeProvider direct = cloud.open(new ProviderContext("us-east-1", ProviderContext.DEFAULT_ACCOUNT,
                null, null, Map.of(), null))) {
            direct.launch(LaunchSpec.builder().image(VmCloud.IMAGE).instanceType("t3.micro").build());
        }

        List<Reservation> reservations = ec2.describeInstances().reservations();
        assertThat(reservations).hasSize(2);
        assertThat(reservations).flatExtracting(Reservation::instances).extracting(i -> i.instanceId())
                .allMatch(id -> id.matches(INSTANCE_ID)).doesNotHaveDuplicates();
    }
}
