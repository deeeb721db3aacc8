package io.altostratus.vsphere.internal;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.wait.Retrier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The vim25 calls the provider makes, typed: the session, the property collector over one container view of the
 * whole inventory, and the VM methods. Every call that answers with a task waits for the task's end here; a task that
 * ends in error throws its fault as a {@link VimException}, so a failed clone reads like a failed call.
 */
public final class Vim {
    private static final MoRef SERVICE_INSTANCE = new MoRef("ServiceInstance", "ServiceInstance");
    /** Objects per answer the property collector is asked for; more come through ContinueRetrievePropertiesEx. */
    static final int PAGE = 1000;

    private final VimClient client;
    private final Retrier retrier;
    private final Duration taskTimeout;
    private volatile ServiceContent content;
    private final java.util.Map<MoRef, MoRef> views = new java.util.concurrent.ConcurrentHashMap<>();
    /** What container views hold; property specs then pick the types each read wants. */
    static final List<String> VIEW_TYPES = List.of("Datacenter", "VirtualMachine", "HostSystem", "ComputeResource",
            "ClusterComputeResource",
            "Datastore", "Network", "ResourcePool", "Folder");

    public Vim(VimClient client, Retrier retrier, Duration taskTimeout) {
        this.client = client;
        this.retrier = retrier;
        this.taskTimeout = taskTimeout;
    }

    public VimClient client() {
        return client;
    }

    public Clock clock() {
        return retrier.clock();
    }

    // ---- session ----------------------------------------------------------------------------------------------

    /** The service content, fetched once per session. */
    public ServiceContent content() {
        ServiceContent c = content;
        if (c == null) {
            XmlNode answer = client.call("RetrieveServiceContent", SERVICE_INSTANCE, b -> { });
            c = ServiceContent.of(answer.child("returnval"));
            client.apiVersion(c.apiVersion());
            content = c;
        }
        return c;
    }

    /** Logs in; the server's cookie then travels with every call. */
    public void login(String user, String password) {
        client.call("Login", content().sessionManager(), b -> b.element("userName", user)
                .element("password", password));
    }

    public void logout() {
        if (content != null && client.hasSession()) {
            try {
                client.call("Logout", content.sessionManager(), b -> { });
            } finally {
                client.forgetSession();
            }
        }
    }

    // ---- property collector -----------------------------------------------------------------------------------

    /**
     * One container view per container (the root folder, a datacenter) over every type the provider reads, made
     * once per session and kept, so that a listing is a single RetrievePropertiesEx; a view the server dropped (a
     * new session after a re-login) is made again.
     */
    MoRef view(MoRef container) {
        MoRef v = views.get(container);
        if (v == null) {
            XmlNode answer = client.call("CreateContainerView", content().viewManager(), b -> {
                b.ref("container", container);
                for (String type : VIEW_TYPES) {
                    b.element("type", type);
                }
                b.element("recursive", "true");
            });
            v = answer.child("returnval").moRef();
            views.put(container, v);
        }
        return v;
    }

    /** Every object under {@code container} (null: the root folder) with the given properties: one round. */
    public List<ObjectContent> inventory(MoRef container, List<PropertySpec> specs) {
        MoRef where = container == null ? content().rootFolder() : container;
        try {
            return retrieve(specs, view(where), true);
        } catch (VimException e) {
            if (!"ManagedObjectNotFound".equals(e.fault())) {
                throw e;
            }
            views.remove(where); // the view went with an old session
            return retrieve(specs, view(where), true);
        }
    }

    /** {@link #inventory(MoRef, List)} from the root folder. */
    public List<ObjectContent> inventory(List<PropertySpec> specs) {
        return inventory(null, specs);
    }

    /** Properties of one object; a deleted object is ManagedObjectNotFound. */
    public ObjectContent object(MoRef obj, String... paths) {
        List<ObjectContent> found = retrieve(List.of(new PropertySpec(obj.type(), List.of(paths))), obj, false);
        if (found.isEmpty()) {
            throw new VimException(500, "ManagedObjectNotFound", "no " + obj, null);
        }
        return found.get(0);
    }

    /** Properties of several objects in one call (missing ones are left out of the answer). */
    public List<ObjectContent> objects(List<MoRef> objs, List<PropertySpec> specs) {
        if (objs.isEmpty()) {
            return List.of();
        }
        return collect(b -> {
            b.open("specSet");
            writePropSets(b, specs);
            for (MoRef obj : objs) {
                b.open("objectSet").ref("obj", obj).element("skip", "false").close();
            }
            b.close();
        });
    }

    private List<ObjectContent> retrieve(List<PropertySpec> specs, MoRef from, boolean throughView) {
        return collect(b -> {
            b.open("specSet");
            writePropSets(b, specs);
            b.open("objectSet").ref("obj", from).element("skip", throughView ? "true" : "false");
            if (throughView) {
                b.open("selectSet", "TraversalSpec").element("name", "view").element("type", "ContainerView")
                        .element("path", "view").element("skip", "false").close();
            }
            b.close();
            b.close();
        });
    }

    private static void writePropSets(SoapBody b, List<PropertySpec> specs) {
        for (PropertySpec spec : specs) {
            b.open("propSet").element("type", spec.type()).element("all", "false");
            spec.paths().forEach(p -> b.element("pathSet", p));
            b.close();
        }
    }

    private List<ObjectContent> collect(Consumer<SoapBody> specSet) {
        try {
            return collectOnce(specSet);
        } catch (VimException e) {
            // A property refused as NotAuthenticated: the session expired under the collector. Once more, anew.
            if (!"NotAuthenticated".equals(e.fault()) || !client.reauthenticate()) {
                throw e;
            }
            return collectOnce(specSet);
        }
    }

    private List<ObjectContent> collectOnce(Consumer<SoapBody> specSet) {
        MoRef pc = content().propertyCollector();
        XmlNode answer = client.call("RetrievePropertiesEx", pc, b -> {
            specSet.accept(b);
            b.open("options").element("maxObjects", PAGE).close();
        });
        List<ObjectContent> out = new ArrayList<>();
        XmlNode result = answer.child("returnval");
        while (result != null) {
            for (XmlNode o : result.all("objects")) {
                out.add(objectContent(o));
            }
            XmlNode token = result.child("token");
            if (token == null || token.text().isBlank()) {
                break;
            }
            String t = token.text();
            result = client.call("ContinueRetrievePropertiesEx", pc, b -> b.element("token", t)).child("returnval");
        }
        return out;
    }

    static ObjectContent objectContent(XmlNode o) {
        Map<String, XmlNode> props = new LinkedHashMap<>();
        for (XmlNode p : o.all("propSet")) {
            XmlNode val = p.child("val");
            if (val != null) {
                props.put(p.textAt("", "name"), val);
            }
        }
        for (XmlNode missing : o.all("missingSet")) {
            // A property the server could not read for this session: treat as absent, but a lost session is
            // not a missing property.
            XmlNode fault = missing.at("fault", "fault");
            if (fault != null && "NotAuthenticated".equals(fault.xsiType())) {
                throw new VimException(500, "NotAuthenticated", "property " + missing.textAt("", "path")
                        + " of " + o.child("obj").moRef() + ": NotAuthenticated", null);
            }
        }
        return new ObjectContent(o.child("obj").moRef(), props);
    }

    // ---- tasks ------------------------------------------------------------------------------------------------

    /** Calls a method that answers a task, and waits for the task; returns the task's result (or null). */
    public XmlNode task(String method, MoRef self, Consumer<SoapBody> args) {
        XmlNode answer = client.call(method, self, args);
        MoRef task = answer.child("returnval").moRef();
        return await(method + " " + self.value(), task);
    }

    /** Waits for a task to succeed or fail, polling its state with the retrier's backoff. */
    public XmlNode await(String what, MoRef task) {
        Instant deadline = clock().instant().plus(taskTimeout);
        for (int step = 0; ; step++) {
            ObjectContent info = object(task, "info.state", "info.error", "info.result");
            String state = info.text("info.state", "running");
            if (state.equals("success")) {
                return info.prop("info.result");
            }
            if (state.equals("error")) {
                XmlNode error = info.prop("info.error");
                XmlNode fault = error == null ? null : error.child("fault");
                String name = fault == null || fault.xsiType() == null ? "TaskFailed" : fault.xsiType();
                String message = error == null ? "" : error.textAt("", "localizedMessage");
                throw new VimException(500, name, what + ": " + name + (message.isBlank() ? "" : ": " + message),
                        null);
            }
            if (!clock().instant().isBefore(deadline)) {
                throw new AltoException(ErrorCode.TIMEOUT, "TaskTimeout", what + ": task " + task.value()
                        + " still " + state + " after " + taskTimeout.toSeconds() + " s");
            }
            retrier.pauseBeforePoll(what, Math.min(step, 4));
        }
    }

    // ---- methods ----------------------------------------------------------------------------------------------

    public void powerOn(MoRef vm) {
        task("PowerOnVM_Task", vm, b -> { });
    }

    public void powerOff(MoRef vm) {
        task("PowerOffVM_Task", vm, b -> { });
    }

    public void reset(MoRef vm) {
        task("ResetVM_Task", vm, b -> { });
    }

    /** Asks VMware Tools in the guest to shut down; returns at once (not a task). */
    public void shutdownGuest(MoRef vm) {
        client.call("ShutdownGuest", vm, b -> { });
    }

    /** Asks VMware Tools in the guest to reboot; returns at once (not a task). */
    public void rebootGuest(MoRef vm) {
        client.call("RebootGuest", vm, b -> { });
    }

    public void destroy(MoRef entity) {
        task("Destroy_Task", entity, b -> { });
    }

    public void markAsTemplate(MoRef vm) {
        client.call("MarkAsTemplate", vm, b -> { });
    }

    /** Reconfigures a VM; {@code spec} writes the children of a VirtualMachineConfigSpec. */
    public void reconfigure(MoRef vm, Consumer<SoapBody> spec) {
        task("ReconfigVM_Task", vm, b -> {
            b.open("spec");
            spec.accept(b);
            b.close();
        });
    }

    /** Clones {@code source} as {@code name} into {@code folder}; {@code spec} writes a VirtualMachineCloneSpec. */
    public MoRef cloneVm(MoRef source, MoRef folder, String name, Consumer<SoapBody> spec) {
        XmlNode result = task("CloneVM_Task", source, b -> {
            b.ref("folder", folder).element("name", name);
            b.open("spec");
            spec.accept(b);
            b.close();
        });
        return result.moRef();
    }

    /** Creates a VM in {@code folder} on {@code pool}; {@code config} writes a VirtualMachineConfigSpec. */
    public MoRef createVm(MoRef folder, MoRef pool, Consumer<SoapBody> config) {
        XmlNode result = task("CreateVM_Task", folder, b -> {
            b.open("config");
            config.accept(b);
            b.close();
            b.ref("pool", pool);
        });
        return result.moRef();
    }

    public MoRef createSnapshot(MoRef vm, String name, String description) {
        XmlNode result = task("CreateSnapshot_Task", vm, b -> b.element("name", name)
                .element("description", description == null ? "" : description).element("memory", "false")
                .element("quiesce", "false"));
        return result.moRef();
    }

    /** Reverts the snapshot's VM to it (RevertToSnapshot_Task, {@code suppressPowerOn}: the VM stays off). */
    public void revertToSnapshot(MoRef snapshot) {
        task("RevertToSnapshot_Task", snapshot, b -> b.element("suppressPowerOn", "true"));
    }

    public void removeSnapshot(MoRef snapshot) {
        task("RemoveSnapshot_Task", snapshot, b -> b.element("removeChildren", "false"));
    }

    /** Sets a custom field's value on an entity (vCenter's CustomFieldsManager.SetField). */
    public void setField(MoRef entity, int key, String value) {
        client.call("SetField", content().customFieldsManager(), b -> b.ref("entity", entity).element("key", key)
                .element("value", value));
    }

    /**
     * Starts an import of a VM into {@code pool} (ResourcePool.ImportVApp with a VirtualMachineImportSpec whose
     * config spec {@code config} writes); answers the NFC lease the disks are then sent through.
     */
    public MoRef importVm(MoRef pool, MoRef folder, Consumer<SoapBody> config) {
        XmlNode answer = client.call("ImportVApp", pool, b -> {
            b.open("spec", "VirtualMachineImportSpec").open("configSpec");
            config.accept(b);
            b.close().close();
            b.ref("folder", folder);
        });
        return answer.child("returnval").moRef();
    }

    /** An NFC lease once it is ready: the VM it made and the device URLs. */
    public record Lease(MoRef vm, List<DeviceUrl> devices) {
    }

    /** Where one device's content goes. */
    public record DeviceUrl(String importKey, String url, boolean disk) {
    }

    /** Waits until the lease is ready (its error is the lease's fault) and reads where to send the disks. */
    public Lease awaitLease(MoRef lease) {
        Instant deadline = clock().instant().plus(taskTimeout);
        for (int step = 0; ; step++) {
            ObjectContent o = object(lease, "state", "error", "info");
            String state = o.text("state", "initializing");
            if (state.equals("ready")) {
                XmlNode info = o.prop("info");
                List<DeviceUrl> devices = new ArrayList<>();
                for (XmlNode d : info.all("deviceUrl")) {
                    devices.add(new DeviceUrl(d.textAt("", "importKey"), d.textAt("", "url"),
                            "true".equals(d.textAt("false", "disk"))));
                }
                return new Lease(info.child("entity").moRef(), devices);
            }
            if (state.equals("error")) {
                XmlNode error = o.prop("error");
                XmlNode fault = error == null ? null : error.child("fault");
                String name = fault == null || fault.xsiType() == null ? "LeaseFailed" : fault.xsiType();
                throw new VimException(500, name, "ImportVApp: " + name + ": "
                        + (error == null ? "" : error.textAt("", "localizedMessage")), null);
            }
            if (!clock().instant().isBefore(deadline)) {
                throw new AltoException(ErrorCode.TIMEOUT, "LeaseTimeout", "NFC lease " + lease.value()
                        + " still " + state + " after " + taskTimeout.toSeconds() + " s");
            }
            retrier.pauseBeforePoll("ImportVApp", Math.min(step, 4));
        }
    }

    public void completeLease(MoRef lease) {
        client.call("HttpNfcLeaseComplete", lease, b -> { });
    }

    public void abortLease(MoRef lease) {
        client.call("HttpNfcLeaseAbort", lease, b -> { });
    }

    /** Defines a custom field for entities of one type (vCenter); answers the field's key. */
    public int addCustomField(String name, String moType) {
        XmlNode answer = client.call("AddCustomFieldDef", content().customFieldsManager(), b -> b.element("name", name)
                .element("moType", moType));
        return Integer.parseInt(answer.child("returnval").textAt("-1", "key").strip());
    }

    /** The custom fields' names by key; empty where the server has no custom fields (a standalone ESXi host). */
    public Map<Integer, String> customFields() {
        MoRef manager = content().customFieldsManager();
        Map<Integer, String> out = new LinkedHashMap<>();
        if (manager == null) {
            return out;
        }
        XmlNode fields = object(manager, "field").prop("field");
        if (fields != null) {
            for (XmlNode f : fields.children()) {
                try {
                    out.put(Integer.parseInt(f.textAt("", "key").strip()), f.textAt("", "name"));
                } catch (NumberFormatException e) {
                    // a field without a usable key cannot be matched to values
                }
            }
        }
        return out;
    }

    /** Makes a datastore directory ({@code [ds] path}) with its parents; one that exists already is fine. */
    public void makeDirectory(String datastorePath, MoRef datacenter) {
        try {
            client.call("MakeDirectory", content().fileManager(), b -> b.element("name", datastorePath)
                    .ref("datacenter", datacenter).element("createParentDirectories", "true"));
        } catch (VimException e) {
            if (!"FileAlreadyExists".equals(e.fault())) {
                throw e;
            }
        }
    }

    /** Deletes a datastore file ({@code [ds] path}); one already gone is fine. */
    public void deleteFile(String datastorePath, MoRef datacenter) {
        try {
            task("DeleteDatastoreFile_Task", content().fileManager(), b -> b.element("name", datastorePath)
                    .ref("datacenter", datacenter));
        } catch (VimException e) {
            if (!"FileNotFound".equals(e.fault())) {
                throw e;
            }
        }
    }
}
