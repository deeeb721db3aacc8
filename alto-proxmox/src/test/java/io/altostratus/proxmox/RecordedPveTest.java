package io.altostratus.proxmox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.Instance;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.model.Zone;
import io.altostratus.core.query.ImageQuery;
import io.altostratus.core.query.InstanceQuery;
import io.altostratus.core.spi.ComputeProvider;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.core.wait.Retrier;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The provider reading bodies recorded from real clusters ({@code /work/shared/data/wire/proxmox/}, see its README
 * section 3): read at test time, skipped with a message when the directory is absent. The VM configs, which no
 * recording has, are hand-built.
 */
class RecordedPveTest {
    static final Path WIRE = Path.of("/work/shared/data/wire/proxmox");

    FakePve pve;

    @BeforeEach
    void start() throws IOException {
        assumeTrue(Files.isDirectory(WIRE), "recorded Proxmox bodies absent (" + WIRE + "): skipped");
        pve = new FakePve();
        pve.recorded.put("/nodes", Files.readString(WIRE.resolve("nodes_list.json")));
        pve.recorded.put("/cluster/status", Files.readString(WIRE.resolve("cluster_status.json")));
        pve.recorded.put("/cluster/resources", Files.readString(WIRE.resolve("cluster_resources.json")));
    }

    @AfterEach
    void stop() {
        if (pve != null) {
            pve.close();
        }
    }

    ComputeProvider open() {
        return new ProxmoxProviderFactory(d -> { }, Retrier.Listener.NONE, Map.of()).open(new ProviderContext(null,
                ProviderContext.DEFAULT_ACCOUNT, pve.endpoint(), null, Map.of("token", FakePve.TOKEN), null));
    }

    @Test
    void recordedNodesAreTheZonesAndTheClusterNamesTheRegion() {
        try (ComputeProvider provider = open()) {
            assertThat(provider.zones()).extracting(Zone::name).containsExactly("node1", "node2", "node3", "node4");
            assertThat(provider.zones()).allMatch(z -> z.state().equals("available") && z.region().equals("pve"));
            assertThat(provider.regions().get(0).displayName()).isEqualTo("clustername");
        }
    }

    @Test
    void recordedResourcesSplitIntoTemplatesAndInstances() throws IOException {
        pve.template("node1", 101, "leap154", "alto-distro-opensuse-leap;alto-release-15.4");
        FakePve.Vm server = new FakePve.Vm("node2", 100);
        server.status = "running";
        server.config.put("name", "server1");
        server.config.put("agent", "1");
        server.config.put("net0", "virtio=BE:2A:81:98:BC:AD,bridge=vmbr0");
        JsonNode agent = FakePve.JSON.readTree(recordedSnippet("agent/network-get-interfaces"));
        server.agent = agent.path("data").path("result").toString();
        pve.vms.put(100, server);
        FakePve.Vm test = new FakePve.Vm("node1", 102);
        test.config.put("name", "machine-test");
        pve.vms.put(102, test);

        try (ComputeProvider provider = open()) {
            assertThat(provider.images(ImageQuery.all())).extracting(Image::id, Image::name, Image::distro)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("node1/101", "leap154", "opensuse-leap"));
            // VM 200 has no config here (deleted since the listing): left out, not an error; sorted by node, VMID
            assertThat(provider.instances(InstanceQuery.all())).extracting(Instance::id, Instance::state,
                    Instance::privateIp).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("node1/102", InstanceState.STOPPED, null),
                    org.assertj.core.groups.Tuple.tuple("node2/100", InstanceState.RUNNING, "172.16.12.20"));
        }
    }

    static String recordedSnippet(String endpointPart) throws IOException {
        JsonNode all = FakePve.JSON.readTree(WIRE.resolve("recorded_snippets_from_github_issues.json").toFile());
        for (JsonNode s : all.path("snippets")) {
            if (s.path("endpoint").asText().contains(endpointPart)) {
                return s.path("raw").asText();
            }
        }
        throw new IllegalStateException("no recorded snippet for " + endpointPart);
    }
}
