package io.altostratus.vsphere;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import java.util.Comparator;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Device names of disks on a VM's first SCSI controller: unit N is {@code /dev/sd} and the N-th letter, so the boot
 * disk at unit 0 is {@code /dev/sda} and an attached disk at unit 1 {@code /dev/sdb}, the order a Linux guest with
 * one controller sees them in. Unit 7 is the controller's own and units run to 15.
 */
final class ScsiUnits {
    static final int CONTROLLER_UNIT = 7;
    static final int LAST_UNIT = 15;
    private static final Pattern DEVICE = Pattern.compile("/dev/(?:sd|xvd)([a-p])");

    private ScsiUnits() {
    }

    static String device(int unit) {
        return "/dev/sd" + (char) ('a' + unit);
    }

    /** The VM's SCSI controller that takes disks: the one with the lowest key. */
    static VmView.Device controller(VmView vm) {
        return vm.devices().stream().filter(ScsiUnits::isScsiController).min(Comparator.comparingInt(
                VmView.Device::key)).orElseThrow(() -> new AltoException(ErrorCode.INVALID_STATE, "IncorrectState",
                vm.ref().value() + " has no SCSI controller to attach a disk to"));
    }

    /** The unit {@code device} names, or the first free one when null. */
    static int unit(VmView vm, VmView.Device controller, String device) {
        Set<Integer> taken = vm.devices().stream().filter(d -> d.controllerKey() == controller.key())
                .map(VmView.Device::unitNumber).collect(Collectors.toSet());
        if (device == null || device.isBlank()) {
            for (int u = 0; u <= LAST_UNIT; u++) {
                if (u != CONTROLLER_UNIT && !taken.contains(u)) {
                    return u;
                }
            }
            throw new AltoException(ErrorCode.INSUFFICIENT_CAPACITY, "AttachmentLimitExceeded", vm.ref().value()
                    + " has no free unit on its SCSI controller (15 disks)");
        }
        Matcher m = DEVICE.matcher(device.strip());
        int unit = m.matches() ? m.group(1).charAt(0) - 'a' : -1;
        if (unit < 0 || unit == CONTROLLER_UNIT) {
            throw new AltoException(ErrorCode.INVALID_PARAMETER, "InvalidParameterValue", "device '" + device
                    + "' is not a SCSI disk name here: /dev/sdb to /dev/sdp (unit 1 to 15), except /dev/sdh, which is "
                    + "the controller's unit 7");
        }
        if (taken.contains(unit)) {
            throw new AltoException(ErrorCode.INVALID_STATE, "InvalidParameterValue", device + " is already in use on "
                    + vm.ref().value());
        }
        return unit;
    }

    private static boolean isScsiController(VmView.Device d) {
        return d.kind() != null && (d.kind().contains("SCSIController") || d.kind().contains("LsiLogic")
                || d.kind().contains("BusLogic"));
    }
}
