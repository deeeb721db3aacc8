package io.altostratus.vsphere;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.vsphere.internal.MoRef;
import java.util.regex.Pattern;

/**
 * Instance and image ids are VM MoRef values: {@code vm-42} on vCenter, a bare number on a standalone ESXi host.
 * Anything else cannot be one (INVALID_PARAMETER); a well-formed one that names nothing is NOT_FOUND.
 */
final class VmIds {
    private static final Pattern VM = Pattern.compile("vm-\\d+|\\d+");
    private static final Pattern SNAPSHOT = Pattern.compile("snapshot-\\d+|\\d+-snapshot-\\d+");

    private VmIds() {
    }

    static MoRef vm(String id) {
        if (id == null || !VM.matcher(id).matches()) {
            throw new AltoException(ErrorCode.INVALID_PARAMETER, "InvalidId", "'" + id + "' is not a vSphere VM id "
                    + "(a MoRef value such as vm-42)");
        }
        return MoRef.vm(id);
    }

    static MoRef snapshot(String id) {
        if (id == null || !SNAPSHOT.matcher(id).matches()) {
            throw new AltoException(ErrorCode.INVALID_PARAMETER, "InvalidId", "'" + id + "' is not a vSphere "
                    + "snapshot id (a MoRef value such as snapshot-42)");
        }
        return new MoRef("VirtualMachineSnapshot", id);
    }
}
