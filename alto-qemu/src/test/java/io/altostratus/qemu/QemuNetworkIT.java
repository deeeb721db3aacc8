package io.altostratus.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.query.InstanceQuery;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.qemu.internal.Commands;
import io.altostratus.qemu.internal.Qmp;
import io.altostratus.testkit.ProviderFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The second NIC on a real tap and a real bridge: a throwaway bridge with a tap in it is made for the test
 * ({@code ip link add ... type bridge}, {@code ip tuntap add ... mode tap}) and removed after. An empty-disk machine
 * (as {@link QemuContractIT}'s, no guest OS needed) is launched on it; the machine's own QMP says the NIC with the
 * instance's MAC is on that tap ({@code query-rx-filter}, {@code info network}), the MAC is the same after stop and
 * start, a second machine on the same tap and a missing tap are typed errors that leave nothing behind. With
 * {@code bridge:} QEMU's bridge helper adds a tap of its own to the bridge; without an ACL allowing the bridge that
 * is a typed error, and with one (written to {@code /etc/qemu/bridge.conf} for the test only when that file does
 * not exist, then removed) the NIC is on the bridge. Needs root, {@code /dev/net/tun} and {@code ip}; skips
 * otherwise. In the guest stage ({@code bin/test-guests}).
 */
@Tag("guest")
class QemuNetworkIT {
    private static final Path BRIDGE_CONF = Path.of("/etc/qemu/bridge.conf");

    @TempDir
    Path state;

    private final String suffix = HexFormat.of().formatHex(new byte[] {(byte) ThreadLocalRandom.current().nextInt(),
            (byte) ThreadLocalRandom.current().nextInt(), (byte) ThreadLocalRandom.current().nextInt()});
    private final String bridge = "altobr" + suffix;
    private final String tap = "altotap" + suffix;
    private final List<String> made = new ArrayList<>();
    private boolean wroteBridgeConf;

    @BeforeEach
    void makeABridgeWithATap() {
        assumeTrue(Commands.which("qemu-system-x86_64").isPresent() && Commands.which("qemu-img").isPresent(),
                "qemu-system-x86_64 and qemu-img are not installed (Debian: qemu-system-x86 qemu-utils)");
        assumeTrue("root".equals(System.getProperty("user.name")), "making taps and bridges needs root");
        assumeTrue(Files.exists(Path.of("/dev/net/tun")), "there is no /dev/net/tun (the tun module, or a "
                + "container without it)");
        assumeTrue(Commands.which("ip").isPresent(), "ip is not installed (Debian: iproute2)");
        ip("link", "add", bridge, "type", "bridge");
        made.add(bridge);
        ip("tuntap", "add", tap, "mode", "tap");
        made.add(0, tap);
        ip("link", "set", tap, "master", bridge);
        ip("link", "set", tap, "up");
        ip("link", "set", bridge, "up");
    }

    @AfterEach
    void removeThem() throws Exception {
        endWhatIsLeft(Map.of("network", "tap:" + tap));
        for (String dev : made) {
            Commands.runAllowingFailure(List.of("ip", "link", "del", dev), null, Duration.ofSeconds(10));
        }
        if (wroteBridgeConf) {
            Files.deleteIfExists(BRIDGE_CONF);
            try {
                Files.deleteIfExists(BRIDGE_CONF.getParent());
            } catch (java.nio.file.DirectoryNotEmptyException kept) {
                // someone else's files are there too
            }
        }
    }

    @Test
    void aMachineOnATapHasItsNicWithTheInstancesMacOnThatTapAcrossStopAndStart() {
        QemuFixture fixture = new QemuFixture(state, Map.of("network", "tap:" + tap), Architecture.X86_64);
        try (QemuProvider qemu = (QemuProvider) fixture.open(ProviderFixture.Account.A)) {
            long t0 = System.nanoTime();
            Instance machine = qemu.launch(LaunchSpec.of(b -> b.image(QemuFixture.IMAGE).instanceType("q.tiny")))
                    .get(0);
            long launched = System.nanoTime();
            String mac = QemuNetwork.mac(machine.id());
            QemuInstanceDetails details = machine.details(QemuInstanceDetails.class).orElseThrow();
            assertThat(details.network()).isEqualTo("tap:" + tap);
            assertThat(details.macAddress()).isEqualTo(mac);
            assertThat(details.sshPort()).as("SSH still goes through the user-mode NIC").isPositive();

            QemuState.Vm vm = qemu.vm(machine.id());
            assertThat(mainMac(vm)).isEqualTo(mac);
            String network = infoNetwork(vm);
            assertThat(network).contains("nic-lan: index=0,type=nic,model=virtio-net-pci,macaddr=" + mac)
                    .contains("\\ lan: index=0,type=tap,ifname=" + tap + ",script=no,downscript=no")
                    .contains("macaddr=" + QemuNetwork.USER_NIC_MAC).contains("type=user");

            // a tap serves one machine: the second launch is refused and leaves nothing behind
            assertThatThrownBy(() -> qemu.launch(LaunchSpec.of(b -> b.image(QemuFixture.IMAGE)
                    .instanceType("q.tiny")))).isInstanceOfSatisfying(AltoException.class, e -> {
                        assertThat(e.providerCode()).isEqualTo("TapInUse");
                        assertThat(e.getMessage()).contains(tap);
                    });
            assertThat(live(qemu)).containsExactly(machine.id());

            long t1 = System.nanoTime();
            qemu.stop(List.of(machine.id()), true);
            assertThat(qemu.instance(machine.id()).state()).isEqualTo(InstanceState.STOPPED);
            qemu.start(List.of(machine.id()));
            long restarted = System.nanoTime();
            assertThat(mainMac(qemu.vm(machine.id()))).isEqualTo(mac);
            assertThat(qemu.instance(machine.id()).details(QemuInstanceDetails.class).orElseThrow().macAddress())
                    .isEqualTo(mac);
            System.out.printf("qemu tap NIC (TCG, no guest OS): launch %d ms, forced stop and start %d ms%n",
                    (launched - t0) / 1_000_000, (restarted - t1) / 1_000_000);
            qemu.terminate(List.of(machine.id()));
        }
    }

    @Test
    void aMissingTapIsATypedErrorNamingItAndMakesNothing() {
        QemuFixture fixture = new QemuFixture(state, Map.of("network", "tap:altonone" + suffix),
                Architecture.X86_64);
        try (QemuProvider qemu = (QemuProvider) fixture.open(ProviderFixture.Account.A)) {
            assertThatThrownBy(() -> qemu.launch(LaunchSpec.of(b -> b.image(QemuFixture.IMAGE)
                    .instanceType("q.tiny")))).isInstanceOfSatisfying(AltoException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
                        assertThat(e.getMessage()).contains("altonone" + suffix);
                    });
            assertThat(live(qemu)).isEmpty();
        }
    }

    @Test
    void onABridgeTheHelpersTapJoinsItOnceTheAclAllowsIt() throws Exception {
        QemuFixture fixture = new QemuFixture(state, Map.of("network", "bridge:" + bridge), Architecture.X86_64);
        assumeTrue(Files.isExecutable(Path.of("/usr/lib/qemu/qemu-bridge-helper")),
                "qemu-bridge-helper is not installed (Debian: qemu-system-common)");
        try (QemuProvider qemu = (QemuProvider) fixture.open(ProviderFixture.Account.A)) {
            boolean allowed = Files.isRegularFile(BRIDGE_CONF)
                    && Files.readAllLines(BRIDGE_CONF).contains("allow " + bridge);
            if (!allowed) {
                assertThatThrownBy(() -> qemu.launch(LaunchSpec.of(b -> b.image(QemuFixture.IMAGE)
                        .instanceType("q.tiny")))).isInstanceOfSatisfying(AltoException.class, e -> {
                            assertThat(e.providerCode()).isEqualTo("BridgeNotPermitted");
                            assertThat(e.getMessage()).contains("allow " + bridge);
                        });
                assertThat(live(qemu)).isEmpty();
            }
            assumeTrue(allowed || !Files.exists(BRIDGE_CONF), BRIDGE_CONF + " is the machine's own and does not "
                    + "allow " + bridge + "; the test leaves it alone");
            if (!allowed) {
                Files.createDirectories(BRIDGE_CONF.getParent());
                Files.writeString(BRIDGE_CONF, "allow " + bridge + "\n");
                wroteBridgeConf = true;
            }
            List<String> before = ports(bridge);
            Instance machine = qemu.launch(LaunchSpec.of(b -> b.image(QemuFixture.IMAGE).instanceType("q.tiny")))
                    .get(0);
            assertThat(mainMac(qemu.vm(machine.id()))).isEqualTo(QemuNetwork.mac(machine.id()));
            assertThat(infoNetwork(qemu.vm(machine.id()))).contains("type=tap").contains("helper=");
            assertThat(ports(bridge)).hasSize(before.size() + 1);
            qemu.terminate(List.of(machine.id()));
            assertThat(ports(bridge)).as("the helper's tap goes with the machine").hasSize(before.size());
        }
    }

    private void endWhatIsLeft(Map<String, String> settings) {
        if (!Files.exists(state.resolve("state.db"))) {
            return;
        }
        try (QemuProvider qemu = (QemuProvider) new QemuFixture(state, settings, Architecture.X86_64)
                .open(ProviderFixture.Account.A)) {
            List<String> left = live(qemu);
            if (!left.isEmpty()) {
                qemu.terminate(left);
            }
        }
    }

    private static List<String> live(QemuProvider qemu) {
        return qemu.instances(InstanceQuery.all()).stream().filter(i -> i.state() != InstanceState.TERMINATED)
                .map(Instance::id).toList();
    }

    private static List<String> ports(String bridge) throws Exception {
        try (var list = Files.list(Path.of("/sys/class/net", bridge, "brif"))) {
            return list.map(p -> p.getFileName().toString()).toList();
        }
    }

    private static String mainMac(QemuState.Vm vm) {
        try (Qmp qmp = Qmp.connect(Path.of(vm.qmpSocket()), Duration.ofSeconds(10))) {
            JsonNode filters = qmp.execute("query-rx-filter", Map.of("name", QemuNetwork.DEVICE));
            return filters.get(0).path("main-mac").asText();
        }
    }

    private static String infoNetwork(QemuState.Vm vm) {
        try (Qmp qmp = Qmp.connect(Path.of(vm.qmpSocket()), Duration.ofSeconds(10))) {
            return qmp.execute("human-monitor-command", Map.of("command-line", "info network")).asText();
        }
    }

    private static void ip(String... args) {
        List<String> argv = new ArrayList<>(List.of("ip"));
        argv.addAll(List.of(args));
        Commands.run(argv, null, Duration.ofSeconds(10));
    }
}
