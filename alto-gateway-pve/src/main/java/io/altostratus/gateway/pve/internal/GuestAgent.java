package io.altostratus.gateway.pve.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.altostratus.core.model.Instance;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

/**
 * The QEMU guest agent as PVE relays it: it answers once the VM runs, has {@code agent: 1} and has "booted" (a
 * delay after the start the front saw). The NIC the agent reports lists the link-local IPv6 address before the
 * backend's private IPv4, as real guests do, which is what trips clients that take the first address.
 */
public final class GuestAgent {
    private final Vms vms;
    private final Clock clock;
    private final Duration bootDelay;

    public GuestAgent(Vms vms, Clock clock, Duration bootDelay) {
        this.vms = vms;
        this.clock = clock;
        this.bootDelay = bootDelay;
    }

    public ObjectNode networkInterfaces(String account, String node, String vmidText) {
        Kept.Vm vm = vms.vm(account, node, vmidText);
        if (vm.lock() != null) {
            throw PveException.server("VM is locked (" + vm.lock() + ")");
        }
        Instance instance = vms.runningInstance(account, vm);
        if (instance == null) {
            throw PveException.server("VM " + vm.vmid() + " is not running");
        }
        if (!Vms.agentEnabled(vm)) {
            throw PveException.server("No QEMU guest agent configured");
        }
        if (vm.runningSince() == null || clock.millis() - vm.runningSince() < bootDelay.toMillis()) {
            throw PveException.server("QEMU guest agent is not running");
        }
        ObjectNode data = Json.object();
        ArrayNode result = data.putArray("result");
        ObjectNode lo = result.addObject();
        lo.put("name", "lo");
        lo.put("hardware-address", "00:00:00:00:00:00");
        ArrayNode loIps = lo.putArray("ip-addresses");
        address(loIps, "ipv4", "127.0.0.1", 8);
        address(loIps, "ipv6", "::1", 128);
        String mac = macOf(vm).toLowerCase(Locale.ROOT);
        ObjectNode nic = result.addObject();
        nic.put("name", "eth0");
        nic.put("hardware-address", mac);
        ArrayNode ips = nic.putArray("ip-addresses");
        address(ips, "ipv6", linkLocal(mac), 64);
        if (instance.privateIp() != null) {
            address(ips, "ipv4", instance.privateIp(), 24);
        }
        return data;
    }

    private static void address(ArrayNode list, String type, String ip, int prefix) {
        ObjectNode a = list.addObject();
        a.put("ip-address-type", type);
        a.put("ip-address", ip);
        a.put("prefix", prefix);
    }

    private static String macOf(Kept.Vm vm) {
        String net0 = vm.config().getOrDefault("net0", "");
        int eq = net0.indexOf('=');
        if (eq > 0) {
            String mac = net0.substring(eq + 1).split(",")[0];
            if (mac.matches("([0-9A-Fa-f]{2}:){5}[0-9A-Fa-f]{2}")) {
                return mac;
            }
        }
        return Vms.mac(vm.vmid());
    }

    /** The EUI-64 link-local address of a MAC (universal/local bit flipped, ff:fe in the middle). */
    static String linkLocal(String mac) {
        String[] b = mac.split(":");
        int first = Integer.parseInt(b[0], 16) ^ 0x02;
        return String.format(Locale.ROOT, "fe80::%x:%x:%x:%x",
                (first << 8) | Integer.parseInt(b[1], 16), (Integer.parseInt(b[2], 16) << 8) | 0xff,
                0xfe00 | Integer.parseInt(b[3], 16), (Integer.parseInt(b[4], 16) << 8) | Integer.parseInt(b[5], 16));
    }
}
