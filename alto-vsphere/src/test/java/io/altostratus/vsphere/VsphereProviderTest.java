package io.altostratus.vsphere;

import io.altostratus.testkit.peers.Vcsim;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.altostratus.core.Cloud;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.ext.ImageImports;
import io.altostratus.core.ext.InstanceSnapshots;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.model.InstanceSnapshot;
import io.altostratus.core.query.InstanceQuery;
import io.altostratus.core.spec.ImageImportSpec;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.core.wait.InstanceCondition;
import io.altostratus.vsphere.internal.GuestAddresses;
import io.altostratus.vsphere.internal.MoRef;
import io.altostratus.vsphere.internal.ObjectContent;
import io.altostratus.vsphere.internal.VmdkConverter;
import io.altostratus.vsphere.internal.XmlNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code vsphere} provider against VMware's simulator, one test per thing ESXi users trip over. One vCenter
 * simulator serves the class; Tools report 0.3 s after power-on, except on {@code debian10_64Guest} VMs (the
 * {@code debian-12} template), which never report.
 */
class VsphereProviderTest {
    static final String KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHh0ZXN0a2V5Zm9ydnNwaGVyZXRlc3RzMDEyMzQ1 alto@test";

    static Vcsim sim;
    static VsphereProvider provider;

    @BeforeAll
    static void start() {
        sim = Vcsim.start("-templates", "ubuntu-24.04:ubuntu64Guest,debian-12:debian10_64Guest,golden:otherLinux64Guest");
        provider = VcsimSessions.open(sim, Map.of("tools_timeout_s", "60"));
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

    static Cloud cloud() {
        return new Cloud(provider);
    }

    private static ObjectContent raw(String vm, String... paths) {
        return provider.session().vim().object(MoRef.vm(vm), paths);
    }

    @Test
    void toolsNeverReportingSaysSo() {
        Instance launched = provider.launch(LaunchSpec.builder().image("debian:12").instanceType("small")
                .name("no-tools").build()).get(0);

        Instance early = provider.instance(launched.id());
        assertThat(early.state()).as("before tools_timeout_s").isEqualTo(InstanceState.PENDING);
        assertThat(early.stateReason()).isEqualTo("waiting for VMware Tools on " + launched.id()
                + " to report an address");
        // The same VM read by a session whose clock is past the Tools timeout: no sleeping in the test.
        try (VsphereProvider later = (VsphereProvider) new VsphereProviderFactory().open(new io.altostratus.core
                .spi.ProviderContext(null, "000000000000", null, null, withSettings(Map.of("tools_timeout_s",
                "60")), Clock.offset(Clock.systemUTC(), Duration.ofMinutes(2))))) {
            Instance late = later.instance(launched.id());
            assertThat(late.state()).isEqualTo(InstanceState.RUNNING);
            assertThat(late.privateIp()).isNull();
            assertThat(late.stateReason()).startsWith("VMware Tools not reporting on " + launched.id());
        }
        provider.terminate(List.of(launched.id()));
    }

    private static Map<String, String> withSettings(Map<String, String> extra) {
        Map<String, String> s = sim.settings();
        s.putAll(extra);
        return s;
    }

    @Test
    void linkLocalIpv6FirstStillGivesTheIpv4() {
        Instance launched = provider.launch(LaunchSpec.builder().image("ubuntu:24.04").instanceType("small")
                .name("dual-stack").build()).get(0);
        Instance running = cloud().waitFor(launched.id(), InstanceCondition.HAS_ADDRESS, Duration.ofSeconds(30));

        List<GuestAddresses.Nic> nics = GuestAddresses.nics(raw(launched.id(), "guest.net").prop("guest.net"));
        assertThat(nics).isNotEmpty();
        assertThat(nics.get(0).addresses().get(0)).as("Tools lists the link-local IPv6 address first")
                .startsWith("fe80:");
        assertThat(running.privateIp()).isEqualTo(nics.get(0).addresses().get(1)).matches("10\\.\\d+\\.\\d+\\.\\d+");
        provider.terminate(List.of(launched.id()));
    }

    @Test
    void addressComesFromTheFirstCardsNicNotFromADockerBridgeOrApipa() {
        List<GuestAddresses.Nic> nics = List.of(
                new GuestAddresses.Nic("02:42:ac:11:00:01", List.of("172.17.0.1")),
                new GuestAddresses.Nic("00:50:56:aa:bb:cc", List.of("169.254.10.1", "fe80::250:56ff:feaa:bbcc",
                        "2001:db8::5", "192.168.7.20")));

        assertThat(GuestAddresses.pick(nics, "00:50:56:AA:BB:CC", "172.17.0.1")).isEqualTo("192.168.7.20");
        assertThat(GuestAddresses.pick(List.of(new GuestAddresses.Nic("00:50:56:aa:bb:cc",
                List.of("fe80::1", "2001:db8::5"))), "00:50:56:aa:bb:cc", null)).isEqualTo("2001:db8::5");
        assertThat(GuestAddresses.pick(List.of(), "00:50:56:aa:bb:cc", "169.254.3.3")).as("APIPA is no address")
                .isNull();
        assertThat(GuestAddresses.pick(List.of(), "00:50:56:aa:bb:cc", "10.1.2.3")).isEqualTo("10.1.2.3");
    }

    @Test
    void guestinfoKeysAreWhatCloudInitsVmwareDatasourceReads() {
        String userData = "#cloud-config\npackages: [nginx]\n";
        Instance launched = provider.launch(LaunchSpec.builder().image("ubuntu:24.04").instanceType("small")
                .name("Web Server 1").userData(userData).keyName(KEY).build()).get(0);

        ObjectContent vm = raw(launched.id(), "config.extraConfig", "config.instanceUuid");
        Map<String, String> extra = new LinkedHashMap<>();
        for (XmlNode option : vm.prop("config.extraConfig").children()) {
            extra.put(option.textAt("", "key"), option.textAt("", "value"));
        }
        assertThat(extra).containsEntry("guestinfo.metadata.encoding", "base64")
                .containsEntry("guestinfo.userdata.encoding", "base64");
        assertThat(new String(Base64.getDecoder().decode(extra.get("guestinfo.userdata")), StandardCharsets.UTF_8))
                .isEqualTo(userData);
        String metadata = new String(Base64.getDecoder().decode(extra.get("guestinfo.metadata")),
                StandardCharsets.UTF_8);
        assertThat(metadata).isEqualTo("{\"instance-id\":\"" + vm.text("config.instanceUuid", "?")
                + "\",\"local-hostname\":\"web-server-1\",\"public-keys\":[\"" + KEY + "\"]}");
        assertThat(extra).doesNotContainKey("guestinfo.vendordata");
        provider.terminate(List.of(launched.id()));
    }

    @Test
    void seedIsoIsAttachedAndConnectedAtPowerOn() throws Exception {
        try (VsphereProvider nocloud = VcsimSessions.open(sim, Map.of("guest_config", "nocloud"))) {
            Instance launched = nocloud.launch(LaunchSpec.builder().image("ubuntu:24.04").instanceType("small")
                    .name("seeded").userData("#cloud-config\nruncmd: [echo hi]\n").keyName(KEY).build()).get(0);

            ObjectContent vm = raw(launched.id(), "config.hardware.device", "config.instanceUuid",
                    "config.extraConfig", "runtime.powerState");
            XmlNode cdrom = vm.prop("config.hardware.device").children().stream()
                    .filter(d -> "VirtualCdrom".equals(d.xsiType())).findFirst().orElseThrow();
            String iso = cdrom.textAt(null, "backing", "fileName");
            assertThat(iso).isEqualTo("[LocalDS_0] alto-seeds/" + vm.text("config.instanceUuid", "?") + ".iso");
            assertThat(cdrom.textAt(null, "connectable", "startConnected")).isEqualTo("true");
            assertThat(vm.text("runtime.powerState", null)).isEqualTo("poweredOn");
            XmlNode extra = vm.prop("config.extraConfig");
            assertThat(extra == null ? List.of() : extra.children()).as("no guestinfo keys with nocloud")
                    .noneMatch(o -> o.textAt("", "key").startsWith("guestinfo.metadata"));

            Path file = datastoreDir().resolve("alto-seeds").resolve(vm.text("config.instanceUuid", "?") + ".iso");
            byte[] bytes = Files.readAllBytes(file);
            assertThat(new String(bytes, 0x8028, 6, StandardCharsets.US_ASCII)).as("the ISO's volume id")
                    .isEqualTo("cidata");
            String content = new String(bytes, StandardCharsets.ISO_8859_1);
            assertThat(content.contains("ssh_authorized_keys:\n  - " + KEY)).as("the key in user-data").isTrue();
            assertThat(content.contains("instance-id: " + vm.text("config.instanceUuid", "?"))
                    || content.contains("instance-id: \"" + vm.text("config.instanceUuid", "?") + "\""))
                    .as("the instance id in meta-data").isTrue();

            nocloud.terminate(List.of(launched.id()));
            assertThat(file).as("terminate deletes the seed").doesNotExist();
        }
    }

    /** The simulated datastore's directory on this machine (vcsim keeps datastores in temporary folders). */
    private static Path datastoreDir() {
        MoRef ds = provider.session().vim().inventory(provider.session().datacenter().ref(),
                List.of(io.altostratus.vsphere.internal.PropertySpec.of("Datastore", "name", "summary.url")))
                .stream().filter(o -> o.obj().type().equals("Datastore")).findFirst().orElseThrow().obj();
        String url = provider.session().vim().object(ds, "summary.url").text("summary.url", "");
        return Path.of(url.replaceFirst("^ds://", ""));
    }

    @Test
    void vmdkIsStreamOptimizedForUpload(@TempDir Path dir) throws Exception {
        Path qcow2 = tinyQcow2(dir);
        VmdkConverter.Info converted = new VmdkConverter(null).toStreamOptimized(qcow2, dir.resolve("tiny.vmdk"));

        assertThat(converted.format()).isEqualTo("vmdk");
        assertThat(converted.createType()).isEqualTo("streamOptimized");
        assertThat(converted.virtualSize()).isEqualTo(64L << 20);
        String descriptor = new String(Files.readAllBytes(dir.resolve("tiny.vmdk")), StandardCharsets.ISO_8859_1);
        assertThat(descriptor).contains("ddb.adapterType = \"lsilogic\"");
    }

    static Path tinyQcow2(Path dir) throws Exception {
        Path qcow2 = dir.resolve("tiny.qcow2");
        Process p;
        try {
            p = new ProcessBuilder("qemu-img", "create", "-f", "qcow2", qcow2.toString(), "64M")
                    .redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            assumeTrue(false, "no qemu-img (install qemu-utils): " + e.getMessage());
            throw e;
        }
        p.getInputStream().readAllBytes();
        assertThat(p.waitFor()).isZero();
        return qcow2;
    }

    @Test
    void wrongPasswordIsAuthFailure() {
        Map<String, String> settings = sim.settings();
        settings.put("password", "not-the-password");
        assertThatThrownBy(() -> new VsphereProviderFactory().open(new io.altostratus.core.spi.ProviderContext(
                null, "000000000000", null, null, settings, Clock.systemUTC())))
                .isInstanceOfSatisfying(AltoException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.AUTH_FAILURE);
                    assertThat(e.providerCode()).isEqualTo("InvalidLogin");
                });
    }

    @Test
    void certificateNotPinnedNorTrustedIsRefused() {
        Map<String, String> settings = sim.settings();
        settings.remove("fingerprint");
        assertThatThrownBy(() -> new VsphereProviderFactory().open(new io.altostratus.core.spi.ProviderContext(
                null, "000000000000", null, null, settings, Clock.systemUTC())))
                .isInstanceOfSatisfying(AltoException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.AUTH_FAILURE);
                    assertThat(e.providerCode()).isEqualTo("UntrustedCertificate");
                    assertThat(e.getMessage()).contains("fingerprint");
                });
        String wrong = (sim.thumbprint().startsWith("00") ? "11" : "00") + sim.thumbprint().substring(2);
        settings.put("fingerprint", wrong);
        assertThatThrownBy(() -> new VsphereProviderFactory().open(new io.altostratus.core.spi.ProviderContext(
                null, "000000000000", null, null, settings, Clock.systemUTC())))
                .isInstanceOfSatisfying(AltoException.class, e -> assertThat(e.providerCode())
                        .isEqualTo("UntrustedCertificate"));
    }

    @Test
    void credentialsInTheEndpointUrlAreUsed() {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("endpoint", sim.url().replace("https://", "https://" + sim.user() + ":" + sim.password() + "@"));
        settings.put("fingerprint", sim.thumbprint());
        try (VsphereProvider p = (VsphereProvider) new VsphereProviderFactory(io.altostratus.core.wait.Sleeper
                .SYSTEM, null, Map.of()).open(new io.altostratus.core.spi.ProviderContext(null, "000000000000", null,
                null, settings, Clock.systemUTC()))) {
            assertThat(p.datacenter()).isEqualTo("DC0");
        }
    }

    @Test
    void listIsOnePropertyCollectorRound() {
        try (Vcsim big = Vcsim.start("-vm", "40", "-templates", "", "-tools-delay", "0s");
             VsphereProvider small = VcsimSessions.open(sim, Map.of());
             VsphereProvider large = VcsimSessions.open(big, Map.of())) {
            small.instances(InstanceQuery.all()); // the first listing also makes the session's container view
            large.instances(InstanceQuery.all());

            long before = small.soapCalls();
            List<Instance> few = small.instances(InstanceQuery.all());
            long smallCalls = small.soapCalls() - before;
            before = large.soapCalls();
            List<Instance> many = large.instances(InstanceQuery.all());
            long largeCalls = large.soapCalls() - before;

            assertThat(many).hasSizeGreaterThanOrEqualTo(40).hasSizeGreaterThan(few.size() * 5);
            assertThat(smallCalls).isEqualTo(1);
            assertThat(largeCalls).isEqualTo(1);
        }
    }

    @Test
    void sessionLostOnTheServerLogsInAgainOnce() {
        try (VsphereProvider p = VcsimSessions.open(sim, Map.of())) {
            p.instances(InstanceQuery.all());
            p.session().vim().logout(); // the server forgets the session; the client keeps calling
            long before = p.soapCalls();
            assertThat(p.instances(InstanceQuery.all())).isNotEmpty();
            assertThat(p.soapCalls() - before).as("failed call, login, the call again, a new view, the call")
                    .isBetween(3L, 5L);
        }
    }

    @Test
    void userWalkImportLaunchWaitStopStartSnapshotTerminate(@TempDir Path dir) throws Exception {
        Path qcow2 = tinyQcow2(dir);
        Cloud cloud = cloud();
        Image imported = cloud.require(ImageImports.class).importImage(new ImageImportSpec(qcow2, null,
                "ubuntu-24.04-imported", "ubuntu", "24.04", null, null, Map.of("source", "walk")));
        assertThat(imported.distro()).isEqualTo("ubuntu");
        assertThat(cloud.image("ubuntu:24.04").id()).as("the alias resolves to the newest template")
                .isEqualTo(imported.id());
        assertThat(Files.readString(sim.log())).as("the simulator's NFC log: the disk came through the lease")
                .containsPattern("nfc POST \\S+\\.vmdk: transferred [1-9]\\d* bytes");

        Instance launched = cloud.launch(b -> b.image("ubuntu:24.04").instanceType("medium").name("walk")).get(0);
        assertThat(launched.imageId()).isEqualTo(imported.id());
        Instance running = cloud.waitFor(launched.id(), InstanceCondition.RUNNING, Duration.ofSeconds(30));
        assertThat(running.privateIp()).isNotBlank();
        assertThat(running.instanceType()).isEqualTo("medium");

        cloud.stop(List.of(launched.id()), false);
        assertThat(cloud.waitFor(launched.id(), InstanceCondition.STOPPED, Duration.ofSeconds(30)).privateIp())
                .isNull();
        cloud.start(List.of(launched.id()));
        assertThat(cloud.waitFor(launched.id(), InstanceCondition.RUNNING, Duration.ofSeconds(30)).privateIp())
                .isNotBlank();

        InstanceSnapshot snap = cloud.require(InstanceSnapshots.class).snapshotInstance(launched.id(),
                "before upgrade", Map.of("why", "walk"));
        assertThat(snap.id()).startsWith("snapshot-");
        assertThat(snap.instanceId()).isEqualTo(launched.id());
        assertThat(cloud.require(InstanceSnapshots.class).instanceSnapshots()).extracting(InstanceSnapshot::id)
                .contains(snap.id());
        cloud.require(InstanceSnapshots.class).revertToSnapshot(snap.id());
        assertThat(cloud.waitFor(launched.id(), InstanceCondition.STOPPED, Duration.ofSeconds(30)).state())
                .as("reverted to a snapshot without memory").isEqualTo(InstanceState.STOPPED);

        cloud.terminate(List.of(launched.id()));
        assertThat(cloud.waitFor(launched.id(), InstanceCondition.TERMINATED, Duration.ofSeconds(30)).state())
                .isEqualTo(InstanceState.TERMINATED);
        cloud.deleteImage(imported.id(), true);
        assertThat(cloud.image("ubuntu:24.04").id()).isNotEqualTo(imported.id());
    }

    @Test
    void standaloneEsxiHostIsTheOneZone() {
        try (Vcsim esx = Vcsim.start("-esx", "-tools-delay", "0s"); VsphereProvider host = VcsimSessions.open(esx, Map.of())) {
            assertThat(host.datacenter()).isEqualTo("ha-datacenter");
            assertThat(host.session().vim().content().isVcenter()).isFalse();
            List<String> zones = host.zones().stream().map(io.altostratus.core.model.Zone::name).toList();
            assertThat(zones).hasSize(1);

            Instance launched = host.launch(LaunchSpec.builder().image("ubuntu:24.04").instanceType("large")
                    .name("on-esxi").build()).get(0);
            assertThat(launched.zone()).isEqualTo(zones.get(0));
            Instance running = new Cloud(host).waitFor(launched.id(), InstanceCondition.HAS_ADDRESS,
                    Duration.ofSeconds(30));
            assertThat(running.instanceType()).isEqualTo("large");
            assertThat(host.terminate(List.of(launched.id()))).singleElement()
                    .satisfies(c -> assertThat(c.current()).isEqualTo(InstanceState.TERMINATED));
        }
    }

    @Test
    void aliasFromVcenterCustomFieldsResolves() {
        var vim = provider.session().vim();
        Image golden = provider.images(io.altostratus.core.query.ImageQuery.all()).stream()
                .filter(i -> i.name().equals("golden")).findFirst().orElseThrow();
        assertThat(golden.distro()).as("a name that says nothing").isNull();
        int distro = vim.addCustomField("alto-distro", "VirtualMachine");
        int release = vim.addCustomField("alto-release", "VirtualMachine");
        vim.setField(MoRef.vm(golden.id()), distro, "rocky");
        vim.setField(MoRef.vm(golden.id()), release, "9");

        Image resolved = provider.resolveImage(io.altostratus.core.query.ImageRef.parse("rocky:9"));
        assertThat(resolved.id()).isEqualTo(golden.id());
        assertThat(resolved.tags()).containsEntry("alto-distro", "rocky");
    }

    @Test
    void rootVolumeSizeGrowsTheBootDisk() {
        Instance launched = provider.launch(LaunchSpec.builder().image("ubuntu:24.04").instanceType("small")
                .name("big-disk").rootVolumeSizeGiB(20).build()).get(0);

        XmlNode disk = raw(launched.id(), "config.hardware.device").prop("config.hardware.device").children()
                .stream().filter(d -> "VirtualDisk".equals(d.xsiType())).findFirst().orElseThrow();
        assertThat(disk.textAt("0", "capacityInKB")).isEqualTo(String.valueOf(20L * 1024 * 1024));
        provider.terminate(List.of(launched.id()));
    }
}
