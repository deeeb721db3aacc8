package io.altostratus.vsphere;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.query.InstanceQuery;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.wait.Sleeper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The client against answers vcsim cannot give: recorded vCenter 8.0.3 responses from
 * {@code /work/shared/data/wire/vsphere/} (skipped, saying so, where that folder is absent), and written answers for
 * what no recording and no vcsim shows (ContinueRetrievePropertiesEx paging, TaskInProgress).
 */
class RecordedVimTest {
    static final Path WIRE = Path.of("/work/shared/data/wire/vsphere");

    static String recorded(String file) throws Exception {
        Path p = WIRE.resolve(file);
        assumeTrue(Files.isRegularFile(p), "recorded vim25 responses not found at " + WIRE);
        return Files.readString(p);
    }

    static final String LOGIN = FakeVim.envelope("<LoginResponse xmlns=\"urn:vim25\"><returnval>"
            + "<key>52a</key><userName>root</userName></returnval></LoginResponse>");

    static VsphereProvider open(FakeVim fake, List<Duration> slept) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("endpoint", fake.url());
        settings.put("user", "root");
        settings.put("password", "secret");
        settings.put("max_attempts", "3");
        Sleeper sleeper = slept::add;
        return (VsphereProvider) new VsphereProviderFactory(sleeper, null, Map.of()).open(new ProviderContext(null,
                "000000000000", null, null, settings, Clock.systemUTC()));
    }

    @Test
    void unknownElementsAreSkipped() throws Exception {
        try (FakeVim fake = new FakeVim()) {
            fake.answer("RetrieveServiceContent", 200, recorded("vim25_RetrieveServiceContent_response.xml"))
                    .answer("Login", 200, LOGIN)
                    .answer("CreateContainerView", 200, recorded("vim25_CreateContainerView_response.xml"))
                    .answer("RetrievePropertiesEx", 200, FakeVim.envelope(
                            "<RetrievePropertiesExResponse xmlns=\"urn:vim25\"><returnval>"
                            + "<objects><obj type=\"Datacenter\">datacenter-3</obj>"
                            + "<propSet><name>name</name><val xsi:type=\"xsd:string\">Lab</val></propSet>"
                            + "<propSet><name>vmFolder</name><val type=\"Folder\" xsi:type=\"ManagedObjectReference\">"
                            + "group-v4</val></propSet><futureField><nested>9.0 only</nested></futureField>"
                            + "</objects></returnval></RetrievePropertiesExResponse>"))
                    .answer("Logout", 200, FakeVim.envelope("<LogoutResponse xmlns=\"urn:vim25\"/>"));
            try (VsphereProvider p = open(fake, new ArrayList<>())) {
                var content = p.session().vim().content();
                assertThat(content.rootFolder().value()).isEqualTo("group-d1");
                assertThat(content.apiType()).isEqualTo("VirtualCenter");
                assertThat(content.apiVersion()).isEqualTo("8.0.2.0");
                assertThat(p.datacenter()).isEqualTo("Lab");
                assertThat(p.session().datacenter().vmFolder().value()).isEqualTo("group-v4");
            }
            assertThat(fake.actions.get(0)).as("the first call, before the version is known").isEqualTo("urn:vim25/6.5");
            assertThat(fake.actions.get(fake.actions.size() - 1)).as("later calls ask for the host's version")
                    .isEqualTo("urn:vim25/8.0.2.0");
        }
    }

    @Test
    void recordedInvalidLoginFaultIsAuthFailure() throws Exception {
        try (FakeVim fake = new FakeVim()) {
            fake.answer("RetrieveServiceContent", 200, recorded("vim25_RetrieveServiceContent_response.xml"))
                    .answer("Login", 500, recorded("vim25_Login_fault_InvalidLogin_500.xml"));
            assertThatThrownBy(() -> open(fake, new ArrayList<>())).isInstanceOfSatisfying(AltoException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.AUTH_FAILURE);
                assertThat(e.providerCode()).isEqualTo("InvalidLogin");
                assertThat(e.getMessage()).contains("incorrect user name or password");
            });
            assertThat(fake.count("Login")).as("a wrong password is not retried").isEqualTo(1);
        }
    }

    @Test
    void propertyLostToAnExpiredSessionLogsInAgain() throws Exception {
        String missing = recorded("govmomi_RetrieveProperties_missingSet_NotAuthenticated.xml")
                .replaceFirst("<\\?xml[^>]*\\?>", "").replace("RetrievePropertiesResponse", "RetrievePropertiesExResponse")
                .replace("<returnval>", "<returnval><objects>").replace("</returnval>", "</objects></returnval>");
        try (FakeVim fake = new FakeVim()) {
            fake.answer("RetrieveServiceContent", 200, recorded("vim25_RetrieveServiceContent_response.xml"))
                    .answer("Login", 200, LOGIN)
                    .answer("CreateContainerView", 200, recorded("vim25_CreateContainerView_response.xml"))
                    .answer("RetrievePropertiesEx", 200, FakeVim.envelope(missing))
                    .answer("RetrievePropertiesEx", 200, FakeVim.envelope(
                            "<RetrievePropertiesExResponse xmlns=\"urn:vim25\"><returnval>"
                            + "<objects><obj type=\"Datacenter\">datacenter-3</obj>"
                            + "<propSet><name>name</name><val xsi:type=\"xsd:string\">Lab</val></propSet>"
                            + "</objects></returnval></RetrievePropertiesExResponse>"));
            try (VsphereProvider p = open(fake, new ArrayList<>())) {
                assertThat(p.datacenter()).isEqualTo("Lab");
            }
            assertThat(fake.count("Login")).as("the first login, then one more").isEqualTo(2);
        }
    }

    @Test
    void listFollowsContinueTokens() throws Exception {
        String vm = "<objects><obj type=\"VirtualMachine\">vm-%d</obj>"
                + "<propSet><name>name</name><val xsi:type=\"xsd:string\">web-%d</val></propSet>"
                + "<propSet><name>runtime.powerState</name><val xsi:type=\"VirtualMachinePowerState\">poweredOff"
                + "</val></propSet></objects>";
        try (FakeVim fake = new FakeVim()) {
            fake.answer("RetrieveServiceContent", 200, recorded("vim25_RetrieveServiceContent_response.xml"))
                    .answer("Login", 200, LOGIN)
                    .answer("CreateContainerView", 200, recorded("vim25_CreateContainerView_response.xml"))
                    .answer("RetrievePropertiesEx", 200, FakeVim.envelope(
                            "<RetrievePropertiesExResponse xmlns=\"urn:vim25\"><returnval>"
                            + "<objects><obj type=\"Datacenter\">datacenter-3</obj>"
                            + "<propSet><name>name</name><val xsi:type=\"xsd:string\">Lab</val></propSet>"
                            + "</objects></returnval></RetrievePropertiesExResponse>"))
                    .answer("RetrievePropertiesEx", 200, FakeVim.envelope(
                            "<RetrievePropertiesExResponse xmlns=\"urn:vim25\"><returnval><token>page2</token>"
                            + String.format(vm, 7, 7) + "</returnval></RetrievePropertiesExResponse>"))
                    .answer("ContinueRetrievePropertiesEx", 200, FakeVim.envelope(
                            "<ContinueRetrievePropertiesExResponse xmlns=\"urn:vim25\"><returnval>"
                            + String.format(vm, 8, 8) + "</returnval></ContinueRetrievePropertiesExResponse>"));
            try (VsphereProvider p = open(fake, new ArrayList<>())) {
                assertThat(p.instances(InstanceQuery.all())).extracting(i -> i.id() + "=" + i.name())
                        .containsExactly("vm-7=web-7", "vm-8=web-8");
            }
            assertThat(fake.count("ContinueRetrievePropertiesEx")).isEqualTo(1);
        }
    }

    @Test
    void taskInProgressIsRetriedWithBackoffThenInvalidState() throws Exception {
        try (FakeVim fake = new FakeVim()) {
            fake.answer("RetrieveServiceContent", 200, recorded("vim25_RetrieveServiceContent_response.xml"))
                    .answer("Login", 200, LOGIN)
                    .answer("RetrievePropertiesEx", 200, FakeVim.envelope(
                            "<RetrievePropertiesExResponse xmlns=\"urn:vim25\"><returnval>"
                            + "<objects><obj type=\"VirtualMachine\">vm-7</obj>"
                            + "<propSet><name>name</name><val xsi:type=\"xsd:string\">web</val></propSet>"
                            + "<propSet><name>runtime.powerState</name><val xsi:type=\"VirtualMachinePowerState\">"
                            + "poweredOff</val></propSet></objects></returnval></RetrievePropertiesExResponse>"))
                    .answer("PowerOnVM_Task", 500, FakeVim.fault("TaskInProgress",
                            "The operation is not allowed in the current state."));
            List<Duration> slept = new ArrayList<>();
            try (VsphereProvider p = open(fake, slept)) {
                assertThatThrownBy(() -> p.start(List.of("vm-7"))).isInstanceOfSatisfying(AltoException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE);
                    assertThat(e.providerCode()).isEqualTo("TaskInProgress");
                });
            }
            assertThat(fake.count("PowerOnVM_Task")).as("max_attempts = 3").isEqualTo(3);
            assertThat(slept).as("two backoffs, no real sleeping").hasSize(2);
        }
    }

    @Test
    void rebootAsksVmwareToolsAndResetsOnlyWithoutThem() throws Exception {
        String vm = "<RetrievePropertiesExResponse xmlns=\"urn:vim25\"><returnval>"
                + "<objects><obj type=\"VirtualMachine\">vm-7</obj>"
                + "<propSet><name>runtime.powerState</name><val xsi:type=\"VirtualMachinePowerState\">poweredOn"
                + "</val></propSet><propSet><name>guest.toolsRunningStatus</name><val xsi:type=\"xsd:string\">"
                + "%s</val></propSet></objects></returnval></RetrievePropertiesExResponse>";
        String taskDone = "<RetrievePropertiesExResponse xmlns=\"urn:vim25\"><returnval>"
                + "<objects><obj type=\"Task\">task-9</obj><propSet><name>info.state</name>"
                + "<val xsi:type=\"TaskInfoState\">success</val></propSet></objects></returnval>"
                + "</RetrievePropertiesExResponse>";
        try (FakeVim fake = new FakeVim()) {
            fake.answer("RetrieveServiceContent", 200, recorded("vim25_RetrieveServiceContent_response.xml"))
                    .answer("Login", 200, LOGIN)
                    .answer("RetrievePropertiesEx", 200, FakeVim.envelope(String.format(vm, "guestToolsRunning")))
                    .answer("RetrievePropertiesEx", 200, FakeVim.envelope(String.format(vm, "guestToolsNotRunning")))
                    .answer("RetrievePropertiesEx", 200, FakeVim.envelope(taskDone))
                    .answer("RebootGuest", 200, FakeVim.envelope("<RebootGuestResponse xmlns=\"urn:vim25\"/>"))
                    .answer("ResetVM_Task", 200, FakeVim.envelope("<ResetVM_TaskResponse xmlns=\"urn:vim25\">"
                            + "<returnval type=\"Task\">task-9</returnval></ResetVM_TaskResponse>"));
            try (VsphereProvider p = open(fake, new ArrayList<>())) {
                p.reboot(List.of("vm-7"));
                assertThat(fake.count("RebootGuest")).isEqualTo(1);
                assertThat(fake.count("ResetVM_Task")).as("Tools answered: no reset").isZero();

                p.reboot(List.of("vm-7"));
                assertThat(fake.count("RebootGuest")).as("no Tools: not asked").isEqualTo(1);
                assertThat(fake.count("ResetVM_Task")).isEqualTo(1);
            }
        }
    }
}
