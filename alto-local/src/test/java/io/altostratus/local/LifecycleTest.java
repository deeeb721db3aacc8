package io.altostratus.local;

import static io.altostratus.local.TestClouds.attributes;
import static io.altostratus.local.TestClouds.console;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.model.StateChange;
import io.altostratus.core.query.InstanceQuery;
import io.altostratus.core.spec.LaunchSpec;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Transitions are stored with the time they settle and read through the injected clock. */
class LifecycleTest {
    private final TestClouds clouds = new TestClouds().setting("transition_ms", "1000")
            .setting("terminated_retention_s", "60");
    private final LocalCloud cloud = clouds.open();

    @AfterEach
    void close() {
        cloud.close();
        clouds.close();
    }

    private Instance launch() {
        return cloud.launch(LaunchSpec.builder().image("ubuntu:24.04").instanceType("t3.micro").name("web").build()).get(0);
    }

    private InstanceState state(String id) {
        return cloud.instance(id).state();
    }

    private void advance(long millis) {
        clouds.clock.advance(Duration.ofMillis(millis));
    }

    @Test
    void pendingSettlesToRunningExactlyWhenTheClockReachesTheTransitionTime() {
        Instance launched = launch();
        assertThat(launched.state()).isEqualTo(InstanceState.PENDING);

        advance(999);
        assertThat(state(launched.id())).isEqualTo(InstanceState.PENDING);
        advance(1);
        assertThat(state(launched.id())).isEqualTo(InstanceState.RUNNING);
        assertThat(cloud.instances(InstanceQuery.builder().state(InstanceState.RUNNING).build()))
                .extracting(Instance::id).containsExactly(launched.id());
    }

    @Test
    void stopStartRebootAndTerminateGoThroughTheirTransitionalStates() {
        String id = launch().id();
        advance(1000);

        assertThat(cloud.stop(List.of(id), false))
                .containsExactly(new StateChange(id, InstanceState.RUNNING, InstanceState.STOPPING));
        assertThat(state(id)).isEqualTo(InstanceState.STOPPING);
        advance(1000);
        assertThat(state(id)).isEqualTo(InstanceState.STOPPED);

        assertThat(cloud.start(List.of(id)))
                .containsExactly(new StateChange(id, InstanceState.STOPPED, InstanceState.PENDING));
        advance(1000);
        assertThat(state(id)).isEqualTo(InstanceState.RUNNING);

        cloud.reboot(List.of(id));
        assertThat(state(id)).isEqualTo(InstanceState.RUNNING);
        assertThat(console(cloud).consoleOutput(id)).contains("SIMULATED").contains("reboot: Restarting system");

        assertThat(cloud.terminate(List.of(id)))
                .containsExactly(new StateChange(id, InstanceState.RUNNING, InstanceState.TERMINATING));
        assertThat(state(id)).isEqualTo(InstanceState.TERMINATING);
        assertThat(cloud.instance(id).rawState()).as("EC2's word while terminating").isEqualTo("shutting-down");
        advance(1000);
        assertThat(state(id)).isEqualTo(InstanceState.TERMINATED);
        assertThat(cloud.instance(id).rawState()).as("the same word as the portable state").isNull();
    }

    @Test
    void followsEc2ForRepeatedAndInvalidTransitions() {
        String id = launch().id();
        assertThatThrownBy(() -> cloud.stop(List.of(id), false))
                .as("stopping a pending instance")
                .isInstanceOfSatisfying(AltoException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE);
                    assertThat(e.providerCode()).isEqualTo("IncorrectInstanceState");
                });
        advance(1000);
        assertThat(cloud.start(List.of(id)))
                .containsExactly(new StateChange(id, InstanceState.RUNNING, InstanceState.RUNNING));
        cloud.stop(List.of(id), true);
        advance(1000);
        assertThat(cloud.stop(List.of(id), false))
                .containsExactly(new StateChange(id, InstanceState.STOPPED, InstanceState.STOPPED));
        assertThatThrownBy(() -> cloud.reboot(List.of(id))).isInstanceOf(AltoException.class)
                .extracting(e -> ((AltoException) e).providerCode()).isEqualTo("IncorrectInstanceState");

        cloud.terminate(List.of(id));
        advance(1000);
        assertThat(cloud.terminate(List.of(id)))
                .containsExactly(new StateChange(id, InstanceState.TERMINATED, InstanceState.TERMINATED));
        assertThatThrownBy(() -> cloud.start(List.of(id)))
                .isInstanceOfSatisfying(AltoException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE);
                    assertThat(e.providerCode()).isEqualTo("IncorrectInstanceState");
                });
    }

    @Test
    void oneBadIdInABatchChangesNothing() {
        String good = launch().id();
        advance(1000);
        String dead = launch().id();
        cloud.terminate(List.of(dead));
        advance(1000);

        assertThatThrownBy(() -> cloud.stop(List.of(good, dead), false)).isInstanceOf(AltoException.class);

        assertThat(state(good)).isEqualTo(InstanceState.RUNNING);
    }

    @Test
    void terminatedInstancesStayListedForTheRetentionTimeThenAreNotFound() {
        String id = launch().id();
        cloud.terminate(List.of(id));
        advance(1000); // terminated now
        advance(59_999);
        assertThat(state(id)).isEqualTo(InstanceState.TERMINATED);
        assertThat(cloud.instances(InstanceQuery.all())).extracting(Instance::id).contains(id);

        advance(1);

        assertThatThrownBy(() -> cloud.instance(id)).isInstanceOfSatisfying(AltoException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(e.providerCode()).isEqualTo("InvalidInstanceID.NotFound");
        });
        assertThat(cloud.instances(InstanceQuery.all())).extracting(Instance::id).doesNotContain(id);

        // The next write that finds the expiry due removes the record itself.
        launch();
        boolean stored = clouds.store.read(v -> v.get("local.instance", TestClouds.ACCOUNT + "/us-east-1", id,
                Object.class).isPresent());
        assertThat(stored).as("record of an expired instance").isFalse();
    }

    @Test
    void stoppingGivesThePublicAddressBackAndStartingTakesANewOne() {
        Instance first = launch();
        advance(1000);
        assertThat(first.publicIp()).isNotNull();
        assertThat(first.publicDnsName()).isEqualTo("ec2-" + first.publicIp().replace('.', '-')
                + ".compute-1.amazonaws.com");

        cloud.stop(List.of(first.id()), false);
        assertThat(cloud.instance(first.id()).publicIp()).isNull();
        advance(1000);
        cloud.start(List.of(first.id()));

        Instance restarted = cloud.instance(first.id());
        assertThat(restarted.publicIp()).isNotNull().isNotEqualTo(first.publicIp());
        assertThat(restarted.privateIp()).isEqualTo(first.privateIp());
    }

    @Test
    void userDataIsKeptAndConsoleOutputSaysItIsSimulated() {
        Instance launched = cloud.launch(LaunchSpec.builder().image("debian:12").instanceType("t3.micro")
                .userData("#cloud-config\nhostname: x\n").build()).get(0);
        Instance plain = launch();

        assertThat(attributes(cloud).userData(launched.id())).isEqualTo("#cloud-config\nhostname: x\n");
        assertThat(attributes(cloud).userData(plain.id())).isNull();
        advance(1000);
        assertThat(console(cloud).consoleOutput(launched.id())).contains("SIMULATED").contains(launched.privateIp());
    }
}
