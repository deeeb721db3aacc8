package io.altostratus.local.internal;

import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;

/**
 * A plausible serial console log for a simulated machine. It says plainly that nothing booted: the local cloud runs
 * no guest, and a log that pretended otherwise would mislead someone debugging cloud-init.
 */
final class ConsoleLog {
    private ConsoleLog() {
    }

    static String render(Instance instance, int boots) {
        StringBuilder log = new StringBuilder();
        String host = instance.privateDnsName() == null ? instance.id() : instance.privateDnsName().split("\\.")[0];
        for (int boot = 1; boot <= Math.max(1, boots); boot++) {
            boolean last = boot == Math.max(1, boots);
            if (last && instance.state() == InstanceState.PENDING) {
                line(log, 0.000000, "[alto local cloud] simulated machine " + instance.id() + " is booting");
                return log.toString();
            }
            line(log, 0.000000, "[alto local cloud] SIMULATED console of " + instance.id()
                    + ": no guest operating system runs here, these lines are generated");
            line(log, 0.000000, "Linux version 6.8.0-simulated (alto@local) #1 SMP " + instance.architecture());
            line(log, 0.004211, "Command line: BOOT_IMAGE=/boot/vmlinuz root=LABEL=cloudimg-rootfs ro console=ttyS0");
            line(log, 0.151902, "DMI: Amazon EC2 " + instance.instanceType() + "/, BIOS 1.0 10/16/2017");
            line(log, 1.203344, "EXT4-fs (nvme0n1p1): mounted filesystem with ordered data mode");
            line(log, 3.880102, "cloud-init[512]: Cloud-init v. 24.1 running 'init' (simulated)");
            line(log, 3.901447, "cloud-init[512]: ci-info: | ens5 | True | " + instance.privateIp() + " | "
                    + instance.zone() + " |");
            line(log, 4.512008, "cloud-init[512]: Generating public/private ed25519 key pair.");
            line(log, 4.512990, "cloud-init[512]: The key fingerprint is: SHA256:" + fakeHostKey(instance.id())
                    + " root@" + host);
            if (instance.keyName() != null) {
                line(log, 4.601330, "cloud-init[512]: Authorized key pair '" + instance.keyName() + "' for the default user");
            }
            line(log, 6.100257, "cloud-init[768]: Cloud-init v. 24.1 finished. Datasource DataSourceEc2Local. "
                    + "Up 6.10 seconds");
            line(log, 6.100301, host + " login:");
            if (!last) {
                line(log, 7.0, "reboot: Restarting system");
            }
        }
        InstanceState state = instance.state();
        if (state == InstanceState.STOPPING || state == InstanceState.STOPPED
                || state == InstanceState.TERMINATING || state == InstanceState.TERMINATED) {
            line(log, 7.0, "systemd-shutdown[1]: Syncing filesystems and block devices.");
            line(log, 7.2, "reboot: " + (state == InstanceState.STOPPING || state == InstanceState.STOPPED
                    ? "System halted" : "Power down"));
        }
        return log.toString();
    }

    private static void line(StringBuilder log, double seconds, String text) {
        log.append(String.format(Locale.ROOT, "[%12.6f] ", seconds)).append(text).append('\n');
    }

    private static String fakeHostKey(String id) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((id + "#host-key").getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
