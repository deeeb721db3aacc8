package io.altostratus.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.altostratus.core.Cloud;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.model.StateChange;
import io.altostratus.core.model.Tags;
import io.altostratus.core.model.Zone;
import io.altostratus.core.spi.Capability;
import io.altostratus.core.wait.InstanceCondition;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Launch, wait, stop, start, reboot, terminate, and what each call reports. */
public interface InstanceLifecycleContract extends ProviderContract {

    @Test
    default void launchReturnsPendingOrRunningInstanceAsSpecified(ContractSession s) {
        Cloud cloud = s.cloud();
        String expectedImage = cloud.image(s.fixture().image()).id();

        Instance launched = s.launchOne("launch");

        assertThat(launched.id()).isNotBlank();
        assertThat(launched.state()).isIn(InstanceState.PENDING, InstanceState.RUNNING);
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
        List<Instance> second = s.launch(b -> b.name(s.name("reservation-2")));

        assertThat(first).extracting(Instance::reservationId).doesNotContainNull().containsOnly(first.get(0).reservationId());
        assertThat(first).extracting(Instance::launchIndex).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(second.get(0).reservationId()).isNotEqualTo(first.get(0).reservationId());
        assertThat(s.cloud().instance(first.get(2).id()).reservationId()).as("as read back")
                .isEqualTo(first.get(0).reservationId());
    }

    @Test
    default void waitForRunningReachesRunningInAZoneOfTheRegion(ContractSession s) {
        Instance launched = s.launchOne("wait");

        Instance running = s.awaitState(launched.id(), InstanceCondition.RUNNING);

        assertThat(running.state()).isEqualTo(InstanceState.RUNNING);
        Instance again = s.cloud().instance(launched.id());
        assertThat(again.state()).as("state read after the wait").isEqualTo(InstanceState.RUNNING);
        assertThat(again.zone()).isIn(s.cloud().zones().stream().map(Zone::name).toList());
        assertThat(again.privateIp()).as("private IP of a running instance").isNotBlank();
    }

    @Test
    default void stopReachesStopped(ContractSession s) {
        assumeTrue(s.supports(Capability.STOP_START), "provider does not declare STOP_START");
        Instance running = s.launchRunning("stop");

        List<StateChange> changes = s.cloud().stop(List.of(running.id()), false);

        assertThat(changes).singleElement().satisfies(c -> {
            assertThat(c.instanceId()).isEqualTo(running.id());
            assertThat(c.current()).isIn(InstanceState.STOPPING, InstanceState.STOPPED);
        });
        assertThat(s.awaitState(running.id(), InstanceCondition.STOPPED).state()).isEqualTo(InstanceState.STOPPED);
        assertThat(s.cloud().instance(running.id()).state()).isEqualTo(InstanceState.STOPPED);
    }

    @Test
    default void startOfStoppedInstanceReachesRunning(ContractSession s) {
        assumeTrue(s.supports(Capability.STOP_START), "provider does not declare STOP_START");
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
        assumeTrue(s.supports(Capability.REBOOT), "provider does not declare REBOOT");
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
            assertThat(c.current()).isIn(InstanceState.SHUTTING_DOWN, InstanceState.TERMINATED);
        });
        assertThat(s.awaitState(running.id(), InstanceCondition.TERMINATED).state())
                .isEqualTo(InstanceState.TERMINATED);
        assertThat(s.cloud().instance(running.id()).state()).as("instance(id) right after termination")
                .isEqualTo(InstanceState.TERMINATED);
        assertThat(s.cloud().instances(s.query().id(running.id()).build()))
                .singleElement().extracting(Instance::state).isEqualTo(InstanceState.TERMINATED);
    }

    @Test
    default void startOfTerminatedInstanceFailsWithInvalidState(ContractSession s) {
        assumeTrue(s.supports(Capability.STOP_START), "provider does not declare STOP_START");
        Instance launched = s.launchOne("dead");
        s.cloud().terminate(List.of(launched.id()));
        s.awaitState(launched.id(), InstanceCondition.TERMINATED);

        s.expectError(ErrorCode.INVALID_STATE, "IncorrectInstanceState",
                () -> s.cloud().start(List.of(launched.id())));

        assertThat(s.cloud().instance(launched.id()).state()).isEqualTo(InstanceState.TERMINATED);
    }

    @Test
    default void stateChangesReportEachInstancesPreviousAndCurrentState(ContractSession s) {
        boolean stopStart = s.supports(Capability.STOP_START);
        List<Instance> pair = s.launch(b -> b.name(s.name("pair")).count(2));
        List<String> ids = ContractSession.ids(pair);
        s.awaitAll(ids, InstanceCondition.RUNNING);
        String first = ids.get(0);
        String second = ids.get(1);
        InstanceState secondBefore = InstanceState.RUNNING;
        if (stopStart) {
            List<StateChange> stop = s.cloud().stop(List.of(second), false);
            assertThat(stop).singleElement().satisfies(c -> {
                assertThat(c.instanceId()).isEqualTo(second);
                assertThat(c.previous()).isEqualTo(InstanceState.RUNNING);
                assertThat(c.current()).isIn(InstanceState.STOPPING, InstanceState.STOPPED);
            });
            s.awaitState(second, InstanceCondition.STOPPED);
            secondBefore = InstanceState.STOPPED;
        }

        List<StateChange> terminate = s.cloud().terminate(ids);

        Map<String, StateChange> byId = terminate.stream()
                .collect(Collectors.toMap(StateChange::instanceId, Function.identity()));
        assertThat(byId).as("one state change per instance").containsOnlyKeys(first, second);
        assertThat(terminate).hasSize(2);
        assertThat(byId.get(first).previous()).isEqualTo(InstanceState.RUNNING);
        assertThat(byId.get(second).previous()).isEqualTo(secondBefore);
        assertThat(terminate).allSatisfy(c ->
                assertThat(c.current()).isIn(InstanceState.SHUTTING_DOWN, InstanceState.TERMINATED));
        s.awaitAll(ids, InstanceCondition.TERMINATED);
    }
}
