package io.altostratus.proxmox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.query.ImageQuery;
import io.altostratus.core.query.ImageRef;
import io.altostratus.core.query.InstanceQuery;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.wait.Retrier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The provider against {@link FakePve}: one test per pain Proxmox users report, and the encodings Proxmox wants. */
class ProxmoxProviderTest {
    static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIK0wmN/Cr3JXqmLW7u+g9pTh+wyqDHpSQEIQczXkVx9q lab@host";
    static final String AGENT_WITH_IPV4 = """
            [{"name":"lo","hardware-address":"00:00:00:00:00:00","ip-addresses":[
               {"ip-address-type":"ipv4","ip-address":"127.0.0.1","prefix":8}]},
             {"name":"eth0","hardware-address":"bc:24:11:00:00:01","ip-addresses":[
               {"ip-address-type":"ipv4","ip-address":"192.168.1.50","prefix":24}]}]""";

    @TempDir
    Path stateDir;
    FakePve pve;
    List<String> retries = new ArrayList<>();
    Map<String, String> settings = new HashMap<>();

    @BeforeEach
    void start() throws IOException {
        pve = new FakePve();
        settings.put("token", FakePve.TOKEN);
        settings.put("max_attempts", "4");
        Files.createDirectories(stateDir.resolve("keys"));
        Files.writeString(stateDir.resolve("keys/lab.pub"), KEY + "\n");
    }

    @AfterEach
    void stop() {
        pve.close();
    }

    ComputeProvider open() {
        ProviderContext context = new ProviderContext("pve", ProviderContext.DEFAULT_ACCOUNT, pve.endpoint(), stateDir,
                settings, null);
        Retrier.Listener listener = (operation, code, attempt, delay) -> retries.add(operation + " " + code);
        return new ProxmoxProviderFactory(d -> { }, listener, Map.of()).open(context);
    }

    FakePve.Vm ubuntuTemplate(String agent) {
        FakePve.Vm t = pve.template("pve1", 9000, "ubuntu-24.04", "alto-distro-ubuntu;alto-release-24.04");
        t.agent = agent;
        return t;
    }

    Instance launch(ComputeProvider provider) {
        return provider.launch(LaunchSpec.of(b -> b.image("ubuntu:24.04").instanceType("small").keyName("lab")
                .name("web"))).get(0);
    }

    @Test
    void noGuestAgentSaysSoInsteadOfTimingOut() {
        ubuntuTemplate(null);
        try (ComputeProvider provider = open()) {
            Instance launched = launch(provider);

            Instance seen = provider.instance(launched.id());
            assertThat(seen.state()).isEqualTo(InstanceState.RUNNING);
            assertThat(seen.privateIp()).isNull();
            assertThat(seen.stateReason()).contains("no QEMU guest agent answering on " + launched.id())
                    .contains("QEMU guest agent is not running");
        }
    }

    @Test
    void agentOptionOffSaysSoToo() {
        ubuntuTemplate(AGENT_WITH_IPV4).config.remove("agent");
        try (ComputeProvider provider = open()) {
            Instance seen = provider.instance(launch(provider).id());
            assertThat(seen.privateIp()).isNull();
            assertThat(seen.stateReason()).contains("no QEMU guest agent answering").contains("'agent' option is off");
        }
    }

    @Test
    void linkLocalIpv6FirstStillGivesTheIpv4() {
        ubuntuTemplate("""
                [{"name":"lo","hardware-address":"00:00:00:00:00:00","ip-addresses":[
                   {"ip-address-type":"ipv6","ip-address":"::1","prefix":128},
                   {"ip-address-type":"ipv4","ip-address":"127.0.0.1","prefix":8}]},
                 {"name":"docker0","hardware-address":"02:42:ac:11:00:02","ip-addresses":[
                   {"ip-address-type":"ipv4","ip-address":"169.254.3.9","prefix":16}]},
                 {"name":"eth0","hardware-address":"BC:24:11:00:00:01","ip-addresses":[
                   {"ip-address-type":"ipv6","ip-address":"fe80::be24:11ff:fe00:1","prefix":64},
                   {"ip-address-type":"ipv4","ip-address":"10.0.7.23","prefix":24}]}]""");
        try (ComputeProvider provider = open()) {
            Instance seen = provider.instance(launch(provider).id());
            assertThat(seen.privateIp()).isEqualTo("10.0.7.23");
            assertThat(seen.stateReason()).isNull();
        }
    }

    @Test
    void onlyLinkLocalMeansNoAddressYet() {
        ubuntuTemplate("""
                [{"name":"eth0","hardware-address":"bc:24:11:00:00:01","ip-addresses":[
                   {"ip-address-type":"ipv6","ip-address":"fe80::be24:11ff:fe00:1","prefix":64},
                   {"ip-address-type":"ipv4","ip-address":"169.254.10.1","prefix":16}]}]""");
        try (ComputeProvider provider = open()) {
            Instance seen = provider.instance(launch(provider).id());
            assertThat(seen.privateIp()).isNull();
            assertThat(seen.stateReason()).contains("no usable address yet");
        }
    }

    @Test
    void lockedVmIsRetriedThenReported() {
        ubuntuTemplate(AGENT_WITH_IPV4);
        try (ComputeProvider provider = open()) {
            Instance launched = launch(provider);
            provider.stop(List.of(launched.id()), true);
            String start = "POST /nodes/pve1/qemu/" + launched.id().substring(5) + "/status/start";

            pve.locked.put(start, 2);
            provider.start(List.of(launched.id()));
            assertThat(retries).hasSize(2).allMatch(r -> r.endsWith("VmLocked"));
            assertThat(pve.vms.get(100).status).isEqualTo("running");

            provider.stop(List.of(launched.id()), true);
            retries.clear();
            pve.locked.put(start, 100);
            assertThatThrownBy(() -> provider.start(List.of(launched.id())))
                    .isInstanceOfSatisfying(AltoException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE);
                        assertThat(e.getMessage()).contains("VM is locked (clone)");
                    });
            assertThat(retries).hasSize(3); // max_attempts 4: three retries, then the report
            assertThat(pve.locked.get(start)).isEqualTo(96);
        }
    }

    @Test
    void lockInTheTaskLogIsRetriedToo() {
        ubuntuTemplate(AGENT_WITH_IPV4);
        pve.failingTasks.put("qmstart", "VM is locked (backup)");
        try (ComputeProvider provider = open()) {
            assertThatThrownBy(() -> launch(provider)).isInstanceOfSatisfying(AltoException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE);
                assertThat(e.getMessage()).contains("VM is locked (backup)");
            });
            assertThat(retries).hasSize(3);
        }
    }

    @Test
    void failedTaskReportsItsLogLine() {
        ubuntuTemplate(AGENT_WITH_IPV4);
        pve.failingTasks.put("qmstart", "start failed: QEMU exited with code 1");
        try (ComputeProvider provider = open()) {
            assertThatThrownBy(() -> launch(provider)).isInstanceOfSatisfying(AltoException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_ERROR);
                assertThat(e.providerCode()).isEqualTo("TaskFailed");
                assertThat(e.getMessage()).contains("start failed: QEMU exited with code 1")
                        .doesNotContain("TASK ERROR");
            });
            assertThat(retries).isEmpty();
            assertThat(pve.vms).containsOnlyKeys(9000); // the half-made VM is destroyed again
            assertThat(pve.requests).anyMatch(r -> r.matches("GET /nodes/pve1/tasks/UPID%3Apve1%3A.*qmstart.*/log"));
        }
    }

    @Test
    void sshKeysGoInProxmoxsDoubleEncoding() {
        ubuntuTemplate(AGENT_WITH_IPV4);
        try (ComputeProvider provider = open()) {
            launch(provider);
        }
        String form = pve.forms.get("POST /nodes/pve1/qemu/100/config");
        // The parameter's value is itself URL-encoded with %20 for spaces, so on the wire %20 became %2520.
        assertThat(form).contains("sshkeys=ssh-ed25519%2520AAAAC3NzaC1lZDI1NTE5AAAAIK0wmN%252FCr3JXqmLW7u%252Bg9pTh"
                + "%252BwyqDHpSQEIQczXkVx9q%2520lab%2540host");
        Map<String, String> config = pve.vms.get(100).config;
        assertThat(config).containsEntry("ciuser", "ubuntu").containsEntry("ipconfig0", "ip=dhcp")
                .containsEntry("cores", "1").containsEntry("memory", "2048").containsEntry("name", "web");
    }

    @Test
    void upidIsWaitedToItsExitStatus() {
        ubuntuTemplate(AGENT_WITH_IPV4);
        pve.failingTasks.put("qmreboot", "WARNINGS: 1"); // a warning is not a failure
        try (ComputeProvider provider = open()) {
            Instance launched = launch(provider);
            provider.reboot(List.of(launched.id()));
        }
        long waited = pve.requests.stream().filter(r -> r.matches("GET /nodes/pve1/tasks/UPID%3Apve1%3A[0-9A-F]{8}"
                + "%3A00000000%3A6750A2C0%3Aq[a-z]+%3A(100|9000)%3Aroot%40pam%21alto%3A/status")).count();
        // clone, config, start, reboot: each task's status read before the next call
        assertThat(waited).isEqualTo(4);
        assertThat(pve.requests).containsSubsequence("POST /nodes/pve1/qemu/9000/clone",
                "GET /nodes/pve1/tasks/UPID%3Apve1%3A00000001%3A00000000%3A6750A2C0%3Aqmclone%3A9000%3Aroot%40pam%21alto%3A/status",
                "GET /nodes/pve1/qemu/100/config");
    }

    @Test
    void nextidRaceTakesTheNextFreeId() {
        ubuntuTemplate(AGENT_WITH_IPV4);
        pve.stolenIds.add(100);
        try (ComputeProvider provider = open()) {
            Instance launched = launch(provider);
            assertThat(launched.id()).isEqualTo("pve1/101");
        }
        assertThat(pve.requests.stream().filter(r -> r.equals("GET /cluster/nextid")).count()).isEqualTo(2);
        assertThat(pve.requests.stream().filter(r -> r.equals("POST /nodes/pve1/qemu/9000/clone")).count()).isEqualTo(2);
    }

    @Test
    void destroyedVmidIsNotHandedToTheNextLaunch() {
        ubuntuTemplate(AGENT_WITH_IPV4);
        pve.vms.put(102, new FakePve.Vm("pve1", 102)); // another client's VM right above
        try (ComputeProvider provider = open()) {
            Instance first = launch(provider);
            Instance second = launch(provider);
            provider.terminate(List.of(first.id(), second.id()));
            // /cluster/nextid now answers 100 again; the provider asks past 100, 101 (destroyed) and 102 (taken)
            Instance third = launch(provider);
            assertThat(third.id()).isEqualTo("pve1/103");
            assertThat(provider.instance(first.id()).state()).isEqualTo(InstanceState.TERMINATED);
        }
        assertThat(pve.requests).contains("GET /cluster/nextid");
    }

    @Test
    void extraDisksAreScsiDisksOfTheVm() {
        ubuntuTemplate(AGENT_WITH_IPV4);
        try (ComputeProvider provider = open()) {
            Instance launched = provider.launch(LaunchSpec.of(b -> b.image("ubuntu:24.04").instanceType("small")
                    .disk(io.altostratus.core.spec.DiskSpec.of(8))
                    .disk(new io.altostratus.core.spec.DiskSpec("/dev/sdd", 4, null, 0, null, true)))).get(0);
            assertThat(pve.vms.get(100).config).containsEntry("scsi1", "local-lvm:8").containsEntry("scsi3",
                    "local-lvm:4");
            assertThat(provider.instance(launched.id()).blockDevices())
                    .extracting(io.altostratus.core.model.BlockDevice::deviceName)
                    .containsExactlyInAnyOrder("scsi0", "scsi1", "scsi3");
        }
    }

    @Test
    void disksProxmoxCannotMakeAreRefusedBeforeAnythingIsMade() {
        ubuntuTemplate(AGENT_WITH_IPV4);
        try (ComputeProvider provider = open()) {
            assertThatThrownBy(() -> provider.launch(LaunchSpec.of(b -> b.image("ubuntu:24.04").instanceType("small")
                    .disk(new io.altostratus.core.spec.DiskSpec(null, 8, null, 0, null, false)))))
                    .isInstanceOfSatisfying(AltoException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED);
                        assertThat(e.getMessage()).contains("destroyed with it");
                    });
            assertThatThrownBy(() -> provider.launch(LaunchSpec.of(b -> b.image("ubuntu:24.04").instanceType("small")
                    .disk(new io.altostratus.core.spec.DiskSpec("/dev/nvme1n1", 8, null, 0, null, true)))))
                    .isInstanceOfSatisfying(AltoException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER));
        }
        assertThat(pve.vms).containsOnlyKeys(9000);
        assertThat(pve.requests).noneMatch(r -> r.endsWith("/clone"));
    }

    @Test
    void wrongTokenIsAuthFailure() {
        settings.put("token", "root@pam!alto=wrong");
        try (ComputeProvider provider = open()) {
            assertThatThrownBy(provider::zones).isInstanceOfSatisfying(AltoException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.AUTH_FAILURE));
        }
        assertThat(retries).isEmpty();
    }

    @Test
    void missingTokenIsReportedBeforeAnyCall() {
        settings.remove("token");
        assertThatThrownBy(this::open).isInstanceOfSatisfying(AltoException.class,
                e -> assertThat(e.getMessage()).contains("PROXMOX_TOKEN"));
        assertThat(pve.requests).isEmpty();
    }

    @Test
    void imagesAreTemplatesAnsweringAliasesByTheirTags() {
        ubuntuTemplate(null);
        pve.template("pve1", 9001, "debian-12", "alto-distro-debian;alto-release-12");
        try (ComputeProvider provider = open()) {
            Image ubuntu = provider.resolveImage(ImageRef.parse("ubuntu:24.04"));
            assertThat(ubuntu.id()).isEqualTo("pve1/9000");
            assertThat(ubuntu.name()).isEqualTo("ubuntu-24.04");
            assertThat(ubuntu.release()).isEqualTo("24.04");
            assertThat(provider.images(ImageQuery.all())).extracting(Image::id).containsExactly("pve1/9000", "pve1/9001");
            assertThatThrownBy(() -> provider.resolveImage(ImageRef.parse("fedora:41")))
                    .isInstanceOfSatisfying(AltoException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        }
    }

    @Test
    void tagsSplitIntoProxmoxTagsAndTheDescriptionBlock() {
        ubuntuTemplate(AGENT_WITH_IPV4);
        try (ComputeProvider provider = open()) {
            Instance launched = launch(provider);
            provider.tag(launched.id(), Map.of("lab", "", "Owner", "ana", "team", "blue"));
            Map<String, String> config = pve.vms.get(100).config;
            assertThat(config.get("tags")).isEqualTo("lab");
            assertThat(config.get("description")).contains("# alto-tags\n").contains("Owner=ana\n")
                    .contains("team=blue\n").contains("# end-alto-tags");

            Instance seen = provider.instance(launched.id());
            assertThat(seen.tags()).containsEntry("lab", "").containsEntry("Owner", "ana")
                    .containsEntry("Name", "web").doesNotContainKey("alto:image");
            assertThat(seen.imageId()).isEqualTo("pve1/9000");
            assertThat(seen.keyName()).isEqualTo("lab");
            assertThat(seen.privateIp()).isEqualTo("192.168.1.50");
            assertThat(seen.instanceType()).isEqualTo("small");

            provider.untag(launched.id(), List.of("Owner", "lab"));
            assertThat(provider.instance(launched.id()).tags()).doesNotContainKeys("Owner", "lab")
                    .containsEntry("team", "blue");
            assertThat(provider.instances(InstanceQuery.builder().tag("team", "blue").build()))
                    .extracting(Instance::id).containsExactly(launched.id());
        }
    }

    @Test
    void stopIsAcpiShutdownThatProxmoxForcesAfterTheTimeout() {
        ubuntuTemplate(AGENT_WITH_IPV4);
        settings.put("shutdown_timeout_s", "45");
        try (ComputeProvider provider = open()) {
            Instance launched = launch(provider);
            provider.stop(List.of(launched.id()), false);
            assertThat(FakePve.parse(pve.forms.get("POST /nodes/pve1/qemu/100/status/shutdown")))
                    .containsEntry("timeout", "45").containsEntry("forceStop", "1");
            provider.start(List.of(launched.id()));
            provider.stop(List.of(launched.id()), true);
            assertThat(pve.requests).contains("POST /nodes/pve1/qemu/100/status/stop");
            assertThat(provider.instance(launched.id()).state()).isEqualTo(InstanceState.STOPPED);
        }
    }

    @Test
    void terminateStopsThenDestroysWithItsDisks() {
        ubuntuTemplate(AGENT_WITH_IPV4);
        try (ComputeProvider provider = open()) {
            Instance launched = launch(provider);
            provider.terminate(List.of(launched.id()));
            assertThat(pve.vms).containsOnlyKeys(9000);
            assertThat(pve.requests).containsSubsequence("POST /nodes/pve1/qemu/100/status/stop",
                    "DELETE /nodes/pve1/qemu/100");
            // Proxmox forgets it at once; this factory's sessions show it terminated for a while, as EC2 does
            assertThat(provider.instance(launched.id()).state()).isEqualTo(InstanceState.TERMINATED);
            assertThat(provider.instances(InstanceQuery.ids(List.of(launched.id())))).extracting(Instance::state)
                    .containsExactly(InstanceState.TERMINATED);
        }
        try (ComputeProvider other = new ProxmoxProviderFactory(d -> { }, null, Map.of()).open(
                new ProviderContext("pve", ProviderContext.DEFAULT_ACCOUNT, pve.endpoint(), stateDir, settings, null))) {
            assertThatThrownBy(() -> other.instance("pve1/100")).isInstanceOfSatisfying(AltoException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        }
    }

    @Test
    void rootVolumeSizeResizesTheBootDisk() {
        ubuntuTemplate(AGENT_WITH_IPV4);
        try (ComputeProvider provider = open()) {
            provider.launch(LaunchSpec.of(b -> b.image("ubuntu:24.04").instanceType("medium").rootVolumeSizeGiB(20)));
        }
        assertThat(FakePve.parse(pve.forms.get("PUT /nodes/pve1/qemu/100/resize")))
                .containsEntry("disk", "scsi0").containsEntry("size", "20G");
        assertThat(pve.vms.get(100).config).containsEntry("cores", "2").containsEntry("memory", "4096");
    }

    @Test
    void createImageClonesToATemplate() {
        ubuntuTemplate(AGENT_WITH_IPV4);
        try (ComputeProvider provider = open()) {
            Instance launched = launch(provider);
            Image image = provider.createImage(launched.id(), "golden", "built by ci", Map.of("stage", "prod"));
            assertThat(image.id()).isEqualTo("pve1/101");
            assertThat(image.name()).isEqualTo("golden");
            assertThat(image.description()).isEqualTo("built by ci");
            assertThat(image.tags()).containsEntry("stage", "prod");
            assertThat(pve.vms.get(101).config).containsEntry("template", "1");
            provider.deleteImage(image.id(), true);
            assertThat(pve.vms).containsOnlyKeys(9000, 100);
        }
    }

    @Test
    void userDataWithoutASnippetsStorageIsRefusedBeforeAnythingIsMade() {
        ubuntuTemplate(AGENT_WITH_IPV4);
        pve.storageContent.put("local", "iso,vztmpl,backup");
        try (ComputeProvider provider = open()) {
            LaunchSpec spec = LaunchSpec.of(b -> b.image("ubuntu:24.04").instanceType("small")
                    .userData("#cloud-config\npackages: [nginx]\n"));
            assertThatThrownBy(() -> provider.launch(spec)).isInstanceOfSatisfying(AltoException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED);
                assertThat(e.getMessage()).contains("snippets_storage");
            });
            settings.put("snippets_storage", "local");
            try (ComputeProvider withStorage = open()) {
                assertThatThrownBy(() -> withStorage.launch(spec)).isInstanceOfSatisfying(AltoException.class,
                        e -> assertThat(e.getMessage()).contains("'local' does not allow snippets"));
            }
        }
        assertThat(pve.vms).containsOnlyKeys(9000);
        assertThat(pve.requests).doesNotContain("POST /nodes/pve1/qemu/9000/clone");
    }

    @Test
    void userDataGoesIntoACicustomSnippet() {
        ubuntuTemplate(AGENT_WITH_IPV4);
        pve.storageContent.put("local", "iso,snippets,vztmpl");
        settings.put("snippets_storage", "local");
        try (ComputeProvider provider = open()) {
            provider.launch(LaunchSpec.of(b -> b.image("ubuntu:24.04").instanceType("small")
                    .userData("#cloud-config\npackages: [nginx]\n")));
        }
        assertThat(pve.vms.get(100).config).containsEntry("cicustom", "user=local:snippets/alto-100-user.yaml");
        assertThat(pve.uploads).singleElement().satisfies(u -> assertThat(u).startsWith("local ")
                .contains("name=\"content\"\r\n\r\nsnippets").contains("filename=\"alto-100-user.yaml\"")
                .contains("#cloud-config\npackages: [nginx]\n"));
    }

    @Test
    void snapshotsAreVmSnapshotsThatAVmRollsBackTo() {
        ubuntuTemplate(AGENT_WITH_IPV4);
        try (ComputeProvider provider = open()) {
            Instance launched = launch(provider);
            io.altostratus.core.ext.InstanceSnapshots snapshots = provider.extension(
                    io.altostratus.core.ext.InstanceSnapshots.class).orElseThrow();
            assertThat(provider.extension(io.altostratus.core.ext.Snapshots.class)).as("no volume snapshots")
                    .isEmpty();
            io.altostratus.core.model.InstanceSnapshot made = snapshots.snapshotInstance(launched.id(),
                    "before upgrade", Map.of("kept", "yes"));
            assertThat(made.id()).startsWith(launched.id() + "/alto");
            assertThat(made.instanceId()).isEqualTo(launched.id());
            assertThat(made.description()).isEqualTo("before upgrade");
            assertThat(made.tags()).containsEntry("kept", "yes");
            assertThat(snapshots.instanceSnapshots()).extracting(io.altostratus.core.model.InstanceSnapshot::id)
                    .containsExactly(made.id()); // "current" is not a snapshot

            snapshots.revertToSnapshot(made.id());
            assertThat(pve.requests).contains("POST /nodes/pve1/qemu/100/snapshot/" + made.name() + "/rollback");
            assertThat(provider.instance(launched.id()).state()).as("a rollback without RAM leaves the VM stopped")
                    .isEqualTo(InstanceState.STOPPED);

            snapshots.deleteInstanceSnapshot(made.id());
            assertThat(snapshots.instanceSnapshots()).isEmpty();
            assertThatThrownBy(() -> snapshots.deleteInstanceSnapshot(made.id()))
                    .isInstanceOfSatisfying(AltoException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
            assertThatThrownBy(() -> snapshots.revertToSnapshot(made.id()))
                    .isInstanceOfSatisfying(AltoException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
        }
    }
}
