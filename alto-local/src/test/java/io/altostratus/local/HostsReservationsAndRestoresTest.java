package io.altostratus.local;

import static io.altostratus.local.TestClouds.ext;
import static io.altostratus.local.TestClouds.snapshots;
import static io.altostratus.local.TestClouds.volumes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.altostratus.core.ec2.CapacityReservation;
import io.altostratus.core.ec2.CapacityReservations;
import io.altostratus.core.ec2.DedicatedHost;
import io.altostratus.core.ec2.DedicatedHosts;
import io.altostratus.core.ec2.Ec2AccountSettings;
import io.altostratus.core.ec2.FastSnapshotRestore;
import io.altostratus.core.ec2.FastSnapshotRestore.Outcome;
import io.altostratus.core.ec2.FastSnapshotRestores;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.spec.VolumeSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The timed states of Dedicated Hosts, capacity reservations and fast snapshot restores, read through the clock,
 * which the gateway's harness (instant transitions, the real clock) cannot show; and account settings kept per
 * account and region across sessions.
 */
class HostsReservationsAndRestoresTest {
    private final TestClouds clouds = new TestClouds().setting("transition_ms", "60000");
    private final LocalCloud cloud = clouds.open();

    @AfterEach
    void close() {
        cloud.close();
        clouds.close();
    }

    @Test
    void limitedReservationsExpireAtTheirEndDateAndLeaveTheListAnHourLater() {
        CapacityReservations reservations = ext(cloud, CapacityReservations.class);
        Instant end = clouds.clock.instant().plus(Duration.ofDays(2));
        String id = reservations.createCapacityReservation(new CapacityReservations.Request("m5.large",
                "Linux/UNIX", "us-east-1a", 2, null, null, null, null, null, end, Map.of())).id();
        CapacityReservation made = only(reservations.capacityReservations());
        assertThat(made.endDateType()).isEqualTo(CapacityReservation.LIMITED);
        assertThat(made.state()).isEqualTo(CapacityReservation.ACTIVE);

        clouds.clock.advance(Duration.ofDays(2));
        CapacityReservation expired = only(reservations.capacityReservations());
        assertThat(expired.state()).isEqualTo(CapacityReservation.EXPIRED);
        assertThat(expired.stateChangeTime()).isEqualTo(end);
        AltoException late = catchThrowableOfType(AltoException.class,
                () -> reservations.modifyCapacityReservation(id, 3, null, null, null));
        assertThat(late.code()).isEqualTo(ErrorCode.INVALID_STATE);
        clouds.clock.advance(Duration.ofMinutes(61));
        assertThat(reservations.capacityReservations()).isEmpty();
        AltoException gone = catchThrowableOfType(AltoException.class,
                () -> reservations.cancelCapacityReservation(id));
        assertThat(gone.code()).isEqualTo(ErrorCode.NOT_FOUND);
    }

    @Test
    void fastRestoresMoveThroughOptimizingToEnabledAndBackToDisabled() {
        FastSnapshotRestores restores = ext(cloud, FastSnapshotRestores.class);
        String volume = volumes(cloud).createVolume(new VolumeSpec("us-east-1a", 8, "gp3", 0, false, null,
                Map.of())).id();
        String snapshot = snapshots(cloud).createSnapshot(volume, null, Map.of()).id();
        // A snapshot still pending cannot get fast restores.
        Outcome early = only(restores.enableFastSnapshotRestores(List.of("us-east-1a"), List.of(snapshot)));
        assertThat(early.succeeded()).isFalse();
        assertThat(early.errorCode()).isEqualTo("IncorrectState");
        clouds.clock.advance(Duration.ofMinutes(5));

        Outcome enabling = only(restores.enableFastSnapshotRestores(List.of("us-east-1a"), List.of(snapshot)));
        assertThat(enabling.restore().state()).isEqualTo(FastSnapshotRestore.ENABLING);
        clouds.clock.advance(Duration.ofMinutes(1));
        assertThat(only(restores.fastSnapshotRestores()).state()).isEqualTo(FastSnapshotRestore.OPTIMIZING);
        clouds.clock.advance(Duration.ofMinutes(1));
        FastSnapshotRestore enabled = only(restores.fastSnapshotRestores());
        assertThat(enabled.state()).isEqualTo(FastSnapshotRestore.ENABLED);
        assertThat(enabled.enabledTime()).isAfter(enabled.optimizingTime());

        Outcome disabling = only(restores.disableFastSnapshotRestores(List.of("us-east-1a"), List.of(snapshot)));
        assertThat(disabling.restore().state()).isEqualTo(FastSnapshotRestore.DISABLING);
        clouds.clock.advance(Duration.ofMinutes(1));
        assertThat(only(restores.fastSnapshotRestores()).state()).isEqualTo(FastSnapshotRestore.DISABLED);
        clouds.clock.advance(Duration.ofMinutes(61));
        assertThat(restores.fastSnapshotRestores()).isEmpty();
        AltoException zone = catchThrowableOfType(AltoException.class,
                () -> restores.enableFastSnapshotRestores(List.of("eu-west-1a"), List.of(snapshot)));
        assertThat(zone.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
    }

    @Test
    void releasedHostsStayListedForAnHour() {
        DedicatedHosts hosts = ext(cloud, DedicatedHosts.class);
        DedicatedHost host = only(hosts.allocateHosts(null, "c5", "us-east-1a", 1, null, null, null, null,
                Map.of()));
        assertThat(host.instanceType()).isNull();
        assertThat(host.totalVCpus()).isEqualTo(96);
        assertThat(hosts.releaseHost(host.id()).state()).isEqualTo(DedicatedHost.RELEASED);
        AltoException twice = catchThrowableOfType(AltoException.class, () -> hosts.releaseHost(host.id()));
        assertThat(twice.code()).isEqualTo(ErrorCode.INVALID_STATE);
        AltoException modify = catchThrowableOfType(AltoException.class, () -> hosts.modifyHost(host.id(),
                new DedicatedHost.HostChange("on", null, null, null, null)));
        assertThat(modify.code()).isEqualTo(ErrorCode.INVALID_STATE);
        clouds.clock.advance(Duration.ofMinutes(59));
        assertThat(hosts.hosts()).hasSize(1);
        clouds.clock.advance(Duration.ofMinutes(2));
        assertThat(hosts.hosts()).isEmpty();
    }

    @Test
    void accountSettingsAreKeptPerAccountAndRegionAcrossSessions() {
        Ec2AccountSettings settings = ext(cloud, Ec2AccountSettings.class);
        settings.setSerialConsoleAccess(true);
        settings.setDefaultCreditSpecification("t3", "standard");
        settings.modifyMetadataDefaults(new Ec2AccountSettings.MetadataDefaults("required", 3, null, null));
        try (LocalCloud again = clouds.open(); LocalCloud other = clouds.open(TestClouds.ACCOUNT, "us-west-2")) {
            Ec2AccountSettings reopened = ext(again, Ec2AccountSettings.class);
            assertThat(reopened.serialConsoleAccess()).isTrue();
            assertThat(reopened.defaultCreditSpecifications()).containsEntry("t3", "standard")
                    .containsEntry("t2", "standard").containsEntry("t3a", "unlimited");
            assertThat(reopened.metadataDefaults().httpPutResponseHopLimit()).isEqualTo(3);
            Ec2AccountSettings elsewhere = ext(other, Ec2AccountSettings.class);
            assertThat(elsewhere.serialConsoleAccess()).isFalse();
            assertThat(elsewhere.metadataDefaults()).isEqualTo(Ec2AccountSettings.MetadataDefaults.NONE);
        }
        AltoException notBurstable = catchThrowableOfType(AltoException.class,
                () -> settings.setDefaultCreditSpecification("m5", "unlimited"));
        assertThat(notBurstable.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
    }

    private static <T> T only(List<T> items) {
        assertThat(items).hasSize(1);
        return items.get(0);
    }
}
