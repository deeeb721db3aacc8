package io.altostratus.azure;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.stubbing.Scenario;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.InstanceState;
import io.altostratus.core.model.StateChange;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ARM's faults as the provider meets them: throttling, busy resources, missing ones, bad credentials. */
class AzureFaultTest {
    private static final String GROUP = "javacsmrg52801";
    private static final String G = "/subscriptions/" + RecordedArm.SUB + "/resourceGroups/" + GROUP;
    private static final String VM = G + "/providers/Microsoft.Compute/virtualMachines/javavm";
    private static final String VMS = G + "/providers/Microsoft.Compute/virtualMachines";

    private final RecordedArm arm = new RecordedArm();

    @AfterEach
    void close() {
        arm.close();
    }

    @BeforeEach
    void emptyNetworkLists() {
        arm.stub(get(urlPathEqualTo(G + "/providers/Microsoft.Network/networkInterfaces"))
                .willReturn(RecordedArm.json(200, "{\"value\":[]}")));
        arm.stub(get(urlPathEqualTo(G + "/providers/Microsoft.Network/publicIPAddresses"))
                .willReturn(RecordedArm.json(200, "{\"value\":[]}")));
    }

    private AzureProvider open() {
        return arm.open(GROUP, "eastus", Map.of());
    }

    @Test
    void a429WithRetryAfterTwiceThen200IsThreeRequestsAndTheServersDelayIsHonoured() {
        String throttled = RecordedArm.error("TooManyRequests", "too many requests");
        arm.stub(get(urlPathEqualTo(VM)).inScenario("t").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(RecordedArm.json(429, throttled).withHeader("Retry-After", "7")
                        .withHeader("x-ms-ratelimit-remaining-subscription-reads", "0"))
                .willSetStateTo("again"));
        arm.stub(get(urlPathEqualTo(VM)).inScenario("t").whenScenarioStateIs("again")
                .willReturn(RecordedArm.json(429, throttled).withHeader("Retry-After", "7")).willSetStateTo("ok"));
        arm.stub(get(urlPathEqualTo(VM)).inScenario("t").whenScenarioStateIs("ok")
                .willReturn(RecordedArm.json(200, arm.body("vm_get_expand_instanceView.json"))
                        .withHeader("x-ms-ratelimit-remaining-subscription-reads", "11998")));
        try (AzureProvider azure = arm.open(GROUP, "eastus", Map.of("retry_max_ms", "10000"))) {
            assertThat(azure.instance("javavm").state()).isEqualTo(InstanceState.RUNNING);
            assertThat(azure.rateLimits().remaining("subscription-reads")).isEqualTo(11998);
        }
        assertThat(arm.requests("GET", "/virtualMachines/javavm")).hasSize(3);
        // Each retry first waited the server's 7 s (then the backoff): time passed on the manual clock only.
        assertThat(arm.sleeps.stream().filter(d -> d.equals(Duration.ofSeconds(7))).count()).isEqualTo(2);
        assertThat(arm.retried).containsExactly("virtualMachines.get TooManyRequests",
                "virtualMachines.get TooManyRequests");
    }

    @Test
    void aRetryAfterLongerThanTheCapIsCapped() {
        arm.stub(get(urlPathEqualTo(VM)).inScenario("t").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(RecordedArm.json(429, RecordedArm.error("TooManyRequests", "slow down"))
                        .withHeader("Retry-After", "3600")).willSetStateTo("ok"));
        arm.stub(get(urlPathEqualTo(VM)).inScenario("t").whenScenarioStateIs("ok")
                .willReturn(arm.recorded("vm_get_expand_instanceView.json")));
        try (AzureProvider azure = open()) {
            azure.instance("javavm");
        }
        assertThat(arm.sleeps).contains(Duration.ofMillis(5000)).doesNotContain(Duration.ofSeconds(3600));
    }

    @Test
    void throttlingThatNeverEndsIsThrottledAfterMaxAttempts() {
        arm.stub(get(urlPathEqualTo(VM)).willReturn(RecordedArm.json(429,
                RecordedArm.error("TooManyRequests", "too many requests")).withHeader("Retry-After", "7")));
        try (AzureProvider azure = arm.open(GROUP, "eastus", Map.of("retry_max_ms", "10000"))) {
            assertThatThrownBy(() -> azure.instance("javavm")).isInstanceOfSatisfying(AltoException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.THROTTLED));
        }
        assertThat(arm.requests("GET", "/virtualMachines/javavm")).hasSize(4);
        // The server's delay is waited before each of the three retries, not after the last failure.
        assertThat(arm.sleeps.stream().filter(d -> d.equals(Duration.ofSeconds(7))).count()).isEqualTo(3);
    }

    @Test
    void aMissingVmIsNotFoundAndAMalformedIdIsInvalidWithoutACall() {
        arm.stub(get(urlPathEqualTo(VM)).willReturn(arm.recorded("error_404_ResourceNotFound.json")));
        try (AzureProvider azure = open()) {
            assertThatThrownBy(() -> azure.instance("javavm")).isInstanceOfSatisfying(AltoException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
            assertThatThrownBy(() -> azure.instance("not an id!")).isInstanceOfSatisfying(AltoException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER));
        }
        assertThat(arm.totalRequests()).isEqualTo(1);
    }

    @Test
    void unauthorizedAndForbiddenAreAuthFailures() {
        arm.stub(get(urlPathEqualTo(VM)).willReturn(RecordedArm.json(401,
                RecordedArm.error("InvalidAuthenticationToken", "The access token is invalid."))));
        arm.stub(get(urlPathEqualTo(VMS)).willReturn(RecordedArm.json(403,
                RecordedArm.error("AuthorizationFailed", "The client does not have authorization"))));
        try (AzureProvider azure = open()) {
            assertThatThrownBy(() -> azure.instance("javavm")).isInstanceOfSatisfying(AltoException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.AUTH_FAILURE));
            assertThatThrownBy(() -> azure.instances(io.altostratus.core.query.InstanceQuery.all()))
                    .isInstanceOfSatisfying(AltoException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.AUTH_FAILURE));
        }
        assertThat(arm.requests("GET", "/virtualMachines/javavm")).hasSize(1);
    }

    /** The recorded list with one VM, running. */
    private void stubListOfJavavm(String power) {
        String vm = arm.body("vm_get_expand_instanceView.json", root -> {
            var statuses = (com.fasterxml.jackson.databind.node.ArrayNode) root.path("properties")
                    .path("instanceView").path("statuses");
            ((com.fasterxml.jackson.databind.node.ObjectNode) statuses.get(1)).put("code", power);
        });
        arm.stub(get(urlPathEqualTo(VMS)).withQueryParam("$expand", equalTo("instanceView"))
                .willReturn(RecordedArm.json(200, "{\"value\":[" + vm + "]}")));
    }

    @Test
    void aBusy409IsRetriedThenReportedAsInvalidState() {
        stubListOfJavavm("PowerState/running");
        arm.stub(post(urlPathEqualTo(VM + "/deallocate")).willReturn(RecordedArm.json(409,
                RecordedArm.error("Conflict", "Operation 'deallocate' is not allowed since another operation is "
                        + "in progress on VM 'javavm'."))));
        try (AzureProvider azure = open()) {
            assertThatThrownBy(() -> azure.stop(List.of("javavm"), false)).isInstanceOfSatisfying(
                    AltoException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_STATE);
                        assertThat(e.providerCode()).isEqualTo("Conflict");
                    });
        }
        assertThat(arm.requests("POST", "/virtualMachines/javavm/deallocate")).hasSize(4);
    }

    @Test
    void stopDeallocatesAndAForcedStopPowersOffWithoutShutdown() {
        stubListOfJavavm("PowerState/running");
        arm.stub(post(urlPathMatching(VM + "/(deallocate|powerOff)")).willReturn(RecordedArm.json(200, "")));
        try (AzureProvider azure = open()) {
            assertThat(azure.stop(List.of("javavm"), false))
                    .containsExactly(new StateChange("javavm", InstanceState.RUNNING, InstanceState.STOPPED));
            azure.stop(List.of("javavm"), true);
        }
        assertThat(arm.requests("POST", "/deallocate")).hasSize(1);
        assertThat(arm.requests("POST", "/powerOff")).singleElement().satisfies(
                r -> assertThat(r.queryParameter("skipShutdown").firstValue()).isEqualTo("true"));
    }

    @Test
    void aPlainStopOfAPoweredOffVmDeallocatesItAndOfADeallocatedOneDoesNothing() {
        stubListOfJavavm("PowerState/stopped");
        arm.stub(post(urlPathMatching(VM + "/(deallocate|powerOff)")).willReturn(RecordedArm.json(200, "")));
        try (AzureProvider azure = open()) {
            assertThat(azure.stop(List.of("javavm"), true))
                    .containsExactly(new StateChange("javavm", InstanceState.STOPPED, InstanceState.STOPPED));
            assertThat(arm.requests("POST", "/powerOff")).isEmpty();
            assertThat(azure.stop(List.of("javavm"), false))
                    .containsExactly(new StateChange("javavm", InstanceState.STOPPED, InstanceState.STOPPED));
            assertThat(arm.requests("POST", "/deallocate")).hasSize(1);
        }
        arm.server.resetAll();
        emptyNetworkLists();
        stubListOfJavavm("PowerState/deallocated");
        try (AzureProvider azure = open()) {
            azure.stop(List.of("javavm"), false);
        }
        assertThat(arm.requests("POST", "/deallocate")).isEmpty();
    }

    @Test
    void terminateDeletesTheVmThenItsNicIpAndDiskAndRemembersItAsTerminated() {
        stubListOfJavavm("PowerState/running");
        arm.stub(delete(urlPathEqualTo(VM)).willReturn(arm.recorded("vm_delete_202.json")));
        String op = "/subscriptions/" + RecordedArm.SUB
                + "/providers/Microsoft.Compute/locations/eastus/operations/fb5e3b52-6099-418f-9557-67f35f9f6748";
        arm.stub(get(urlPathEqualTo(op)).willReturn(arm.recorded("compute_asyncop_succeeded.json")));
        arm.stub(delete(urlPathMatching(G + "/providers/Microsoft\\.(Network|Compute)/(networkInterfaces|publicIPAddresses|disks)/.*"))
                .willReturn(RecordedArm.json(204, "")));
        arm.stub(get(urlPathEqualTo(VM)).willReturn(arm.recorded("error_404_ResourceNotFound.json")));
        try (AzureProvider azure = open()) {
            assertThat(azure.terminate(List.of("javavm")))
                    .containsExactly(new StateChange("javavm", InstanceState.RUNNING, InstanceState.TERMINATED));
            assertThat(azure.instance("javavm").state()).isEqualTo(InstanceState.TERMINATED);
        }
        assertThat(arm.requests("DELETE", "/virtualMachines/javavm")).hasSize(1);
        assertThat(arm.requests("DELETE", "/networkInterfaces/javavm-nic")).hasSize(1);
        assertThat(arm.requests("DELETE", "/publicIPAddresses/javavm-ip")).hasSize(1);
        assertThat(arm.requests("DELETE", "/disks/javavm-osdisk")).hasSize(1);
    }
}
