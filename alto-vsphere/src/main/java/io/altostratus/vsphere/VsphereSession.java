package io.altostratus.vsphere;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.wait.Retrier;
import io.altostratus.core.wait.Sleeper;
import io.altostratus.vsphere.internal.MoRef;
import io.altostratus.vsphere.internal.ObjectContent;
import io.altostratus.vsphere.internal.PropertySpec;
import io.altostratus.vsphere.internal.Vim;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * What one session's parts share: the vim25 calls, the retry policy, the settings, and the datacenter the session
 * works in (looked up once: the one named in the settings, else the only one).
 */
final class VsphereSession {
    /** A datacenter: its reference, name and the folder its VMs go to by default. */
    record Datacenter(MoRef ref, String name, MoRef vmFolder) {
    }

    private final Vim vim;
    private final Retrier retrier;
    private final VsphereSettings settings;
    private final Sleeper sleeper;
    private final Path stateDir;
    private final Tombstones tombstones;
    private volatile Datacenter datacenter;

    VsphereSession(Vim vim, Retrier retrier, VsphereSettings settings, Sleeper sleeper, Path stateDir,
                   Tombstones tombstones) {
        this.vim = vim;
        this.retrier = retrier;
        this.settings = settings;
        this.sleeper = sleeper;
        this.stateDir = stateDir;
        this.tombstones = tombstones;
    }

    /** Logs in, and makes the client log in the same way whenever the server forgets the session. */
    void login() {
        Runnable login = () -> vim.login(settings.user(), settings.password());
        retrier.run("Login", login);
        vim.client().relogin(login);
    }

    Vim vim() {
        return vim;
    }

    Retrier retrier() {
        return retrier;
    }

    Clock clock() {
        return retrier.clock();
    }

    VsphereSettings settings() {
        return settings;
    }

    Sleeper sleeper() {
        return sleeper;
    }

    Path stateDir() {
        return stateDir;
    }

    Tombstones tombstones() {
        return tombstones;
    }

    String region() {
        return settings.regionName();
    }

    /** Calls vim25 through the retrier: transient faults are retried, every fault comes back as AltoException. */
    <T> T call(String operation, java.util.function.Supplier<T> call) {
        return retrier.call(operation, call);
    }

    void run(String operation, Runnable call) {
        retrier.run(operation, call);
    }

    Datacenter datacenter() {
        Datacenter dc = datacenter;
        if (dc == null) {
            List<ObjectContent> all = call("datacenters", () -> vim.inventory(
                    List.of(PropertySpec.of("Datacenter", "name", "vmFolder"))));
            List<ObjectContent> dcs = all.stream().filter(o -> o.obj().type().equals("Datacenter")).toList();
            String wanted = settings.datacenter();
            List<ObjectContent> chosen = wanted == null ? dcs
                    : dcs.stream().filter(o -> wanted.equals(o.text("name", null))).toList();
            if (chosen.size() != 1) {
                List<String> names = dcs.stream().map(o -> o.text("name", "?")).toList();
                throw new AltoException(ErrorCode.INVALID_PARAMETER, "InvalidSetting", wanted == null
                        ? "[vsphere] the endpoint has " + names.size() + " datacenters " + names
                        + ": name one with datacenter"
                        : "[vsphere] no datacenter '" + wanted + "' (there are " + names + ")");
            }
            ObjectContent o = chosen.get(0);
            dc = new Datacenter(o.obj(), o.text("name", o.obj().value()), o.ref("vmFolder"));
            datacenter = dc;
        }
        return dc;
    }
}
