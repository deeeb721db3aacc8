package io.altostratus.qemu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The network setting, the second NIC's MAC and options, the seed's network config and the typed errors. */
class QemuNetworkTest {
    @TempDir
    Path sys;

    @Test
    void theSettingTakesUserTapOrBridgeWithAnInterfaceName() {
        assertThat(QemuNetwork.parse(null)).isEqualTo(QemuNetwork.USER);
        assertThat(QemuNetwork.parse(" user ")).isEqualTo(QemuNetwork.USER);
        assertThat(QemuNetwork.parse("tap:tap0")).isEqualTo(new QemuNetwork(QemuNetwork.Kind.TAP, "tap0"));
        assertThat(QemuNetwork.parse("bridge:br-lan.1")).hasToString("bridge:br-lan.1");
        for (String bad : new String[] {"tap", "tap:", "bridge:a,b", "bridge:name-longer-than-15", "vde:sw",
                "tap:x/y"}) {
            assertThatThrownBy(() -> QemuNetwork.parse(bad)).as(bad).isInstanceOfSatisfying(AltoException.class,
                    e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
                        assertThat(e.getMessage()).contains("tap:IFNAME").contains(bad);
                    });
        }
    }

    @Test
    void theMacComesFromTheInstanceIdLocallyAdministeredAndUnicast() {
        String mac = QemuNetwork.mac("qvm-0123456789ab");
        assertThat(mac).matches("0a(:[0-9a-f]{2}){5}").isEqualTo(QemuNetwork.mac("qvm-0123456789ab"));
        assertThat(QemuNetwork.mac("qvm-0123456789ac")).isNotEqualTo(mac);
        int first = Integer.parseInt(mac.substring(0, 2), 16);
        assertThat(first & 1).as("unicast").isZero();
        assertThat(first & 2).as("locally administered").isEqualTo(2);
    }

    @Test
    void tapAndBridgeGiveTheSecondNicItsNetdevAndMac() {
        String mac = QemuNetwork.mac("qvm-0123456789ab");
        assertThat(QemuNetwork.USER.args("qvm-0123456789ab")).isEmpty();
        assertThat(QemuNetwork.parse("tap:alto0").args("qvm-0123456789ab")).containsExactly(
                "-netdev", "tap,id=lan,ifname=alto0,script=no,downscript=no",
                "-device", "virtio-net-pci,netdev=lan,id=nic-lan,mac=" + mac);
        assertThat(QemuNetwork.parse("bridge:br0").args("qvm-0123456789ab")).containsExactly(
                "-netdev", "bridge,id=lan,br=br0",
                "-device", "virtio-net-pci,netdev=lan,id=nic-lan,mac=" + mac);
    }

    @Test
    void withASecondNicTheSeedMatchesEachNicByMac() {
        assertThat(QemuNetwork.USER.networkConfig("qvm-0123456789ab")).contains("name: \"e*\"")
                .doesNotContain("macaddress");
        String config = QemuNetwork.parse("bridge:br0").networkConfig("qvm-0123456789ab");
        assertThat(config).contains("primary:\n    match:\n      macaddress: \"52:54:00:12:34:56\"\n    dhcp4: true")
                .contains("lan:\n    match:\n      macaddress: \"" + QemuNetwork.mac("qvm-0123456789ab")
                        + "\"\n    dhcp4: true")
                .doesNotContain("name:");
    }

    @Test
    void aMissingTapOrBridgeOrAnInterfaceOfTheWrongKindIsATypedErrorNamingIt() throws Exception {
        assertThatThrownBy(() -> QemuNetwork.parse("tap:tap9").check(sys, 0)).isInstanceOfSatisfying(
                AltoException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND);
                    assertThat(e.providerCode()).isEqualTo("NetworkInterfaceNotFound");
                    assertThat(e.getMessage()).contains("tap9").contains("ip tuntap add tap9 mode tap")
                            .doesNotContain("\n");
                });
        Files.createDirectories(sys.resolve("eth0"));
        assertThatThrownBy(() -> QemuNetwork.parse("bridge:eth0").check(sys, 0)).isInstanceOfSatisfying(
                AltoException.class, e -> assertThat(e.providerCode()).isEqualTo("NotABridge"));
        assertThatThrownBy(() -> QemuNetwork.parse("tap:eth0").check(sys, 0)).isInstanceOfSatisfying(
                AltoException.class, e -> assertThat(e.providerCode()).isEqualTo("NotATap"));

        Files.createDirectories(sys.resolve("br0/bridge"));
        QemuNetwork.parse("bridge:br0").check(sys, 0);
        Files.createDirectories(sys.resolve("tap0"));
        Files.writeString(sys.resolve("tap0/tun_flags"), "0x1002\n");
        Files.writeString(sys.resolve("tap0/owner"), "1000\n");
        QemuNetwork.parse("tap:tap0").check(sys, 0);
        QemuNetwork.parse("tap:tap0").check(sys, 1000);
        assertThatThrownBy(() -> QemuNetwork.parse("tap:tap0").check(sys, 1001)).isInstanceOfSatisfying(
                AltoException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.AUTH_FAILURE);
                    assertThat(e.getMessage()).contains("tap0").contains("uid 1000");
                });
        QemuNetwork.USER.check(sys.resolve("nowhere"), 1001);
    }

    @Test
    void qemusOwnWordsBecomeTypedErrorsNamingTheInterface() {
        QemuNetwork tap = QemuNetwork.parse("tap:tap0");
        assertThat(tap.explain("qemu-system-x86_64: -netdev tap,id=lan,ifname=tap0,script=no,downscript=no: "
                + "could not configure /dev/net/tun (tap0): Device or resource busy")).hasValueSatisfying(e -> {
                    assertThat(e.providerCode()).isEqualTo("TapInUse");
                    assertThat(e.getMessage()).contains("tap0");
                });
        assertThat(tap.explain("could not configure /dev/net/tun (tap0): Operation not permitted"))
                .hasValueSatisfying(e -> assertThat(e.code()).isEqualTo(ErrorCode.AUTH_FAILURE));
        QemuNetwork bridge = QemuNetwork.parse("bridge:br0");
        assertThat(bridge.explain("access denied by acl file | qemu-system-x86_64: -netdev bridge,id=lan,br=br0: "
                + "bridge helper failed")).hasValueSatisfying(e -> {
                    assertThat(e.providerCode()).isEqualTo("BridgeNotPermitted");
                    assertThat(e.getMessage()).contains("allow br0").contains("/etc/qemu/bridge.conf");
                });
        assertThat(bridge.explain("failed to parse default acl file `/etc/qemu/bridge.conf' | qemu-system-x86_64: "
                + "-netdev bridge,id=lan,br=br0: bridge helper failed")).hasValueSatisfying(
                        e -> assertThat(e.providerCode()).isEqualTo("BridgeNotPermitted"));
        assertThat(bridge.explain("qemu-system-x86_64: -netdev bridge,id=lan,br=br0: bridge helper failed"))
                .hasValueSatisfying(e -> assertThat(e.providerCode()).isEqualTo("BridgeHelperFailed"));
        assertThat(bridge.explain("could not open disk image")).isEmpty();
        assertThat(QemuNetwork.USER.explain("could not configure /dev/net/tun")).isEmpty();
    }
}
