package io.altostratus.gateway.terraform;

import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.catalog.Catalogs;
import io.altostratus.core.spi.ProviderContext;
import io.altostratus.gateway.Gateway;
import io.altostratus.gateway.action.Ec2Dispatcher;
import io.altostratus.gateway.action.groups.Ec2Actions;
import io.altostratus.gateway.backend.Backend;
import io.altostratus.local.LocalProviderFactory;
import io.altostratus.store.StateStore;
import io.altostratus.store.StateStores;
import io.altostratus.testkit.peers.Terraform;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;

/**
 * Terraform's aws provider as a client: each stack under {@code src/test/resources/terraform/} is applied, planned
 * again (which must find nothing to change) and destroyed against a gateway started here over an in-memory local
 * cloud, and afterwards the gateway lists nothing the stack made. Every resource carries the provider's default tag
 * {@code stack=<name>}, which is how the leftovers are found. Skips itself where {@code terraform} or the offline
 * provider mirror ({@code /opt/tf-plugins}, or {@code ALTO_TF_MIRROR}) is absent, since nothing can be downloaded.
 */
class TerraformStacksTest {
    /** How long one terraform command may take before the test gives up on it (a hang, not a slow run). */
    private static final long COMMAND_LIMIT_MINUTES = 10;

    @TempDir
    Path work;

    private Terraform terraform;
    private StateStore store;
    private Backend backend;
    private Gateway gateway;
    private Ec2Client ec2;

    @BeforeEach
    void start() {
        terraform = Terraform.in(work, COMMAND_LIMIT_MINUTES);
        store = StateStores.inMemory();
        // Short but real transitions, so Terraform's waiters see pending before running or available.
        ProviderContext template = new ProviderContext(null, ProviderContext.DEFAULT_ACCOUNT, null, null,
                Map.of("transition_ms", "300"), null);
        backend = new Backend(LocalProviderFactory.withStore(store, Catalogs.aws()), template, p -> p);
        gateway = Gateway.builder().port(0).stateStore(store)
                .dispatcher(new Ec2Dispatcher(backend, Ec2Actions.all())).start();
        ec2 = Ec2Client.builder().endpointOverride(URI.create(gateway.endpoint().toString()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
    }

    @AfterEach
    void stop() {
        if (ec2 != null) {
            ec2.close();
            gateway.close();
            backend.close();
            store.close();
        }
    }

    @Test
    void smallStackAppliesPlansCleanAndDestroys() throws Exception {
        runStack("small");
    }

    @Test
    void vpcModuleStackAppliesPlansCleanAndDestroys() throws Exception {
        runStack("vpc-module");
    }

    private void runStack(String name) throws Exception {
        Path dir = terraform.stack(TerraformStacksTest.class, name);
        Map<String, Long> times = new LinkedHashMap<>();
        String endpointVar = "-var=endpoint=" + gateway.endpoint().toString().replaceAll("/$", "");

        assertThat(phase(times, dir, "init", "init", "-input=false", "-no-color").exitCode())
                .as("terraform init").isZero();
        Terraform.Result apply = phase(times, dir, "apply", "apply", "-auto-approve", "-input=false", "-no-color",
                endpointVar);
        assertThat(apply.exitCode()).as("terraform apply:%n%s", apply.output()).isZero();
        assertThat(leftovers(name)).as("what the stack made, tagged stack=" + name).isNotEmpty();

        Terraform.Result plan = phase(times, dir, "plan", "plan", "-detailed-exitcode", "-input=false", "-no-color",
                endpointVar);
        // 0 is "no changes"; 2 would be a diff, which means some attribute does not read back as it was written.
        assertThat(plan.exitCode()).as("second plan must find no changes:%n%s", plan.output()).isZero();

        Terraform.Result destroy = phase(times, dir, "destroy", "destroy", "-auto-approve", "-input=false", "-no-color",
                endpointVar);
        assertThat(destroy.exitCode()).as("terraform destroy:%n%s", destroy.output()).isZero();
        assertThat(leftovers(name)).as("left after destroy").isEmpty();

        System.out.println("terraform stack " + name + " phase times (ms): " + times);
    }

    /** Every resource the gateway still lists with the tag {@code stack=<name>} (ended ones excepted), as ids. */
    private List<String> leftovers(String stack) {
        Filter tag = Filter.builder().name("tag:stack").values(stack).build();
        List<String> ids = new ArrayList<>();
        ec2.describeVpcs(r -> r.filters(tag)).vpcs().forEach(v -> ids.add(v.vpcId()));
        ec2.describeSubnets(r -> r.filters(tag)).subnets().forEach(s -> ids.add(s.subnetId()));
        ec2.describeRouteTables(r -> r.filters(tag)).routeTables().forEach(t -> ids.add(t.routeTableId()));
        ec2.describeInternetGateways(r -> r.filters(tag)).internetGateways()
                .forEach(g -> ids.add(g.internetGatewayId()));
        ec2.describeSecurityGroups(r -> r.filters(tag)).securityGroups().forEach(g -> ids.add(g.groupId()));
        ec2.describeKeyPairs(r -> r.filters(tag)).keyPairs().forEach(k -> ids.add(k.keyPairId()));
        ec2.describeVolumes(r -> r.filters(tag)).volumes().forEach(v -> ids.add(v.volumeId()));
        ec2.describeAddresses(r -> r.filters(tag)).addresses().forEach(a -> ids.add(a.allocationId()));
        ec2.describeInstances(r -> r.filters(tag, Filter.builder().name("instance-state-name")
                        .values("pending", "running", "stopping", "stopped", "shutting-down").build()))
                .reservations().forEach(res -> res.instances().forEach(i -> ids.add(i.instanceId())));
        ec2.describeNatGateways(r -> r.filter(tag, Filter.builder().name("state")
                        .values("pending", "available", "deleting", "failed").build()))
                .natGateways().forEach(n -> ids.add(n.natGatewayId()));
        ec2.describeNetworkAcls(r -> r.filters(tag)).networkAcls().forEach(a -> ids.add(a.networkAclId()));
        ec2.describeLaunchTemplates(r -> r.filters(tag)).launchTemplates()
                .forEach(t -> ids.add(t.launchTemplateId()));
        return ids;
    }

    private Terraform.Result phase(Map<String, Long> times, Path dir, String label, String... args) {
        Terraform.Result result = terraform.run(dir, args);
        times.put(label, result.millis());
        return result;
    }
}
