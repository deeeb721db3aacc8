package io.altostratus.gateway.codec;

import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Ec2Request;
import software.amazon.awssdk.services.ec2.model.Ec2Response;
import software.amazon.awssdk.services.ec2.model.RunInstancesRequest;
import software.amazon.awssdk.services.ec2.model.RunInstancesResponse;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class Ec2OperationRegistryTest {
    private final Ec2OperationRegistry registry = Ec2OperationRegistry.instance();

    @Test
    void everyOperationMethodOfTheClientIsARegisteredOperationWithItsOwnClasses() {
        Set<Class<?>> clientRequests = new HashSet<>();
        for (Method method : Ec2Client.class.getMethods()) {
            if (method.getParameterCount() == 1 && Ec2Request.class.isAssignableFrom(method.getParameterTypes()[0])
                    && Ec2Response.class.isAssignableFrom(method.getReturnType())) {
                clientRequests.add(method.getParameterTypes()[0]);
            }
        }
        List<Ec2Operation> all = registry.all();
        assertThat(all.stream().<Class<?>>map(Ec2Operation::requestClass).toList())
                .containsExactlyInAnyOrderElementsOf(clientRequests);
        assertThat(all).extracting(Ec2Operation::action).doesNotHaveDuplicates().isSorted();
        for (Ec2Operation operation : all) {
            assertThat(registry.find(operation.action())).containsSame(operation);
            assertThat(operation.newRequestBuilder().build()).isInstanceOf(operation.requestClass());
            assertThat(operation.newResponseBuilder().build()).isInstanceOf(operation.responseClass());
        }
    }

    @Test
    void runInstancesIsDescribedByItsSdkClasses() {
        Ec2Operation run = registry.require("RunInstances");
        assertThat(run.requestClass()).isEqualTo(RunInstancesRequest.class);
        assertThat(run.responseClass()).isEqualTo(RunInstancesResponse.class);
        assertThat(run.responseElement()).isEqualTo("RunInstancesResponse");
    }

    @Test
    void wireNamesThatDifferFromClassNamesAreTheWireNames() {
        Map<String, String> renamed = new HashMap<>();
        for (Ec2Operation operation : registry.all()) {
            String fromClass = operation.requestClass().getSimpleName().replaceFirst("Request$", "");
            if (!fromClass.equals(operation.action())) {
                renamed.put(operation.action(), fromClass);
            }
        }
        System.out.println("[registry] operations whose SDK class spells the action differently: " + renamed);
        assertThat(renamed).containsEntry("EnableVolumeIO", "EnableVolumeIo");
        // find() consults its slow index only for names with an upper-case run; that must cover every rename.
        assertThat(renamed.keySet()).allMatch(Ec2OperationRegistry::hasAcronym);
        assertThat(Ec2OperationRegistry.hasAcronym("DescribeVpcs")).isFalse();
    }

    @Test
    void namesThatAreNotOperationsAreNotFound() {
        for (String name : List.of("Ec2", "SpotInstance", "Filter", "runInstances", "RunInstancesRequest", "",
                "java.lang.Object", "../RunInstances", "A".repeat(500))) {
            assertThat(registry.find(name)).as(name).isEmpty();
        }
        assertThat(registry.find(null)).isEmpty();
    }

    @Test
    void coldStartCostsAreMeasuredInAFreshJvm() throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process probe = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                RegistryProbe.class.getName()).redirectErrorStream(true).start();
        String output = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(probe.waitFor(60, TimeUnit.SECONDS)).isTrue();
        System.out.println("[registry] cold JVM figures:\n" + output.strip());
        assertThat(probe.exitValue()).as(output).isZero();
        assertThat(output).contains("decoded=RunInstances/", "all.operations=" + registry.all().size());
    }
}
