package io.altostratus.proxmox.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The address to show for a VM from the guest agent's {@code network-get-interfaces} answer. Users hit two traps:
 * the agent lists a link-local IPv6 address (fe80::/10) before DHCPv4 has given one, and APIPA (169.254/16) while DHCP
 * is pending; neither reaches the VM from elsewhere. So: the interface whose MAC is net0's first (else any
 * non-loopback one), a global IPv4 over anything else, a global IPv6 only when no IPv4 exists; loopback, link-local
 * and APIPA never.
 */
public final class GuestAddresses {
    private GuestAddresses() {
    }

    /** The addresses found: IPv4 (null if none) and IPv6 (null if none), best first. */
    public record Found(String ipv4, String ipv6) {
        public String best() {
            return ipv4 != null ? ipv4 : ipv6;
        }
    }

    /**
     * @param agentAnswer the {@code data} of {@code agent/network-get-interfaces} ({@code {"result": [...]}})
     * @param net0Mac     net0's MAC from the VM config, or null
     */
    public static Found pick(JsonNode agentAnswer, String net0Mac) {
        JsonNode result = agentAnswer.has("result") ? agentAnswer.get("result") : agentAnswer;
        List<JsonNode> ordered = new ArrayList<>();
        for (JsonNode nic : result) {
            if (net0Mac != null && net0Mac.equalsIgnoreCase(nic.path("hardware-address").asText())) {
                ordered.add(0, nic);
            } else {
                ordered.add(nic);
            }
        }
        String v4 = null;
        String v6 = null;
        for (JsonNode nic : ordered) {
            if (nic.path("name").asText().equals("lo")) {
                continue;
            }
            for (JsonNode a : nic.path("ip-addresses")) {
                String ip = a.path("ip-address").asText("");
                String type = a.path("ip-address-type").asText("").toLowerCase(Locale.ROOT);
                if (!usable(ip)) {
                    continue;
                }
                if (type.equals("ipv4") && v4 == null) {
                    v4 = ip;
                } else if (type.equals("ipv6") && v6 == null) {
                    v6 = ip;
                }
            }
            if (v4 != null) {
                break;
            }
        }
        return new Found(v4, v6);
    }

    static boolean usable(String ip) {
        if (ip.isEmpty()) {
            return false;
        }
        String literal = ip.contains("%") ? ip.substring(0, ip.indexOf('%')) : ip;
        if (!literal.matches("[0-9a-fA-F:.]+")) {
            return false;
        }
        try {
            InetAddress address = InetAddress.getByName(literal);
            return !address.isLoopbackAddress() && !address.isLinkLocalAddress() && !address.isAnyLocalAddress()
                    && !address.isMulticastAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
