package io.altostratus.vsphere;

import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.core.ext.Volumes;
import io.altostratus.core.model.Volume;
import io.altostratus.core.spec.VolumeSpec;
import java.util.ArrayList;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Volumes on servers that have what vcsim 0.24 lacks, over written answers (no recording of these calls exists in
 * ../shared/data/wire/vsphere/): AttachDisk_Task and DetachDisk_Task, which real vCenter and ESXi 6.5+ have, and
 * a standalone ESXi host's HostVStorageObjectManager (vcsim's ESXi has no vStorage object manager at all). The
 * answers follow vim25's schema for these methods.
 */
class FcdWrittenAnswersTest {
    static final String DISK = "9d2e6c4a-1f3b-4e8d-a7c2-5b0f1e2d3c4a";
    static final String FCD_FILE = "[ds1] fcd/1f3b9d2e6c4a4e8d.vmdk";

    static String serviceContent(String manager, String apiType) {
        return FakeVim.envelope("<RetrieveServiceContentResponse xmlns=\"urn:vim25\"><returnval>"
                + "<rootFolder type=\"Folder\">group-d1</rootFolder>"
                + "<propertyCollector type=\"PropertyCollector\">propertyCollector</propertyCollector>"
                + "<viewManager type=\"ViewManager\">ViewManager</viewManager>"
                + "<about><fullName>written</fullName><apiType>" + apiType + "</apiType><apiVersion>8.0.2.0"
                + "</apiVersion></about>"
                + "<sessionManager type=\"SessionManager\">SessionManager</sessionManager>"
                + "<fileManager type=\"FileManager\">FileManager</fileManager>"
                + "<vStorageObjectManager type=\"" + manager + "\">VStorageObjectManager</vStorageObjectManager>"
                + "</returnval></RetrieveServiceContentResponse>");
    }

    static String properties(String objects) {
        return FakeVim.envelope("<RetrievePropertiesExResponse xmlns=\"urn:vim25\"><returnval>" + objects
                + "</returnval></RetrievePropertiesExResponse>");
    }

    static final String DATACENTER = properties("<objects><obj type=\"Datacenter\">datacenter-3</obj>"
            + "<propSet><name>name</name><val xsi:type=\"xsd:string\">Lab</val></propSet>"
            + "<propSet><name>vmFolder</name><val type=\"Folder\" xsi:type=\"ManagedObjectReference\">group-v4</val>"
            + "</propSet></objects>");

    /** The datacenter: one cluster seeing datastore ds1, one host, and vm-7 with its boot disk and maybe the FCD. */
    static String inventory(boolean fcdAttached) {
        String fcd = fcdAttached ? "<VirtualDevice xsi:type=\"VirtualDisk\"><key>2001</key><deviceInfo><label>Hard disk 2"
                + "</label><summary/></deviceInfo><backing xsi:type=\"VirtualDiskFlatVer2BackingInfo\"><fileName>"
                + FCD_FILE + "</fileName><diskMode>persistent</diskMode></backing><controllerKey>1000</controllerKey>"
                + "<unitNumber>1</unitNumber><capacityInKB>1048576</capacityInKB><vDiskId><id>" + DISK
                + "</id></vDiskId></VirtualDevice>" : "";
        return properties("<objects><obj type=\"VirtualMachine\">vm-7</obj>"
                + "<propSet><name>name</name><val xsi:type=\"xsd:string\">web</val></propSet>"
                + "<propSet><name>config.template</name><val xsi:type=\"xsd:boolean\">false</val></propSet>"
                + "<propSet><name>config.hardware.device</name><val xsi:type=\"ArrayOfVirtualDevice\">"
                + "<VirtualDevice xsi:type=\"VirtualLsiLogicController\"><key>1000</key><deviceInfo><label>SCSI "
                + "controller 0</label><summary/></deviceInfo><controllerKey>100</controllerKey><unitNumber>3"
                + "</unitNumber><busNumber>0</busNumber></VirtualDevice>"
                + "<VirtualDevice xsi:type=\"VirtualDisk\"><key>2000</key><deviceInfo><label>Hard disk 1</label>"
                + "<summary/></deviceInfo><backing xsi:type=\"VirtualDiskFlatVer2BackingInfo\"><fileName>[ds1] web/"
                + "web.vmdk</fileName><diskMode>persistent</diskMode></backing><controllerKey>1000</controllerKey>"
                + "<unitNumber>0</unitNumber><capacityInKB>10485760</capacityInKB></VirtualDevice>" + fcd
                + "</val></propSet>"
                + "<propSet><name>runtime.powerState</name><val xsi:type=\"VirtualMachinePowerState\">poweredOn</val>"
                + "</propSet><propSet><name>runtime.host</name><val type=\"HostSystem\" "
                + "xsi:type=\"ManagedObjectReference\">host-1</val></propSet></objects>"
                + "<objects><obj type=\"HostSystem\">host-1</obj><propSet><name>parent</name><val type=\""
                + "ClusterComputeResource\" xsi:type=\"ManagedObjectReference\">domain-c1</val></propSet></objects>"
                + "<objects><obj type=\"ClusterComputeResource\">domain-c1</obj><propSet><name>name</name>"
                + "<val xsi:type=\"xsd:string\">Cluster</val></propSet><propSet><name>resourcePool</name>"
                + "<val type=\"ResourcePool\" xsi:type=\"ManagedObjectReference\">resgroup-1</val></propSet>"
                + "<propSet><name>datastore</name><val xsi:type=\"ArrayOfManagedObjectReference\">"
                + "<ManagedObjectReference type=\"Datastore\" xsi:type=\"ManagedObjectReference\">datastore-1"
                + "</ManagedObjectReference></val></propSet></objects>"
                + "<objects><obj type=\"Datastore\">datastore-1</obj><propSet><name>name</name>"
                + "<val xsi:type=\"xsd:string\">ds1</val></propSet></objects>");
    }

    static final String CONFIG = "<config><id><id>" + DISK + "</id></id><name>data #alto-tags Name=data&amp;"
            + "alto%3Azone=Cluster</name><createTime>2026-12-07T07:00:00Z</createTime><keepAfterDeleteVm>true"
            + "</keepAfterDeleteVm><backing xsi:type=\"BaseConfigInfoDiskFileBackingInfo\"><datastore "
            + "type=\"Datastore\">datastore-1</datastore><filePath>" + FCD_FILE + "</filePath><provisioningType>thin"
            + "</provisioningType></backing><capacityInMB>1024</capacityInMB></config>";

    static String retrieved(String method) {
        return FakeVim.envelope("<" + method + "Response xmlns=\"urn:vim25\"><returnval>" + CONFIG + "</returnval></"
                + method + "Response>");
    }

    static String task(String method) {
        return FakeVim.envelope("<" + method + "Response xmlns=\"urn:vim25\"><returnval type=\"Task\">task-9"
                + "</returnval></" + method + "Response>");
    }

    static String taskDone(String result) {
        return properties("<objects><obj type=\"Task\">task-9</obj><propSet><name>info.state</name>"
                + "<val xsi:type=\"TaskInfoState\">success</val></propSet>" + (result == null ? ""
                : "<propSet><name>info.result</name><val xsi:type=\"VStorageObject\">" + result + "</val></propSet>")
                + "</objects>");
    }

    static FakeVim vcenter(FakeVim fake) {
        return fake.answer("RetrieveServiceContent", 200, serviceContent("VcenterVStorageObjectManager",
                        "VirtualCenter"))
                .answer("Login", 200, RecordedVimTest.LOGIN)
                .answer("CreateContainerView", 200, FakeVim.envelope("<CreateContainerViewResponse "
                        + "xmlns=\"urn:vim25\"><returnval type=\"ContainerView\">session[1]view</returnval>"
                        + "</CreateContainerViewResponse>"))
                .answer("Logout", 200, FakeVim.envelope("<LogoutResponse xmlns=\"urn:vim25\"/>"));
    }

    @Test
    void attachUsesAttachDiskWhereTheServerHasIt() throws Exception {
        try (FakeVim fake = vcenter(new FakeVim())) {
            fake.answer("RetrievePropertiesEx", 200, DATACENTER)
                    .answer("RetrievePropertiesEx", 200, inventory(false))
                    .answer("RetrievePropertiesEx", 200, taskDone(null))
                    .answer("RetrievePropertiesEx", 200, inventory(true))
                    .answer("RetrieveVStorageObject", 200, retrieved("RetrieveVStorageObject"))
                    .answer("AttachDisk_Task", 200, task("AttachDisk_Task"));
            try (VsphereProvider p = RecordedVimTest.open(fake, new ArrayList<>())) {
                Volume v = p.extension(Volumes.class).orElseThrow().attachVolume(DISK, "vm-7", null);

                assertThat(v.state()).isEqualTo("in-use");
                assertThat(v.attachment().device()).isEqualTo("/dev/sdb");
                assertThat(v.tags()).containsExactly(Map.entry("Name", "data"));
            }
            assertThat(fake.count("AttachDisk_Task")).isEqualTo(1);
            assertThat(fake.count("ReconfigVM_Task")).as("no reconfiguration where AttachDisk_Task exists").isZero();
            assertThat(fake.lastRequest("AttachDisk_Task")).contains("<_this type=\"VirtualMachine\">vm-7</_this>",
                    "<diskId><id>" + DISK + "</id></diskId>", "<datastore type=\"Datastore\">datastore-1</datastore>",
                    "<controllerKey>1000</controllerKey><unitNumber>1</unitNumber>");
        }
    }

    @Test
    void detachUsesDetachDiskAndKeepsTheFile() throws Exception {
        try (FakeVim fake = vcenter(new FakeVim())) {
            fake.answer("RetrievePropertiesEx", 200, DATACENTER)
                    .answer("RetrievePropertiesEx", 200, inventory(true))
                    .answer("RetrievePropertiesEx", 200, taskDone(null))
                    .answer("RetrievePropertiesEx", 200, inventory(false))
                    .answer("RetrieveVStorageObject", 200, retrieved("RetrieveVStorageObject"))
                    .answer("DetachDisk_Task", 200, task("DetachDisk_Task"));
            try (VsphereProvider p = RecordedVimTest.open(fake, new ArrayList<>())) {
                Volume v = p.extension(Volumes.class).orElseThrow().detachVolume(DISK, false);

                assertThat(v.state()).isEqualTo("available");
                assertThat(v.attachment()).isNull();
            }
            assertThat(fake.count("DetachDisk_Task")).isEqualTo(1);
            assertThat(fake.count("ReconfigVM_Task")).isZero();
            assertThat(fake.count("DeleteVStorageObject_Task")).isZero();
            assertThat(fake.lastRequest("DetachDisk_Task")).contains("<diskId><id>" + DISK + "</id></diskId>");
        }
    }

    @Test
    void esxiHostCallsTheHostPrefixedMethods() throws Exception {
        try (FakeVim fake = new FakeVim()) {
            fake.answer("RetrieveServiceContent", 200, serviceContent("HostVStorageObjectManager", "HostAgent"))
                    .answer("Login", 200, RecordedVimTest.LOGIN)
                    .answer("CreateContainerView", 200, FakeVim.envelope("<CreateContainerViewResponse "
                            + "xmlns=\"urn:vim25\"><returnval type=\"ContainerView\">session[1]view</returnval>"
                            + "</CreateContainerViewResponse>"))
                    .answer("RetrievePropertiesEx", 200, DATACENTER)
                    .answer("RetrievePropertiesEx", 200, inventory(false))
                    .answer("RetrievePropertiesEx", 200, taskDone(CONFIG))
                    .answer("HostCreateDisk_Task", 200, task("HostCreateDisk_Task"));
            try (VsphereProvider p = RecordedVimTest.open(fake, new ArrayList<>())) {
                Volume v = p.extension(Volumes.class).orElseThrow().createVolume(new VolumeSpec("Cluster", 1, null,
                        0, false, null, Map.of("Name", "data")));

                assertThat(v.id()).isEqualTo(DISK);
                assertThat(v.zone()).isEqualTo("Cluster");
                assertThat(v.sizeGiB()).isEqualTo(1);
                assertThat(v.state()).isEqualTo("available");
            }
            assertThat(fake.count("HostCreateDisk_Task")).isEqualTo(1);
            assertThat(fake.count("CreateDisk_Task")).isZero();
            assertThat(fake.lastRequest("HostCreateDisk_Task")).contains(
                    "<_this type=\"HostVStorageObjectManager\">VStorageObjectManager</_this>",
                    "<keepAfterDeleteVm>true</keepAfterDeleteVm>",
                    "<datastore type=\"Datastore\">datastore-1</datastore>", "<capacityInMB>1024</capacityInMB>");
        }
    }

    @Test
    void serverWithoutAVStorageObjectManagerOffersNoVolumes() throws Exception {
        try (FakeVim fake = new FakeVim()) {
            fake.answer("RetrieveServiceContent", 200, serviceContent("HostVStorageObjectManager", "HostAgent")
                            .replaceAll("<vStorageObjectManager[^/]*/vStorageObjectManager>", ""))
                    .answer("Login", 200, RecordedVimTest.LOGIN)
                    .answer("Logout", 200, FakeVim.envelope("<LogoutResponse xmlns=\"urn:vim25\"/>"));
            try (VsphereProvider p = RecordedVimTest.open(fake, new ArrayList<>())) {
                assertThat(p.extension(Volumes.class)).isEmpty();
            }
        }
    }
}
