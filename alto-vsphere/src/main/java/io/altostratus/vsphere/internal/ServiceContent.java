package io.altostratus.vsphere.internal;

/**
 * The managed objects a session starts from, as {@code RetrieveServiceContent} names them. {@code apiType} is
 * {@code HostAgent} on a standalone ESXi host and {@code VirtualCenter} on vCenter. A manager a server does not
 * have (ESXi has no custom fields manager; servers before 6.5 and vcsim's ESXi have no vStorage object manager) is
 * null. The vStorage object manager is a {@code VcenterVStorageObjectManager} on vCenter and a
 * {@code HostVStorageObjectManager} on ESXi, whose methods carry a {@code Host} prefix.
 */
public record ServiceContent(MoRef rootFolder, MoRef propertyCollector, MoRef viewManager, MoRef sessionManager,
                             MoRef customFieldsManager, MoRef fileManager, MoRef vStorageObjectManager,
                             String apiVersion, String apiType, String fullName) {

    static ServiceContent of(XmlNode returnval) {
        return new ServiceContent(ref(returnval, "rootFolder"), ref(returnval, "propertyCollector"),
                ref(returnval, "viewManager"), ref(returnval, "sessionManager"),
                ref(returnval, "customFieldsManager"), ref(returnval, "fileManager"),
                ref(returnval, "vStorageObjectManager"),
                returnval.textAt(null, "about", "apiVersion"), returnval.textAt(null, "about", "apiType"),
                returnval.textAt(null, "about", "fullName"));
    }

    private static MoRef ref(XmlNode parent, String name) {
        XmlNode n = parent.child(name);
        return n == null ? null : n.moRef();
    }

    public boolean isVcenter() {
        return "VirtualCenter".equals(apiType);
    }
}
