package io.altostratus.gateway.action;

import static io.altostratus.gateway.action.Ec2Calls.assertDryRun;
import static io.altostratus.gateway.action.Ec2Calls.ec2Error;
import static io.altostratus.gateway.action.Ec2Calls.filter;
import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.catalog.Catalogs;
import io.altostratus.core.ec2.Ec2InstanceDetails;
import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.Image;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceMetadataOptionsRequest;
import software.amazon.awssdk.services.ec2.model.InstanceMetadataOptionsResponse;
import software.amazon.awssdk.services.ec2.model.ModifyInstanceMetadataOptionsResponse;

/** Instance metadata options through the real SDK: set at launch, described, filtered on and changed. */
class InstanceMetadataActionsTest {
    @RegisterExtension
    final GatewayHarness gw = new GatewayHarness();

    private static final String AMI = Catalogs.aws().images("us-east-1").stream()
            .filter(i -> i.architecture() == Architecture.X86_64 && Image.AVAILABLE.equals(i.state()))
            .findFirst().orElseThrow().id();
    private static final String MISSING = "i-0fedcba9876543210";

    private Ec2Client ec2() {
        return gw.client();
    }

    private Instance run(Consumer<InstanceMetadataOptionsRequest.Builder> options) {
        return ec2().runInstances(r -> {
            r.imageId(AMI).instanceType("t3.micro").minCount(1).maxCount(1);
            if (options != null) {
                r.metadataOptions(options);
            }
        }).instances().get(0);
    }

    private InstanceMetadataOptionsResponse described(String id) {
        return ec2().describeInstances(r -> r.instanceIds(id)).reservations().get(0).instances().get(0)
                .metadataOptions();
    }

    private List<String> idsMatching(Filter... filters) {
        return ec2().describeInstances(r -> r.filters(filters)).reservations().stream()
                .flatMap(r -> r.instances().stream()).map(Instance::instanceId).sorted().toList();
    }

    private static void assertOptions(InstanceMetadataOptionsResponse o, String tokens, int hops, String endpoint,
                                      String ipv6, String tags) {
        assertThat(o.stateAsString()).isEqualTo("applied");
        assertThat(o.httpTokensAsString()).isEqualTo(tokens);
        assertThat(o.httpPutResponseHopLimit()).isEqualTo(hops);
        assertThat(o.httpEndpointAsString()).isEqualTo(endpoint);
        assertThat(o.httpProtocolIpv6AsString()).isEqualTo(ipv6);
        assertThat(o.instanceMetadataTagsAsString()).isEqualTo(tags);
    }

    @Test
    void optionsGivenToRunInstancesAreWhatDescribeInstancesShows() {
        Instance strict = run(m -> m.httpTokens("required").httpPutResponseHopLimit(2).instanceMetadataTags("enabled"));
        Instance partial = run(m -> m.httpProtocolIpv6("enabled"));
        Instance plain = run(null);

        assertOptions(strict.metadataOptions(), "required", 2, "enabled", "disabled", "enabled");
        assertOptions(described(strict.instanceId()), "required", 2, "enabled", "disabled", "enabled");
        assertOptions(described(partial.instanceId()), "optional", 1, "enabled", "enabled", "disabled");
        assertOptions(described(plain.instanceId()), "optional", 1, "enabled", "disabled", "disabled");
        assertThat(Ec2InstanceDetails.of(gw.cloud().instance(strict.instanceId())).metadataOptions().tokensRequired())
                .as("kept by the backend, not the gateway").isTrue();
    }

    @Test
    void metadataOptionsFiltersMatchTheStoredValues() {
        String strict = run(m -> m.httpTokens("required").httpPutResponseHopLimit(2)).instanceId();
        String tagged = run(m -> m.httpTokens("required").instanceMetadataTags("enabled")).instanceId();
        String plain = run(null).instanceId();

        assertThat(idsMatching(filter("metadata-options.http-tokens", "required")))
                .containsExactlyInAnyOrder(strict, tagged);
        assertThat(idsMatching(filter("metadata-options.http-tokens", "optional"))).containsExactly(plain);
        assertThat(idsMatching(filter("metadata-options.http-tokens", "optional", "required")))
                .as("several values: any").containsExactlyInAnyOrder(strict, tagged, plain);
        assertThat(idsMatching(filter("metadata-options.http-tokens", "required"),
                filter("metadata-options.http-put-response-hop-limit", "2")))
                .as("several filters: all").containsExactly(strict);
        assertThat(idsMatching(filter("metadata-options.instance-metadata-tags", "enabled"))).containsExactly(tagged);
        assertThat(idsMatching(filter("metadata-options.http-tokens", "req*"))).containsExactlyInAnyOrder(strict, tagged);

        ec2().modifyInstanceMetadataOptions(r -> r.instanceId(plain).httpTokens("required"));

        assertThat(idsMatching(filter("metadata-options.http-tokens", "required")))
                .containsExactlyInAnyOrder(strict, tagged, plain);
        assertThat(idsMatching(filter("metadata-options.http-tokens", "optional"))).isEmpty();
    }

    @Test
    void modifyAnswersTheNewOptionsAndKeepsWhatItDoesNotName() {
        String id = run(m -> m.httpPutResponseHopLimit(3).instanceMetadataTags("enabled")).instanceId();

        ModifyInstanceMetadataOptionsResponse answer = ec2().modifyInstanceMetadataOptions(r -> r.instanceId(id)
                .httpTokens("required").httpEndpoint("disabled"));

        assertThat(answer.instanceId()).isEqualTo(id);
        assertOptions(answer.instanceMetadataOptions(), "required", 3, "disabled", "disabled", "enabled");
        assertThat(gw.lastBody()).contains("<instanceMetadataOptions>").contains("<httpTokens>required</httpTokens>");
        assertOptions(described(id), "required", 3, "disabled", "disabled", "enabled");

        ec2().modifyInstanceMetadataOptions(r -> r.instanceId(id).httpPutResponseHopLimit(64).httpProtocolIpv6("enabled")
                .instanceMetadataTags("disabled").httpEndpoint("enabled"));

        assertOptions(described(id), "required", 64, "enabled", "enabled", "disabled");
    }

    @Test
    void aStoppedInstanceCanBeChangedAndKeepsTheOptionsWhenStarted() {
        String id = run(null).instanceId();
        ec2().stopInstances(r -> r.instanceIds(id));

        ec2().modifyInstanceMetadataOptions(r -> r.instanceId(id).httpTokens("required"));
        ec2().startInstances(r -> r.instanceIds(id));

        assertThat(described(id).httpTokensAsString()).isEqualTo("required");
    }

    @Test
    void unknownMalformedAndOtherAccountsInstancesAreRefused() {
        String id = run(null).instanceId();

        ec2Error(() -> ec2().modifyInstanceMetadataOptions(r -> r.instanceId(MISSING).httpTokens("required")),
                "InvalidInstanceID.NotFound");
        ec2Error(() -> ec2().modifyInstanceMetadataOptions(r -> r.instanceId("i-nope").httpTokens("required")),
                "InvalidInstanceID.Malformed");
        ec2Error(() -> gw.otherAccount().modifyInstanceMetadataOptions(r -> r.instanceId(id).httpTokens("required")),
                "InvalidInstanceID.NotFound");
        assertThat(described(id).httpTokensAsString()).isEqualTo("optional");
    }

    @Test
    void badValuesAreInvalidParameterValueAndChangeNothing() {
        String id = run(m -> m.httpTokens("required")).instanceId();

        var tokens = ec2Error(() -> ec2().modifyInstanceMetadataOptions(r -> r.instanceId(id).httpTokens("sometimes")),
                "InvalidParameterValue");
        assertThat(tokens.statusCode()).isEqualTo(400);
        assertThat(tokens.awsErrorDetails().errorMessage()).contains("HttpTokens").contains("sometimes");
        ec2Error(() -> ec2().modifyInstanceMetadataOptions(r -> r.instanceId(id).httpPutResponseHopLimit(65)),
                "InvalidParameterValue");
        ec2Error(() -> ec2().modifyInstanceMetadataOptions(r -> r.instanceId(id).httpPutResponseHopLimit(0)),
                "InvalidParameterValue");
        var endpoint = ec2Error(() -> ec2().modifyInstanceMetadataOptions(r -> r.instanceId(id)
                .httpTokens("optional").httpEndpoint("on")), "InvalidParameterValue");
        assertThat(endpoint.awsErrorDetails().errorMessage()).contains("HttpEndpoint");
        ec2Error(() -> ec2().modifyInstanceMetadataOptions(r -> r.instanceId(id).instanceMetadataTags("yes")),
                "InvalidParameterValue");
        ec2Error(() -> ec2().modifyInstanceMetadataOptions(r -> r.instanceId(id).httpProtocolIpv6("ENABLED")),
                "InvalidParameterValue");

        assertOptions(described(id), "required", 1, "enabled", "disabled", "disabled");
    }

    @Test
    void runInstancesWithBadOptionsLaunchesNothing() {
        ec2Error(() -> run(m -> m.httpTokens("mandatory")), "InvalidParameterValue");
        ec2Error(() -> run(m -> m.httpPutResponseHopLimit(100)), "InvalidParameterValue");
        ec2Error(() -> run(m -> m.instanceMetadataTags("maybe")), "InvalidParameterValue");

        assertThat(ec2().describeInstances().reservations()).isEmpty();
    }

    @Test
    void dryRunChecksEverythingAndChangesNothing() {
        String id = run(null).instanceId();

        assertDryRun(() -> ec2().modifyInstanceMetadataOptions(r -> r.instanceId(id).httpTokens("required")
                .dryRun(true)));
        ec2Error(() -> ec2().modifyInstanceMetadataOptions(r -> r.instanceId(MISSING).httpTokens("required")
                .dryRun(true)), "InvalidInstanceID.NotFound");
        ec2Error(() -> ec2().modifyInstanceMetadataOptions(r -> r.instanceId(id).httpTokens("never").dryRun(true)),
                "InvalidParameterValue");

        assertThat(described(id).httpTokensAsString()).isEqualTo("optional");
    }

    @Test
    void aTerminatedInstanceCannotBeChanged() {
        String id = run(null).instanceId();
        ec2().terminateInstances(r -> r.instanceIds(id));

        ec2Error(() -> ec2().modifyInstanceMetadataOptions(r -> r.instanceId(id).httpTokens("required")),
                "IncorrectInstanceState");
    }
}
