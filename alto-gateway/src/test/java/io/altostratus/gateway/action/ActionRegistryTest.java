package io.altostratus.gateway.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.altostratus.gateway.action.groups.Ec2Actions;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.model.CreateNatGatewayRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVpcsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVpcsResponse;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;

class ActionRegistryTest {

    private final ActionHandler<DescribeInstancesRequest, DescribeInstancesResponse> instances =
            (context, request) -> DescribeInstancesResponse.builder().build();
    private final ActionHandler<DescribeVpcsRequest, DescribeVpcsResponse> vpcs =
            (context, request) -> DescribeVpcsResponse.builder().build();

    @Test
    void laterGroupsRegisterOnceOnTheFirstRequestTheOthersDoNotServe() {
        AtomicInteger registrations = new AtomicInteger();
        ActionRegistry registry = new ActionRegistry()
                .add(r -> r.on(DescribeInstancesRequest.class, instances))
                .later(() -> {
                    registrations.incrementAndGet();
                    return List.of(r -> r.on(DescribeVpcsRequest.class, vpcs));
                });

        assertThat(registry.find(DescribeInstancesRequest.class)).containsSame(instances);
        assertThat(registrations).as("a request a registered group serves").hasValue(0);
        assertThat(registry.find(DescribeVpcsRequest.class)).containsSame(vpcs);
        assertThat(registry.find(RunInstancesRequest.class)).isEmpty();
        assertThat(registrations).hasValue(1);
    }

    @Test
    void requestTypesIncludesTheLaterGroups() {
        ActionRegistry registry = new ActionRegistry()
                .add(r -> r.on(DescribeInstancesRequest.class, instances))
                .later(() -> List.of(r -> r.on(DescribeVpcsRequest.class, vpcs)));

        assertThat(registry.requestTypes()).containsExactlyInAnyOrder(DescribeInstancesRequest.class,
                DescribeVpcsRequest.class);
    }

    @Test
    void aTypeRegisteredTwiceAcrossTheTiersIsAWiringError() {
        ActionRegistry registry = new ActionRegistry()
                .add(r -> r.on(DescribeVpcsRequest.class, vpcs))
                .later(() -> List.of(r -> r.on(DescribeVpcsRequest.class, vpcs)));

        assertThatThrownBy(registry::requestTypes).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("DescribeVpcsRequest");
        assertThatThrownBy(() -> new ActionRegistry().later(List::of).later(List::of))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theGatewaysRegistryServesALessCommonActionOnItsFirstCall() {
        assertThat(Ec2Actions.all().find(CreateNatGatewayRequest.class)).isPresent();
    }
}
