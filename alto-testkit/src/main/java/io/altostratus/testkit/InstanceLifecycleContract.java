package io.altostratus.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.altostratus.core.Cloud;
import io.altostratus.core.ec2.Ec2InstanceDetails;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.model.StateChange;
import io.altostratus.core.model.Tags;
import io.altostratus.core.model.Zone;
import io.altostratus.core.wait.InstanceCondition;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Launch, wait, stop, start, reboot, terminate, and what each call reports: the core lifecycle every provider has.
 * EC2's reservations and launch indexes are checked where the provider reports {@link Ec2InstanceDetails}.
 */
public interface InstanceLifecycleContract extends ProviderContract {

    /** A raw state is the provider's own word, given only when it differs from the portable one. */
    static void assertRawStateIsTheProvidersOwnWord(Instance instance) {
        if (instance.rawState() != null) {
            assertThat(instance.rawState()).as("raw state of %s (null when it is the portable word)", instance.id())
                    .isNotBlank().isNotEqualTo(instance.state().wireName());
        }
        assertThat(instance.stateName()).isNotBlank();
    }

    @Test
    default void launchReturnsPendingOrRunningInstanceAsSpecified(ContractSession s) {
        Cloud cloud = s.cloud();
        String expectedImage = cloud.image(s.fixture().image()).id();

        Instance launched = s.launchOne("launch");

        assertThat(launched.id()).isNotBlank();
        assertThat(launched.state()).isIn(InstanceState.PENDING, InstanceState.RUNNING);
        assertRawStateIsTheProvidersOwnWord(launched);
        assertThat(launched.imageId()).as("image id of an instance launched from %s", s.fixture().image())
                .isEqualTo(expectedImage);
        assertThat(launched.instanceType()).isEqualTo(s.fixture().instanceType());
        assertThat(launched.name()).isEqualTo(s.name("launch"));
        assertThat(launched.tags()).containsEntry(Tags.NAME, s.name("launch"))
                .containsEntry(ContractSession.RUN_TAG, s.runId());
        assertThat(launched.provider()).isEqualTo(cloud.providerName());
        assertThat(launched.region()).isEqualTo(cloud.region());
    }

    @Test
    default void oneLaunchIsOneReservationWithLaunchIndexes(ContractSession s) {
        List<Instance> first = s.launch(b -> b.name(s.name("reservation")).count(3));
        assumeTrue(first.get(0).details(Ec2InstanceDetails.class).isPresent(),
                "the provider reports no Ec2InstanceDetails (reservations are EC2's)");
        List<Instance> second = s.launch(b -> b.name(s.name("reservation-2")));

        String reservation = Ec2InstanceDetails.of(first.get(0)).reservationId();
        assertThat(first).extracting(i -> Ec2InstanceDetails.of(i).reservationId()).doesNotContainNull()
                .containsOnly(reservation);
        assertThat(first).extracting(i -> Ec2InstanceDetails.of(i).launchIndex()).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(Ec2InstanceDetails.of(second.get(0)).reservationId()).isNotEqualTo(reservation);
        assertThat(Ec2InstanceDetails.of(s.cloud().instance(first.get(2).id())).reservationId()).as("as read back")
                .isEqualTo(reservation);
    }

    @Test
    default void waitForRunningReachesRunningInAZoneOfTheRegion(ContractSession s) {
        Instance launched = s.launchOne("wait");

        Instance running = s.awaitState(launched.id(), InstanceCondition.RUNNING);

        assertThat(running.state()).isEqualTo(InstanceState.RUNNING);
        Instance again = s.cloud().instance(launched.id());
        assertThat(again.state()).as("state read after the wait").isEqualTo(InstanceState.RUNNING);
        assertRawStateIsTheProvidersOwnWord(again);
        List<String> zones = s.cloud().zones().stream().map(Zone::name).toList();
        if (!zones.isEmpty()) {
            assertThat(again.zone()).isIn(zones);
        }
        assertThat(again.privateIp()).as("private IP of a running instance").isNotBlank();
    }

    @Test
    default void stopReachesStopped(ContractSession s) {
        Instance running = s.launchRunning("stop");

        List<StateChange> changes = s.cloud().stop(List.of(running.id()), false);

        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.instanceId()).isEqualTo(running.id());
            assertThat(c.current()).isIn(InstanceState.STOPPING, InstanceState.STOPPED);
        });
        assertThat(s.awaitState(running.id(), InstanceCondition.STOPPED).state()).isEqualTo(InstanceState.STOPPED);
        Instance stopped = s.cloud().instance(running.id());
        assertThat(stopped.state()).isEqualTo(InstanceState.STOPPED);
        assertRawStateIsTheProvidersOwnWord(stopped);
    }

    @Test
    default void startOfStoppedInstanceReachesRunning(ContractSession s) {
        Instance running = s.launchRunning("start");
        s.cloud().stop(List.of(running.id()), false);
        s.awaitState(running.id(), InstanceCondition.STOPPED);

        List<StateChange> changes = s.cloud().start(List.of(running.id()));

        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.instanceId()).isEqualTo(running.id());
            assertThat(c.previous()).isEqualTo(InstanceState.STOPPED);
            assertThat(c.current()).isIn(InstanceState.PENDING, InstanceState.RUNNING);
        });
        assertThat(s.awaitState(running.id(), InstanceCondition.RUNNING).state()).isEqualTo(InstanceState.RUNNING);
    }

    @Test
    default void rebootKeepsTheInstanceRunningInPlace(ContractSession s) {
        Instance running = s.launchRunning("reboot");

        s.cloud().reboot(List.of(running.id()));

        Instance after = s.cloud().instance(running.id());
        assertThat(after.state()).as("state right after a reboot").isEqualTo(InstanceState.RUNNING);
        assertThat(after.privateIp()).as("a reboot in place keeps the address").isEqualTo(running.privateIp());
        assertThat(s.awaitState(running.id(), InstanceCondition.RUNNING).state()).isEqualTo(InstanceState.RUNNING);
    }

    @Test
    default void terminateReachesTerminatedAndTheInstanceIsStillFoundById(ContractSession s) {
        Instance running = s.launchRunning("terminate");

        List<StateChange> changes = s.cloud().terminate(List.of(running.id()));

        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.instanceId()).isEqualTo(running.id());
            assertThat(c.previous()).isEqualTo(InstanceState.RUNNING);
            assertThat(c.current()).isIn(InstanceState.TERMINATING, InstanceState.TERMINATED);
        });
        assertRawStateIsTheProvidersOwnWord(s.cloud().instance(running.id()));
        assertThat(s.awaitState(running.id(), InstanceCondition.TERMINATED).state())
                .isEqualTo(InstanceState.TERMINATED);
        Instance terminated = s.cloud().instance(running.id());
        assertThat(terminated.state()).as("instance(id) right after termination").isEqualTo(InstanceState.TERMINATED);
        assertRawStateIsTheProvidersOwnWord(terminated);
        assertThat(s.cloud().instances(s.query().id(running.id()).build()))
                .singleElement().extracting(Instance::state).isEqualTo(InstanceState.TERMINATED);
    }

    @Test
    default void startStopRebootAndImagingOfATerminatedInstanceFailWithInvalidState(ContractSession s) {
        Instance launched = s.launchOne("dead");
        s.cloud().terminate(List.of(launched.id()));
        s.awaitState(launched.id(), InstanceCondition.TERMINATED);

        s.expectError(ErrorCode.INVALID_STATE, "IncorrectInstanceState",
                () -> s.cloud().start(List.of(launched.id())));
        s.expectError(ErrorCode.INVALID_STATE, "IncorrectInstanceState",
                () -> s.cloud().stop(List.of(launched.id()), false));
        s.expectError(ErrorCode.INVALID_STATE, "IncorrectInstanceState",
                () -> s.cloud().reboot(List.of(launched.id())));
        s.expectError(ErrorCode.INVALID_STATE, null,
                () -> s.cloud().createImage(launched.id(), s.name("from-dead"), null, Map.of()));

        assertThat(s.cloud().instance(launched.id()).state()).isEqualTo(InstanceState.TERMINATED);
    }

    @Test
    default void stateChangesReportEachInstancesPreviousAndCurrentState(ContractSession s) {
        List<Instance> pair = s.launch(b -> b.name(s.name("pair")).count(2));
        List<String> ids = ContractSession.ids(pair);
        s.awaitAll(ids, InstanceCondition.RUNNING);
        String first = ids.get(0);
        String second = ids.get(1);
        List<StateChange> stop = s.cloud().stop(List.of(second), false);
        assertThat(stop).singleElement().satisfies(c -> {
            assertThat(c.instanceId()).isEqualTo(second);
            assertThat(c.previous()).isEqualTo(InstanceState.RUNNING);
            assertThat(c.current()).isIn(InstanceState.STOPPING, InstanceState.STOPPED);
        });
        s.awaitState(second, InstanceCondition.STOPPED);

        List<StateChange> terminate = s.cloud().terminate(ids);

        Map<String, StateChange> byId = terminate.stream()
                .collect(Collectors.toMap(StateChange::instanceId, Function.identity()));
        assertThat(byId).as("one state change per instance").containsOnlyKeys(first, second);
        assertThat(terminate).hasSize(2);
        assertThat(byId.get(first).previous()).isEqualTo(InstanceState.RUNNING);
        assertThat(byId.get(second).previous()).isEqualTo(InstanceState.STOPPED);
        assertThat(terminate).allSatisfy(c ->
                assertThat(c.current()).isIn(InstanceState.TERMINATING, InstanceState.TERMINATED));
        s.awaitAll(ids, InstanceCondition.TERMINATED);
    }
}
