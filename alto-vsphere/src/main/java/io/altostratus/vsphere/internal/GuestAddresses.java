package io.altostratus.vsphere.internal;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The address VMware Tools reports for a VM, chosen as a user would: on the NIC whose MAC is the VM's first
 * ethernet card's (a guest may have docker bridges and VPN tunnels too), a global IPv4 address over any IPv6 one and
 * over link-local ones (IPv6 {@code fe80::/10}, IPv4 APIPA {@code 169.254/16}), which Tools often lists first.
 * Without {@code guest.net}, {@code guest.ipAddress} (Tools' own pick) is used when it is not link-local.
 */
public final class GuestAddresses {
    private GuestAddresses() {
    }

    /** One NIC as {@code guest.net} reports it. */
    public record Nic(String mac, List<String> addresses) {
        public Nic {
            addresses = List.copyOf(addresses);
        }
    }

    /** The NICs of a {@code guest.net} value ({@code ArrayOfGuestNicInfo}). */
    public static List<Nic> nics(XmlNode guestNet) {
        List<Nic> out = new ArrayList<>();
        if (guestNet == null) {
            return out;
        }
        for (XmlNode info : guestNet.all("GuestNicInfo")) {
            List<String> ips = new ArrayList<>();
            info.all("ipAddress").forEach(a -> ips.add(a.text().strip()));
            XmlNode config = info.child("ipConfig");
            if (ips.isEmpty() && config != null) {
                config.all("ipAddress").forEach(a -> ips.add(a.textAt("", "ipAddress").strip()));
            }
            out.add(new Nic(info.textAt("", "macAddress"), ips));
        }
        return out;
    }

    /** The best address, or null when Tools reports none worth using. */
    public static String pick(List<Nic> nics, String firstMac, String toolsIp) {
        List<String> candidates = new ArrayList<>();
        for (Nic nic : nics) {
            if (firstMac == null || nic.mac().equalsIgnoreCase(firstMac)) {
                candidates.addAll(nic.addresses());
            }
        }
        if (candidates.isEmpty() && firstMac != null) {
            nics.forEach(n -> candidates.addAll(n.addresses())); // the first card is not reported: any NIC
        }
        String best = best(candidates);
        if (best == null && toolsIp != null && !toolsIp.isBlank() && rank(toolsIp.strip()) > 0) {
            best = toolsIp.strip();
        }
        return best;
    }

    private static String best(List<String> addresses) {
        String best = null;
        int bestRank = 0;
        for (String a : addresses) {
            int r = rank(a);
            if (r > bestRank) {
                best = a;
                bestRank = r;
            }
        }
        return best;
    }

    /** 3 global IPv4, 2 global IPv6, 0 for link-local, loopback and what is not an address. */
    static int rank(String address) {
        String a = address.toLowerCase(Locale.ROOT);
        if (a.isEmpty() || !(a.indexOf(':') >= 0 || a.matches("\\d{1,3}(\\.\\d{1,3}){3}"))) {
            return 0;
        }
        try {
            InetAddress ip = InetAddress.getByName(a.contains("%") ? a.substring(0, a.indexOf('%')) : a);
            if (ip.isLinkLocalAddress() || ip.isLoopbackAddress() || ip.isAnyLocalAddress()) {
                return 0;
            }
            return ip.getAddress().length == 4 ? 3 : 2;
        } catch (UnknownHostException e) {
            return 0;
        }
    }
}
