package io.altostratus.proxmox;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.proxmox.internal.PveClient;

/** A VM (or template) as our ids name it: {@code node/vmid}, e.g. {@code pve1/100}. */
record VmRef(String node, int vmid) {
    static VmRef parse(String id) {
        if (id != null) {
            int slash = id.indexOf('/');
            if (slash > 0 && slash == id.lastIndexOf('/') && id.substring(slash + 1).matches("[1-9][0-9]{2,8}")) {
                return new VmRef(id.substring(0, slash), Integer.parseInt(id.substring(slash + 1)));
            }
        }
        throw new AltoException(ErrorCode.INVALID_PARAMETER, "InvalidId", "'" + id + "' is not a Proxmox VM id "
                + "(NODE/VMID, e.g. pve1/100)");
    }

    String id() {
        return node + "/" + vmid;
    }

    /** The VM's API path, {@code /nodes/{node}/qemu/{vmid}}. */
    String path() {
        return "/nodes/" + PveClient.segment(node) + "/qemu/" + vmid;
    }

    @Override
    public String toString() {
        return id();
    }
}
