package io.altostratus.qemu;

import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.Tags;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What the provider keeps in the durable store; every record is immutable, as the store requires. */
final class QemuState {
    static final String INSTANCE = "qemu-instance";
    static final String IMAGE = "qemu-image";
    static final String SNAPSHOT = "qemu-snapshot";
    static final String VOLUME = "qemu-volume";
    static final String KEY_PAIR = "qemu-key-pair";
    /** Counters of an account (the next user-mode network number). */
    static final String COUNTER = "qemu-counter";

    private QemuState() {
    }

    /**
     * One machine. Its portable state is worked out on every read from {@code wanted} and whether the QEMU process
     * ({@code pid} started at {@code processStart}) still runs; nothing else records "running".
     *
     * @param dir          the instance directory (overlay, seed, console log, extra disks)
     * @param qmpSocket    the QMP socket of the current process
     * @param sshPort      the loopback port forwarded to the guest's port 22
     * @param pid          the QEMU process, or 0 before the first start
     * @param processStart the process's start mark ({@link io.altostratus.qemu.internal.ProcessIdentity})
     * @param wanted       {@code running}, {@code stopped} or {@code terminated}: what the last call asked for
     * @param changedAt    when {@code wanted} last changed
     * @param disks        extra disks, in the order they are attached (vdb, vdc, ...)
     * @param network      the instance's user-mode network number: its guest has {@link #privateIp()}
     * @param lan          the second NIC's network as the setting spelled it at launch ({@link QemuNetwork}):
     *                     {@code tap:IFNAME}, {@code bridge:BRIDGE}, or null (records from before) / {@code user}
     * @param architecture the guest's architecture ({@code x86_64}, {@code arm64}); null in records from before
     *                     arm64 guests, meaning x86_64
     */
    record Vm(String id, String zone, String imageId, String instanceType, int vcpus, long memoryMiB, String dir,
              String qmpSocket, int sshPort, long pid, long processStart, String wanted, Instant changedAt,
              String clientToken, String keyName, Map<String, String> tags, Instant launchTime,
              List<Disk> disks, int network, String lan, String architecture) {
        Vm {
            tags = Tags.copy(tags);
            disks = disks == null ? List.of() : List.copyOf(disks);
        }

        /** An x86_64 machine on user-mode networking only. */
        Vm(String id, String zone, String imageId, String instanceType, int vcpus, long memoryMiB, String dir,
           String qmpSocket, int sshPort, long pid, long processStart, String wanted, Instant changedAt,
           String clientToken, String keyName, Map<String, String> tags, Instant launchTime,
           List<Disk> disks, int network) {
            this(id, zone, imageId, instanceType, vcpus, memoryMiB, dir, qmpSocket, sshPort, pid, processStart,
                    wanted, changedAt, clientToken, keyName, tags, launchTime, disks, network, null, null);
        }

        QemuNetwork lanNetwork() {
            return QemuNetwork.ofRecord(lan);
        }

        Architecture arch() {
            return architecture == null ? Architecture.X86_64 : Architecture.parse(architecture);
        }

        Vm withProcess(long newPid, long newStart, int newPort) {
            return new Vm(id, zone, imageId, instanceType, vcpus, memoryMiB, dir, qmpSocket, newPort, newPid,
                    newStart, wanted, changedAt, clientToken, keyName, tags, launchTime, disks, network,
                    lan, architecture);
        }

        Vm withWanted(String newWanted, Instant at) {
            return new Vm(id, zone, imageId, instanceType, vcpus, memoryMiB, dir, qmpSocket, sshPort, pid,
                    processStart, newWanted, at, clientToken, keyName, tags, launchTime, disks, network,
                    lan, architecture);
        }

        Vm withDisks(List<Disk> newDisks) {
            return new Vm(id, zone, imageId, instanceType, vcpus, memoryMiB, dir, qmpSocket, sshPort, pid,
                    processStart, wanted, changedAt, clientToken, keyName, tags, launchTime, newDisks, network,
                    lan, architecture);
        }

        Vm withTags(Map<String, String> newTags) {
            return new Vm(id, zone, imageId, instanceType, vcpus, memoryMiB, dir, qmpSocket, sshPort, pid,
                    processStart, wanted, changedAt, clientToken, keyName, newTags, launchTime, disks, network,
                    lan, architecture);
        }

        /**
         * The guest's network, {@code 10.N.M.0/24} from the network number (10.0.2.0/24, QEMU's default, is never
         * one of them): every instance has a user-mode network of its own, so private addresses are distinct.
         */
        String subnet() {
            int n = network + 3 * 256; // starts past 10.0.x and 10.1.x, 10.2.x
            return "10." + ((n >> 8) & 255) + "." + (n & 255) + ".0/24";
        }

        /** The address user-mode networking's DHCP gives the guest: the first of the pool (.15). */
        String privateIp() {
            String net = subnet();
            return net.substring(0, net.lastIndexOf('.')) + ".15";
        }
    }

    /**
     * An extra qcow2 disk of an instance: one given at launch (in the instance directory), or a volume attached
     * later (in the volumes directory), which sits on a hot-plug port so it can come and go while the guest runs.
     *
     * @param device   the device name it was given ({@code /dev/vdb}); for an attached volume the guest may number
     *                 it otherwise, and {@code /dev/disk/by-id/virtio-<volume id>} is the name to rely on
     * @param file     the qcow2 file
     * @param volumeId the volume, or null for a disk given at launch
     * @param port     the hot-plug port an attached volume sits on ({@link QemuCommandLine#HOTPLUG_PORTS})
     */
    record Disk(String device, String file, int sizeGiB, boolean deleteOnTermination, String volumeId, int port) {
        /** A disk given at launch. */
        Disk(String device, String file, int sizeGiB, boolean deleteOnTermination) {
            this(device, file, sizeGiB, deleteOnTermination, null, 0);
        }

        boolean isVolume() {
            return volumeId != null;
        }
    }

    /**
     * A volume made on its own: a qcow2 file in the volumes directory, attached to at most one instance (the
     * instance's record lists it among its disks too, written in the same transaction).
     *
     * @param instanceId the instance it is attached to, or null
     * @param device     the device name it is attached at, or null
     */
    record Vol(String id, int sizeGiB, String file, Instant created, Map<String, String> tags, String instanceId,
               String device, Instant attachTime) {
        Vol {
            tags = Tags.copy(tags);
        }

        Vol attached(String newInstanceId, String newDevice, Instant at) {
            return new Vol(id, sizeGiB, file, created, tags, newInstanceId, newDevice, at);
        }

        Vol detached() {
            return new Vol(id, sizeGiB, file, created, tags, null, null, null);
        }

        Vol withTags(Map<String, String> newTags) {
            return new Vol(id, sizeGiB, file, created, newTags, instanceId, device, attachTime);
        }
    }

    /** An SSH public key kept by name; the private key of a generated pair is never stored. */
    record Key(String id, String name, String fingerprint, String type, String publicKey, Instant created,
               Map<String, String> tags) {
        Key {
            tags = Tags.copy(tags);
        }
    }

    /**
     * A launchable image: a qcow2 file new instances get overlays on, and for direct kernel boot the kernel, initrd
     * and command line beside it (all null for an image that boots from its own boot loader).
     *
     * @param file      the qcow2 base file, never written once the image exists
     * @param loginUser the user cloud-init makes by default on this image, or null when unknown
     * @param recipe    the build recipe's key for built images, else null
     */
    record Img(String id, String name, String description, String distro, String release, String architecture,
               String file, String kernel, String initrd, String append, String loginUser, long virtualSize,
               String sourceInstanceId, Instant created, String recipe, Map<String, String> tags) {
        Img {
            tags = Tags.copy(tags);
        }

        Img withTags(Map<String, String> newTags) {
            return new Img(id, name, description, distro, release, architecture, file, kernel, initrd, append,
                    loginUser, virtualSize, sourceInstanceId, created, recipe, newTags);
        }
    }

    /** A whole-machine snapshot: an internal qcow2 snapshot of the instance's overlay (and its extra disks). */
    record Snap(String id, String instanceId, String name, String description, Instant created,
                Map<String, String> tags) {
        Snap {
            tags = Tags.copy(tags);
        }
    }
}
