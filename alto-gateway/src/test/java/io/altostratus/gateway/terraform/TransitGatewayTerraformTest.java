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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;

/**
 * Terraform's aws provider building a hub-and-spoke transit gateway network
 * ({@code src/test/resources/terraform/transit-gateway}): apply, a second plan that finds nothing to change, destroy,
 * and nothing of the stack listed afterwards. Skips itself where {@code terraform} or the offline provider mirror
 * is absent, as {@link TerraformStacksTest} does.
 */
class TransitGatewayTerraformTest {
    private static final long COMMAND_LIMIT_MINUTES = 10;
    private static final String STACK = "transit-gateway";

    @TempDir
    Path work;

    @Test
    void hubAndSpokeAppliesPlansCleanAndDestroys() {
        Terraform terraform = Terraform.in(work, COMMAND_LIMIT_MINUTES);
        StateStore store = StateStores.inMemory();
        // Short but real transitions, so the provider's waiters see pending before available.
        ProviderContext template = new ProviderContext(null, ProviderContext.DEFAULT_ACCOUNT, null, null,
                Map.of("transition_ms", "300"), null);
        try (Backend backend = new Backend(LocalProviderFactory.withStore(store, Catalogs.aws()), template, p -> p);
             Gateway gateway = Gateway.builder().port(0).stateStore(store)
                     .dispatcher(new Ec2Dispatcher(backend, Ec2Actions.all())).start();
             Ec2Client ec2 = Ec2Client.builder().endpointOverride(URI.create(gateway.endpoint().toString()))
                     .region(Region.US_EAST_1)
                     .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                     .build()) {
            Path dir = terraform.stack(TransitGatewayTerraformTest.class, STACK);
            Map<String, Long> times = new LinkedHashMap<>();
            String endpointVar = "-var=endpoint=" + gateway.endpoint().toString().replaceAll("/$", "");
            assertThat(phase(terraform, times, dir, "init", "init", "-input=false", "-no-color").exitCode())
                    .as("terraform init").isZero();
            Terraform.Result apply = phase(terraform, times, dir, "apply", "apply", "-auto-approve", "-input=false",
                    "-no-color", endpointVar);
            assertThat(apply.exitCode()).as("terraform apply:%n%s", apply.output()).isZero();
            assertThat(leftovers(ec2)).as("the gateway, two attachments, the spokes table, two VPCs").hasSize(6);
            assertThat(ec2.searchTransitGatewayRoutes(r -> r.transitGatewayRouteTableId(ec2
                    .describeTransitGatewayRouteTables(t -> t.filters(Filter.builder().name("tag:Name")
                            .values("spokes").build())).transitGatewayRouteTables().get(0)
                            .transitGatewayRouteTableId()).filters(Filter.builder().name("state")
                            .values("active", "blackhole").build())).routes())
                    .as("two propagated VPC blocks, a static route and a blackhole").hasSize(4);

            Terraform.Result plan = phase(terraform, times, dir, "plan", "plan", "-detailed-exitcode",
                    "-input=false", "-no-color", endpointVar);
            assertThat(plan.exitCode()).as("second plan must find no changes:%n%s", plan.output()).isZero();

            Terraform.Result destroy = phase(terraform, times, dir, "destroy", "destroy", "-auto-approve",
                    "-input=false", "-no-color", endpointVar);
            assertThat(destroy.exitCode()).as("terraform destroy:%n%s", destroy.output()).isZero();
            assertThat(leftovers(ec2)).as("left after destroy").isEmpty();
            System.out.println("terraform stack " + STACK + " phase times (ms): " + times);
        } finally {
            store.close();
        }
    }

    /** The stack's transit gateways, attachments and route tables that have not been deleted. */
    private static List<String> leftovers(Ec2Client ec2) {
        Filter tag = Filter.builder().name("tag:stack").values(STACK).build();
        Filter live = Filter.builder().name("state").values("pending", "available", "modifying", "deleting").build();
        List<String> ids = new ArrayList<>();
        ec2.describeTransitGateways(r -> r.filters(tag, live)).transitGateways()
                .forEach(g -> ids.add(g.transitGatewayId()));
        ec2.describeTransitGatewayAttachments(r -> r.filters(tag, live)).transitGatewayAttachments()
                .forEach(a -> ids.add(a.transitGatewayAttachmentId()));
        ec2.describeTransitGatewayRouteTables(r -> r.filters(tag, live)).transitGatewayRouteTables()
                .forEach(t -> ids.add(t.transitGatewayRouteTableId()));
        ec2.describeVpcs(r -> r.filters(tag)).vpcs().forEach(v -> ids.add(v.vpcId()));
        return ids;
    }

    private static Terraform.Result phase(Terraform terraform, Map<String, Long> times, Path dir, String label,
                                          String... args) {
        Terraform.Result result = terraform.run(dir, args);
        times.put(label, result.millis());
        return result;
    }
}
