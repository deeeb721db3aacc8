package io.altostratus.vsphere;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.ext.Volumes;
import io.altostratus.core.model.BlockDevice;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.Volume;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.core.spec.VolumeSpec;
import io.altostratus.testkit.peers.Vcsim;
import io.altostratus.vsphere.internal.MoRef;
import io.altostratus.vsphere.internal.VimClient;
import io.altostratus.vsphere.internal.XmlNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Volumes as First Class Disks against VMware's simulator (a vCenter; vcsim's ESXi has no vStorage object
 * manager). vcsim 0.24 has CreateDisk_Task, ListVStorageObject, RetrieveVStorageObject and DeleteVStorageObject_Task
 * but no AttachDisk_Task/DetachDisk_Task, so attaching here goes the reconfiguration way; the disk methods' way is
 * {@link FcdWrittenAnswersTest}'s.
 */
class VsphereVolumesTest {
    static Vcsim sim;
    static VsphereProvider provider;
    static Volumes volumes;

    @BeforeAll
    static void start() {
        sim = Vcsim.start("-tools-delay", "0s");
        provider = VcsimSessions.open(sim, Map.of());
        volumes = provider.extension(Volumes.class).orElseThrow();
    }

    @AfterAll
    static void stop() {
        if (provider != null) {
            provider.close();
        }
        if (sim != null) {
            sim.close();
        }
    }

    private static Instance launch(String name) {
        return provider.launch(LaunchSpec.builder().image("ubuntu:24.04").instanceType("small").name(name).build())
                .get(0);
    }

    private static Volume create(String zone, int gib, Map<String, String> tags) {
        return volumes.createVolume(new VolumeSpec(zone, gib, null, 0, false, null, tags));
    }

    private static Volume only(String id) {
        List<Volume> found = volumes.volumes(List.of(id));
        assertThat(found).as("volume %s", id).hasSize(1);
        return found.get(0);
    }

    private static AltoException thrown(Runnable call) {
        try {
            call.run();
        } catch (AltoException e) {
            return e;
        }
        throw new AssertionError("expected an AltoException");
    }

    @Test
    void volumeSurvivesItsInstance() {
        Instance vm = launch("holder");
        Volume made = create(vm.zone(), 1, Map.of("Name", "data", "env", "test"));
        volumes.attachVolume(made.id(), vm.id(), null);
        assertThat(only(made.id()).state()).isEqualTo("in-use");

        provider.terminate(List.of(vm.id()));

        Volume after = only(made.id());
        assertThat(after.state()).isEqualTo("available");
        assertThat(after.attachment()).isNull();
        assertThat(after.tags()).containsEntry("Name", "data").containsEntry("env", "test");
        assertThat(volumes.volumes()).extracting(Volume::id).contains(made.id());

        volumes.deleteVolume(made.id());
        assertThat(volumes.volumes(List.of(made.id()))).isEmpty();
    }

    @Test
    void attachedVolumeCannotBeDeleted() {
        Instance vm = launch("busy");
        Volume made = create(vm.zone(), 2, Map.of());
        volumes.attachVolume(made.id(), vm.id(), "/dev/sdc");

        Volume inUse = only(made.id());
        assertThat(inUse.attachment().instanceId()).isEqualTo(vm.id());
        assertThat(inUse.attachment().device()).isEqualTo("/dev/sdc");
        assertThat(provider.instance(vm.id()).blockDevices()).containsExactly(new BlockDevice("/dev/sdc", made.id(),
                false));

        AltoException refused = thrown(() -> volumes.deleteVolume(made.id()));
        assertThat(refused.code()).isEqualTo(ErrorCode.INVALID_STATE);
        assertThat(refused.providerCode()).isEqualTo("VolumeInUse");
        assertThat(only(made.id()).state()).as("after the refused delete").isEqualTo("in-use");

        volumes.detachVolume(made.id(), false);
        assertThat(only(made.id()).state()).isEqualTo("available");
        assertThat(provider.instance(vm.id()).blockDevices()).isEmpty();
        volumes.deleteVolume(made.id());
        assertThat(volumes.volumes(List.of(made.id()))).isEmpty();
        provider.terminate(List.of(vm.id()));
    }

    @Test
    void volumeListIsOneRound() {
        String zone = provider.zones().get(0).name();
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            made.add(create(zone, 1, Map.of()).id());
        }
        launch("bystander");
        VimClient client = provider.session().vim().client();
        int datastores = Inventory.read(provider.session()).datastores().size();

        Map<String, Long> before = counts(client);
        List<Volume> listed = volumes.volumes();
        Map<String, Long> spent = minus(counts(client), before);

        assertThat(listed).extracting(Volume::id).containsAll(made);
        assertThat(spent).as("calls for a listing of %d volumes", listed.size()).containsExactlyInAnyOrderEntriesOf(
                Map.of("RetrievePropertiesEx", 1L, "ContinueRetrievePropertiesEx", 0L,
                        "ListVStorageObject", (long) datastores, "RetrieveVStorageObject", (long) listed.size()));

        made.add(create(zone, 1, Map.of()).id());
        launch("another");
        before = counts(client);
        List<Volume> more = volumes.volumes();
        spent = minus(counts(client), before);
        assertThat(more).hasSize(listed.size() + 1);
        assertThat(spent.get("RetrievePropertiesEx")).as("one round, whatever the VMs and volumes").isEqualTo(1L);
        assertThat(spent.get("RetrieveVStorageObject")).as("one read per volume").isEqualTo(listed.size() + 1L);

        before = counts(client);
        assertThat(volumes.volumes(made.subList(0, 2))).extracting(Volume::id).containsExactlyElementsOf(
                made.subList(0, 2));
        spent = minus(counts(client), before);
        assertThat(spent).as("two looked up by id").containsEntry("RetrievePropertiesEx", 1L)
                .containsEntry("ListVStorageObject", 0L).containsEntry("RetrieveVStorageObject", 2L);
        made.forEach(volumes::deleteVolume);
    }

    private static Map<String, Long> counts(VimClient client) {
        return Map.of("RetrievePropertiesEx", client.calls("RetrievePropertiesEx"), "ContinueRetrievePropertiesEx",
                client.calls("ContinueRetrievePropertiesEx"), "ListVStorageObject",
                client.calls("ListVStorageObject"), "RetrieveVStorageObject", client.calls("RetrieveVStorageObject"));
    }

    private static Map<String, Long> minus(Map<String, Long> after, Map<String, Long> before) {
        Map<String, Long> out = new java.util.HashMap<>();
        after.forEach((k, v) -> out.put(k, v - before.get(k)));
        return out;
    }

    @Test
    void wrongVolumeIdIsNotFound() {
        Instance vm = launch("lonely");
        String missing = "6a1f3c2e-9b7d-4e0a-8c55-0000000000aa";
        for (Runnable call : List.<Runnable>of(() -> volumes.attachVolume(missing, vm.id(), null),
                () -> volumes.detachVolume(missing, false), () -> volumes.deleteVolume(missing))) {
            AltoException e = thrown(call);
            assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
            assertThat(e.providerCode()).isEqualTo("InvalidVolume.NotFound");
        }
        assertThat(volumes.volumes(List.of(missing))).isEmpty();

        assertThatThrownBy(() -> volumes.deleteVolume("vol-0123456789abcdef0"))
                .isInstanceOfSatisfying(AltoException.class, e -> assertThat(e.code())
                        .isEqualTo(ErrorCode.INVALID_PARAMETER));
        provider.terminate(List.of(vm.id()));
    }

    /** Snapshots here are of whole VMs (InstanceSnapshots); volumes have none, so Snapshots is not offered. */
    @Test
    void volumeSnapshotsAreNotOffered() {
        assertThat(provider.extension(io.altostratus.core.ext.Snapshots.class)).isEmpty();
        assertThat(provider.extension(io.altostratus.core.ext.InstanceSnapshots.class)).isPresent();
    }

    /** vcsim has no AttachDisk_Task: the disk's own file is added to the VM, nothing created, asked once. */
    @Test
    void attachWithoutAttachDiskAddsTheDisksOwnFile() {
        Instance vm = launch("reconfigured");
        Volume first = create(vm.zone(), 1, Map.of());
        Volume second = create(vm.zone(), 1, Map.of());
        VimClient client = provider.session().vim().client();
        long reconfigured = client.calls("ReconfigVM_Task");

        volumes.attachVolume(first.id(), vm.id(), null);
        volumes.attachVolume(second.id(), vm.id(), null);

        assertThat(client.calls("AttachDisk_Task")).as("asked once in the session, then known missing").isEqualTo(1);
        assertThat(client.calls("ReconfigVM_Task") - reconfigured).isEqualTo(2);
        XmlNode devices = provider.session().vim().object(MoRef.vm(vm.id()), "config.hardware.device")
                .prop("config.hardware.device");
        List<String> files = devices.children().stream().filter(d -> "VirtualDisk".equals(d.xsiType()))
                .map(d -> d.textAt("", "backing", "fileName")).toList();
        assertThat(files).contains(fileOf(first.id()), fileOf(second.id()));
        assertThat(only(first.id()).attachment().device()).isEqualTo("/dev/sdb");
        assertThat(only(second.id()).attachment().device()).isEqualTo("/dev/sdc");

        provider.terminate(List.of(vm.id()));
        volumes.deleteVolume(first.id());
        volumes.deleteVolume(second.id());
    }

    private static String fileOf(String id) {
        MoRef ds = Inventory.read(provider.session()).datastores().values().iterator().next();
        return new io.altostratus.vsphere.internal.VStorage(provider.session().vim(),
                provider.session().vim().content().vStorageObjectManager()).retrieve(id, ds).filePath();
    }
}
