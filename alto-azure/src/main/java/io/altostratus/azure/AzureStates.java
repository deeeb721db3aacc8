package io.altostratus.azure;

import com.azure.resourcemanager.compute.fluent.models.VirtualMachineInner;
import com.azure.resourcemanager.compute.models.InstanceViewStatus;
import io.altostratus.core.model.InstanceState;
import java.util.Locale;

/**
 * A VM's state from its {@code provisioningState} and the {@code PowerState/...} status of its instance view. The
 * raw state is {@code <provisioningState>/<powerState>} ({@code Succeeded/running}, {@code Creating/starting},
 * {@code Updating/deallocated}; the power part is empty when the answer had no instance view).
 *
 * <table>
 *   <caption>mapping</caption>
 *   <tr><th>ARM</th><th>portable</th></tr>
 *   <tr><td>provisioning Failed</td><td>ERROR</td></tr>
 *   <tr><td>provisioning Deleting</td><td>TERMINATING</td></tr>
 *   <tr><td>provisioning Creating, or power starting</td><td>PENDING</td></tr>
 *   <tr><td>power running</td><td>RUNNING</td></tr>
 *   <tr><td>power stopping, deallocating</td><td>STOPPING</td></tr>
 *   <tr><td>power stopped, deallocated</td><td>STOPPED</td></tr>
 *   <tr><td>no power state and provisioning Succeeded/Updating</td><td>RUNNING (a VM ARM just made or updated runs)</td></tr>
 *   <tr><td>a VM no longer there</td><td>TERMINATED ({@code Deleted/gone}, see {@link Tombstones})</td></tr>
 *   <tr><td>anything else</td><td>ERROR, the raw state saying what</td></tr>
 * </table>
 */
final class AzureStates {
    private AzureStates() {
    }

    static String provisioning(VirtualMachineInner vm) {
        return vm.provisioningState() == null ? "" : vm.provisioningState();
    }

    /** The word after {@code PowerState/} in the instance view, or "" when there is none. */
    static String power(VirtualMachineInner vm) {
        if (vm.instanceView() == null || vm.instanceView().statuses() == null) {
            return "";
        }
        for (InstanceViewStatus status : vm.instanceView().statuses()) {
            String code = status.code();
            if (code != null && code.startsWith("PowerState/")) {
                return code.substring("PowerState/".length());
            }
        }
        return "";
    }

    static String raw(VirtualMachineInner vm) {
        return provisioning(vm) + "/" + power(vm);
    }

    static InstanceState of(String provisioning, String power) {
        String p = provisioning.toLowerCase(Locale.ROOT);
        String w = power.toLowerCase(Locale.ROOT);
        if (p.equals("failed")) {
            return InstanceState.ERROR;
        }
        if (p.equals("deleting")) {
            return InstanceState.TERMINATING;
        }
        if (p.equals("creating") || w.equals("starting")) {
            return InstanceState.PENDING;
        }
        switch (w) {
            case "running":
                return InstanceState.RUNNING;
            case "stopping", "deallocating":
                return InstanceState.STOPPING;
            case "stopped", "deallocated":
                return InstanceState.STOPPED;
            case "":
                return p.equals("succeeded") || p.equals("updating") ? InstanceState.RUNNING : InstanceState.ERROR;
            default:
                return InstanceState.ERROR;
        }
    }

    static InstanceState of(VirtualMachineInner vm) {
        return of(provisioning(vm), power(vm));
    }
}
