package io.altostratus.vsphere;

import io.altostratus.core.ext.ImageImports;
import io.altostratus.core.ext.InstanceSnapshots;
import io.altostratus.core.ext.Volumes;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.model.Region;
import io.altostratus.core.model.StateChange;
import io.altostratus.core.model.Zone;
import io.altostratus.core.query.ImageQuery;
import io.altostratus.core.query.ImageRef;
import io.altostratus.core.query.InstanceQuery;
import io.altostratus.core.query.Page;
import io.altostratus.core.query.PageRequest;
import io.altostratus.core.spec.LaunchSpec;
import io.altostratus.core.spi.Capability;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.Extension;
import io.altostratus.core.spi.Scope;
import io.altostratus.vsphere.internal.MoRef;
import io.altostratus.vsphere.internal.ObjectContent;
import io.altostratus.vsphere.internal.PropertySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code vsphere} provider: the core SPI on one ESXi host or vCenter over vim25 SOAP.
 * <ul>
 *   <li><b>Places</b>: the region is the endpoint (named by {@code region}, else the host name); the scope is the
 *       datacenter; zones are its compute resources: clusters on vCenter, the host on a standalone ESXi.</li>
 *   <li><b>Ids</b>: VM MoRefs ({@code vm-42}) for instances and images alike (images are templates,
 *       {@link VsphereImages}).</li>
 *   <li><b>Sizes</b>: the table {@link Sizes}; vSphere has none.</li>
 *   <li><b>Reads</b>: a listing is one property-collector round over a container view ({@link Inventory}).</li>
 *   <li><b>Faults</b>: typed by vim25 fault name ({@link io.altostratus.vsphere.internal.VimErrors}).</li>
 *   <li><b>Addresses</b>: from VMware Tools ({@link VsphereInstances}).</li>
 *   <li><b>Volumes</b>: First Class Disks where the server keeps them ({@link VsphereVolumes}).</li>
 * </ul>
 */
public final class VsphereProvider implements ComputeProvider {
    private final VsphereSession session;
    private final VsphereImages images;
    private final VsphereInstances instances;
    private final VsphereSnapshots snapshots;
    private final VsphereImageImports imports;
    /** Null until first asked: whether the server keeps First Class Disks is in its service content. */
    private volatile Optional<VsphereVolumes> volumes;

    VsphereProvider(VsphereSession session) {
        this.session = session;
        this.images = new VsphereImages(session);
        this.instances = new VsphereInstances(session, images);
        this.snapshots = new VsphereSnapshots(session);
        this.imports = new VsphereImageImports(session, images);
    }

    @Override
    public String name() {
        return "vsphere";
    }

    @Override
    public String region() {
        return session.region();
    }

    @Override
    public Optional<Scope> scope() {
        return Optional.empty();
    }

    /** The session's parts, for tests in this package that look at what the provider wrote. */
    VsphereSession session() {
        return session;
    }

    /** The datacenter this session works in. */
    public String datacenter() {
        return session.datacenter().name();
    }

    /** SOAP calls this session has made (for tests and the benchmark: a listing is one). */
    public long soapCalls() {
        return session.vim().client().calls();
    }

    /**
     * {@link InstanceSnapshots} are VM snapshots; {@link ImageImports} turn cloud images into templates; {@link Volumes}
     * are First Class Disks, where the server has a vStorage object manager (vCenter and ESXi 6.5+; vcsim's ESXi
     * has none).
     */
    @Override
    public <T extends Extension> Optional<T> extension(Class<T> type) {
        if (type == Volumes.class) {
            return volumes().map(type::cast);
        }
        if (type == InstanceSnapshots.class) {
            return Optional.of(type.cast(snapshots));
        }
        if (type == ImageImports.class) {
            return Optional.of(type.cast(imports));
        }
        return Optional.empty();
    }

    private Optional<VsphereVolumes> volumes() {
        Optional<VsphereVolumes> v = volumes;
        if (v == null) {
            MoRef manager = session.vim().content().vStorageObjectManager();
            v = Optional.ofNullable(manager).map(m -> new VsphereVolumes(session, m));
            volumes = v;
        }
        return v;
    }

    /** VMs are real guests; a forced stop is a power-off. */
    @Override
    public Set<Capability> traits() {
        return EnumSet.of(Capability.FORCE_STOP, Capability.GUEST_ACCESS);
    }

    /** vCenter and ESXi list a VM as soon as its clone task ends. */
    @Override
    public Duration consistencyGrace() {
        return Duration.ZERO;
    }

    // ---- places and sizes -------------------------------------------------------------------------------------

    @Override
    public List<Region> regions() {
        String fullName = session.vim().content().fullName();
        return List.of(new Region(session.region(), fullName == null ? session.region() : fullName,
                session.settings().endpoint().getHost(), false));
    }

    @Override
    public List<Zone> zones() {
        var dc = session.datacenter().ref();
        List<ObjectContent> all = session.call("zones", () -> session.vim().inventory(dc,
                List.of(PropertySpec.of("ComputeResource", "name", "summary.effectiveHosts"))));
        List<Zone> out = new ArrayList<>();
        for (ObjectContent o : all) {
            String name = o.text("name", o.obj().value());
            boolean up = o.integer("summary.effectiveHosts", 1) > 0;
            out.add(new Zone(name, o.obj().value(), session.region(), up ? "available" : "unavailable"));
        }
        out.sort(java.util.Comparator.comparing(Zone::name));
        return out;
    }

    @Override
    public List<InstanceType> instanceTypes() {
        return Sizes.TABLE;
    }

    @Override
    public Map<String, Set<String>> instanceTypeOfferingsByZone() {
        return ComputeProvider.everyTypeInEveryZone(this);
    }

    // ---- images -----------------------------------------------------------------------------------------------

    @Override
    public List<Image> images(ImageQuery query) {
        return images.images(query);
    }

    @Override
    public Image resolveImage(ImageRef ref) {
        return images.resolve(ref);
    }

    @Override
    public Image createImage(String instanceId, String name, String description, Map<String, String> tags) {
        return images.create(instanceId, name, description, tags);
    }

    /** Destroys the template with its disks; a template has no separate snapshots to keep. */
    @Override
    public void deleteImage(String imageId, boolean deleteSnapshots) {
        images.delete(imageId);
    }

    // ---- instances --------------------------------------------------------------------------------------------

    @Override
    public List<Instance> launch(LaunchSpec spec) {
        return instances.launch(spec);
    }

    @Override
    public Instance instance(String id) {
        return instances.instance(id);
    }

    @Override
    public List<Instance> instances(InstanceQuery query) {
        return instances.instances(query);
    }

    @Override
    public Page<Instance> instances(InstanceQuery query, PageRequest page) {
        return Page.of(instances.instances(query), page, Instance::id);
    }

    @Override
    public List<StateChange> start(Collection<String> ids) {
        return instances.start(ids);
    }

    @Override
    public List<StateChange> stop(Collection<String> ids, boolean force) {
        return instances.stop(ids, force);
    }

    @Override
    public void reboot(Collection<String> ids) {
        instances.reboot(ids);
    }

    @Override
    public List<StateChange> terminate(Collection<String> ids) {
        return instances.terminate(ids);
    }

    // ---- tags -------------------------------------------------------------------------------------------------

    /** Tags on a VM or template, kept in its annotation ({@link AnnotationTags}). */
    @Override
    public void tag(String resourceId, Map<String, String> tags) {
        instances.tag(resourceId, tags);
    }

    @Override
    public void untag(String resourceId, Collection<String> keys) {
        instances.untag(resourceId, keys);
    }

    /** Logs out, so the server frees the session at once rather than at its idle timeout. */
    @Override
    public void close() {
        try {
            session.vim().logout();
        } catch (RuntimeException e) {
            // a session the server already dropped needs no logout
        }
    }
}
