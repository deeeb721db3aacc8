package io.altostratus.qemu;

import io.altostratus.core.model.GuestEndpoint;
import java.nio.file.Path;

/**
 * What only the qemu provider knows of an instance: how to reach its guest and where its files are.
 *
 * @param accelerator  how QEMU runs the guest (KVM or TCG)
 * @param pid          the QEMU process while it runs, else 0
 * @param sshHost      the host address of the forwarded SSH port ({@code 127.0.0.1})
 * @param sshPort      the loopback port forwarded to the guest's port 22
 * @param loginUser    the user cloud-init makes by default on the instance's image, or null when unknown
 * @param directory    the instance directory (overlay, seed ISO, console log)
 * @param consoleLog   the serial console's log file
 * @param qemuStatus   QEMU's own run state when asked for one instance ({@code running}, {@code paused}), else null
 * @param network      where the second NIC is: {@code user} (none), {@code tap:IFNAME} or {@code bridge:BRIDGE}
 * @param macAddress   the second NIC's MAC (derived from the instance id, the same at every start), or null
 */
public record QemuInstanceDetails(Accelerator accelerator, long pid, String sshHost, int sshPort, String loginUser,
                                  Path directory, Path consoleLog, String qemuStatus, String network,
                                  String macAddress) implements GuestEndpoint {
    /** With the status QEMU reports now. */
    QemuInstanceDetails withStatus(String status) {
        return new QemuInstanceDetails(accelerator, pid, sshHost, sshPort, loginUser, directory, consoleLog, status,
                network, macAddress);
    }
}
