package io.altostratus.qemu;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where an instance's second NIC goes, from the {@code [qemu] network} setting:
 * <ul>
 *   <li>{@code user} (the default): no second NIC; the guest has only the user-mode NIC.</li>
 *   <li>{@code tap:IFNAME}: a tap interface the user made ({@code ip tuntap add IFNAME mode tap}, usually enslaved to
 *       a bridge); QEMU opens it itself ({@code -netdev tap,ifname=...,script=no}), so it must exist and be ours
 *       (root, or the tap's owner). A tap serves one machine at a time.</li>
 *   <li>{@code bridge:BRIDGE}: a bridge the user made; QEMU's setuid {@code qemu-bridge-helper} makes a tap per
 *       machine and enslaves it ({@code -netdev bridge,br=...}), which the helper allows only for bridges named in
 *       {@code /etc/qemu/bridge.conf} ({@code allow BRIDGE}).</li>
 * </ul>
 * The user-mode NIC always stays, first on the bus: it carries the forwarded SSH port, so reaching the guest
 * (GUEST_ACCESS) works the same whatever the bridge offers. The second NIC has a MAC derived from the instance id
 * ({@link #mac}), the same at every start, and the seed's network config matches each NIC by its MAC and asks DHCP
 * on both (the bridge's DHCP server, the user's, gives the LAN address).
 *
 * @param kind what the setting names
 * @param name the tap or bridge interface, null for {@code user}
 */
record QemuNetwork(Kind kind, String name) {
    enum Kind { USER, TAP, BRIDGE }

    static final QemuNetwork USER = new QemuNetwork(Kind.USER, null);
    /** The MAC QEMU gives its first NIC when none is set; given explicitly once a second NIC exists. */
    static final String USER_NIC_MAC = "52:54:00:12:34:56";
    /** The netdev and device ids of the second NIC. */
    static final String NETDEV = "lan";
    static final String DEVICE = "nic-lan";
    static final Path SYS_NET = Path.of("/sys/class/net");
    /** Linux interface names: at most 15 bytes, none of '/', ':', ',' or white space. */
    private static final Pattern IFNAME = Pattern.compile("[A-Za-z0-9_.-]{1,15}");

    /**
     * The setting's network.
     *
     * @throws AltoException INVALID_PARAMETER (InvalidSetting) for anything but the three forms
     */
    static QemuNetwork parse(String setting) {
        String s = setting == null ? "" : setting.strip();
        if (s.isEmpty() || s.equalsIgnoreCase("user")) {
            return USER;
        }
        int colon = s.indexOf(':');
        String kind = colon < 0 ? s.toLowerCase(Locale.ROOT) : s.substring(0, colon).toLowerCase(Locale.ROOT);
        String name = colon < 0 ? "" : s.substring(colon + 1);
        Kind k = switch (kind) {
            case "tap" -> Kind.TAP;
            case "bridge" -> Kind.BRIDGE;
            default -> null;
        };
        if (k == null || !IFNAME.matcher(name).matches()) {
            throw AltoException.invalid("InvalidSetting", "[qemu] network must be user, tap:IFNAME or "
                    + "bridge:BRIDGE (an interface name of up to 15 letters, digits, '_', '.' or '-'), not '"
                    + setting + "'");
        }
        return new QemuNetwork(k, name);
    }

    /** The network of an instance's record: instances from before this setting existed have none. */
    static QemuNetwork ofRecord(String recorded) {
        return recorded == null ? USER : parse(recorded);
    }

    boolean hasLan() {
        return kind != Kind.USER;
    }

    /** As the setting spells it, and as the instance's record keeps it. */
    @Override
    public String toString() {
        return switch (kind) {
            case USER -> "user";
            case TAP -> "tap:" + name;
            case BRIDGE -> "bridge:" + name;
        };
    }

    /**
     * The second NIC's MAC: a locally administered unicast address ({@code 0a:} then 40 bits of the SHA-256 of the
     * instance id), so it survives stop and start and two instances collide only by a 1 in 2^40 chance.
     */
    static String mac(String instanceId) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(instanceId.getBytes(StandardCharsets.UTF_8));
            StringBuilder mac = new StringBuilder("0a");
            for (int i = 0; i < 5; i++) {
                mac.append(':').append(String.format("%02x", d[i] & 0xff));
            }
            return mac.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The second NIC's {@code -netdev} and {@code -device} options (none for {@code user}). */
    List<String> args(String instanceId) {
        String netdev = switch (kind) {
            case USER -> null;
            // the tap is the user's: QEMU neither configures it on start nor removes it on exit
            case TAP -> "tap,id=" + NETDEV + ",ifname=" + name + ",script=no,downscript=no";
            case BRIDGE -> "bridge,id=" + NETDEV + ",br=" + name;
        };
        if (netdev == null) {
            return List.of();
        }
        return List.of("-netdev", netdev,
                "-device", "virtio-net-pci,netdev=" + NETDEV + ",id=" + DEVICE + ",mac=" + mac(instanceId));
    }

    /**
     * The seed's network config: DHCP on the one ethernet interface for {@code user}; with a second NIC each NIC
     * matched by its MAC (names differ between x86_64 and arm64 guests and with the PCI layout), DHCP on both.
     */
    String networkConfig(String instanceId) {
        if (!hasLan()) {
            return """
                    version: 2
                    ethernets:
                      primary:
                        match:
                          name: "e*"
                        dhcp4: true
                    """;
        }
        return """
                version: 2
                ethernets:
                  primary:
                    match:
                      macaddress: "%s"
                    dhcp4: true
                  lan:
                    match:
                      macaddress: "%s"
                    dhcp4: true
                """.formatted(USER_NIC_MAC, mac(instanceId));
    }

    /**
     * Checks before QEMU starts that the interface is there and usable, so the error names it plainly.
     *
     * @throws AltoException NOT_FOUND (NetworkInterfaceNotFound) when it does not exist, INVALID_PARAMETER
     *         (NotATap, NotABridge) when it is another kind, AUTH_FAILURE (TapNotPermitted) when this user may not
     *         open it
     */
    void check(Path sysNet, long uid) {
        if (!hasLan()) {
            return;
        }
        Path dev = sysNet.resolve(name);
        if (!Files.exists(dev)) {
            throw AltoException.notFound("NetworkInterfaceNotFound", "[qemu] network " + this + ": there is no "
                    + "interface " + name + " (" + (kind == Kind.TAP ? "ip tuntap add " + name + " mode tap"
                    : "ip link add " + name + " type bridge") + " makes one)");
        }
        if (kind == Kind.BRIDGE && !Files.isDirectory(dev.resolve("bridge"))) {
            throw AltoException.invalid("NotABridge", "[qemu] network " + this + ": " + name
                    + " is not a bridge");
        }
        if (kind == Kind.TAP) {
            if (!Files.exists(dev.resolve("tun_flags"))) {
                throw AltoException.invalid("NotATap", "[qemu] network " + this + ": " + name
                        + " is not a tap interface");
            }
            Optional<Long> owner = readLong(dev.resolve("owner"));
            if (uid != 0 && owner.isPresent() && owner.get() != -1 && owner.get() != uid) {
                throw new AltoException(ErrorCode.AUTH_FAILURE, "TapNotPermitted", "[qemu] network " + this
                        + ": tap " + name + " belongs to uid " + owner.get() + ", not to this user (uid " + uid
                        + ")");
            }
        }
    }

    /** QEMU's own words for a NIC it could not open, as the typed error that names the interface. */
    Optional<AltoException> explain(String qemuError) {
        if (!hasLan() || qemuError == null) {
            return Optional.empty();
        }
        String e = qemuError.toLowerCase(Locale.ROOT);
        String where = "[qemu] network " + this + ": ";
        if (kind == Kind.TAP && e.contains("resource busy")) {
            return Optional.of(new AltoException(ErrorCode.INVALID_STATE, "TapInUse", where + "tap " + name
                    + " is in use by another machine (a tap serves one; give each instance its own, or use "
                    + "bridge:BRIDGE)"));
        }
        if (e.contains("operation not permitted") || e.contains("permission denied")) {
            return Optional.of(new AltoException(ErrorCode.AUTH_FAILURE, kind == Kind.TAP ? "TapNotPermitted"
                    : "BridgeNotPermitted", where + "this user may not open " + name + " (run as root, or make "
                    + (kind == Kind.TAP ? "the tap with 'ip tuntap add " + name + " mode tap user USER'"
                    : "qemu-bridge-helper setuid root") + ")"));
        }
        // the helper says "access denied by acl file" for a bridge not allowed, and "failed to parse default acl
        // file" when /etc/qemu/bridge.conf is missing
        if (kind == Kind.BRIDGE && e.contains("acl file")) {
            return Optional.of(new AltoException(ErrorCode.AUTH_FAILURE, "BridgeNotPermitted", where
                    + "qemu-bridge-helper may not use " + name + ": add 'allow " + name
                    + "' to /etc/qemu/bridge.conf"));
        }
        if (kind == Kind.BRIDGE && (e.contains("bridge helper") || e.contains("bridge-helper"))) {
            return Optional.of(new AltoException(ErrorCode.PROVIDER_ERROR, "BridgeHelperFailed", where
                    + "qemu-bridge-helper could not attach to " + name + ": " + qemuError.strip()));
        }
        if (e.contains(name.toLowerCase(Locale.ROOT)) || e.contains("/dev/net/tun")) {
            return Optional.of(new AltoException(ErrorCode.PROVIDER_ERROR, "NetworkUnavailable", where
                    + qemuError.strip()));
        }
        return Optional.empty();
    }

    private static Optional<Long> readLong(Path file) {
        try {
            return Optional.of(Long.parseLong(Files.readString(file).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }
}
