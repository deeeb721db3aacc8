package io.altostratus.gateway.action;

import static io.altostratus.gateway.action.Ec2Calls.assertDryRun;
import static io.altostratus.gateway.action.Ec2Calls.ec2Error;
import static io.altostratus.gateway.action.Ec2Calls.filter;
import static io.altostratus.gateway.action.Ec2Calls.tags;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AttributeValue;
import software.amazon.awssdk.services.ec2.model.DescribeDhcpOptionsResponse;
import software.amazon.awssdk.services.ec2.model.DhcpConfiguration;
import software.amazon.awssdk.services.ec2.model.DhcpOptions;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.NewDhcpConfiguration;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/** DHCP options sets through the SDK: the default set, create, associate (and default), delete, filters, errors. */
class DhcpOptionsActionsTest {
    @RegisterExtension
    final GatewayHarness gw = new GatewayHarness();

    private Ec2Client ec2() {
        return gw.client();
    }

    private static NewDhcpConfiguration option(String key, String... values) {
        return NewDhcpConfiguration.builder().key(key).values(values).build();
    }

    private DhcpOptions create(String domain) {
        return ec2().createDhcpOptions(r -> r.dhcpConfigurations(option("domain-name", domain),
                        option("domain-name-servers", "10.0.0.2", "AmazonProvidedDNS"))
                .tagSpecifications(tags(ResourceType.DHCP_OPTIONS, "Name", domain))).dhcpOptions();
    }

    private static Map<String, List<String>> options(DhcpOptions o) {
        return o.dhcpConfigurations().stream().collect(Collectors.toMap(DhcpConfiguration::key,
                c -> c.values().stream().map(AttributeValue::value).toList()));
    }

    private String vpcDhcp(String vpcId) {
        return ec2().describeVpcs(r -> r.vpcIds(vpcId)).vpcs().get(0).dhcpOptionsId();
    }

    @Test
    void newVpcsUseTheDefaultSetAndAssociationFollowsTheVpc() {
        String vpc = ec2().createVpc(r -> r.cidrBlock("10.20.0.0/16")).vpc().vpcId();
        String defaultSet = vpcDhcp(vpc);
        DhcpOptions dflt = ec2().describeDhcpOptions(r -> r.dhcpOptionsIds(defaultSet)).dhcpOptions().get(0);
        assertThat(options(dflt)).containsEntry("domain-name-servers", List.of("AmazonProvidedDNS"))
                .containsEntry("domain-name", List.of("ec2.internal"));
        assertThat(dflt.ownerId()).isEqualTo(gw.account());

        DhcpOptions made = create("corp.example");
        assertThat(made.dhcpOptionsId()).matches("dopt-[0-9a-f]{17}");
        assertThat(options(made)).containsEntry("domain-name-servers", List.of("10.0.0.2", "AmazonProvidedDNS"));
        ec2().associateDhcpOptions(r -> r.dhcpOptionsId(made.dhcpOptionsId()).vpcId(vpc));
        assertThat(vpcDhcp(vpc)).isEqualTo(made.dhcpOptionsId());
        assertThat(ec2().describeVpcs(r -> r.filters(filter("dhcp-options-id", made.dhcpOptionsId()))).vpcs())
                .singleElement().satisfies(v -> assertThat(v.vpcId()).isEqualTo(vpc));

        // In use: EC2 refuses to delete it.
        ec2Error(() -> ec2().deleteDhcpOptions(r -> r.dhcpOptionsId(made.dhcpOptionsId())), "DependencyViolation");
        // "default" means no options at all, and the VPC says so.
        ec2().associateDhcpOptions(r -> r.dhcpOptionsId("default").vpcId(vpc));
        assertThat(vpcDhcp(vpc)).isEqualTo("default");
        ec2().deleteDhcpOptions(r -> r.dhcpOptionsId(made.dhcpOptionsId()));
        ec2Error(() -> ec2().describeDhcpOptions(r -> r.dhcpOptionsIds(made.dhcpOptionsId())),
                "InvalidDhcpOptionID.NotFound");
        ec2().associateDhcpOptions(r -> r.dhcpOptionsId(defaultSet).vpcId(vpc));
        assertThat(vpcDhcp(vpc)).isEqualTo(defaultSet);
    }

    @Test
    void filtersTagsPagingAndErrors() {
        String a = create("a.example").dhcpOptionsId();
        String b = create("b.example").dhcpOptionsId();
        assertThat(ids(filter("tag:Name", "a.example"))).containsExactly(a);
        assertThat(ids(filter("value", "b.example"))).containsExactly(b);
        assertThat(ids(filter("key", "domain-name-servers"))).contains(a, b);
        assertThat(ids(filter("dhcp-options-id", a, b))).containsExactlyInAnyOrder(a, b);
        assertThat(ids(filter("owner-id", gw.account()))).hasSize(3);
        ec2().createTags(r -> r.resources(b).tags(t -> t.key("team").value("net")));
        assertThat(ids(filter("tag-key", "team"))).containsExactly(b);
        assertThat(ec2().describeTags(r -> r.filters(filter("resource-type", "dhcp-options"))).tags())
                .extracting(t -> t.resourceId()).contains(a, b);

        DescribeDhcpOptionsResponse first = ec2().describeDhcpOptions(r -> r.maxResults(5));
        assertThat(first.dhcpOptions()).hasSize(3);
        assertThat(first.nextToken()).isNull();

        ec2Error(() -> ec2().describeDhcpOptions(r -> r.dhcpOptionsIds("dopt-0123456789abcdef0")),
                "InvalidDhcpOptionID.NotFound");
        ec2Error(() -> ec2().describeDhcpOptions(r -> r.dhcpOptionsIds("vpc-0123456789abcdef0")),
                "InvalidDhcpOptionsId.Malformed");
        ec2Error(() -> ec2().deleteDhcpOptions(r -> r.dhcpOptionsId("dopt-0123456789abcdef0")),
                "InvalidDhcpOptionID.NotFound");
        ec2Error(() -> ec2().createDhcpOptions(r -> r.dhcpConfigurations(option("colour", "blue"))),
                "InvalidParameterValue");
        ec2Error(() -> ec2().createDhcpOptions(r -> r.dhcpConfigurations(option("ntp-servers", "not-an-ip"))),
                "InvalidParameterValue");
        ec2Error(() -> ec2().createDhcpOptions(r -> r.dhcpConfigurations(option("domain-name-servers",
                "1.1.1.1", "1.1.1.2", "1.1.1.3", "1.1.1.4", "1.1.1.5"))), "InvalidParameterValue");
        ec2Error(() -> ec2().createDhcpOptions(r -> r.dhcpConfigurations(option("netbios-node-type", "3"))),
                "InvalidParameterValue");
        ec2Error(() -> ec2().associateDhcpOptions(r -> r.dhcpOptionsId(a).vpcId("vpc-0123456789abcdef0")),
                "InvalidVpcID.NotFound");
        String vpc = ec2().createVpc(r -> r.cidrBlock("10.21.0.0/16")).vpc().vpcId();
        ec2Error(() -> ec2().associateDhcpOptions(r -> r.dhcpOptionsId("dopt-0123456789abcdef0").vpcId(vpc)),
                "InvalidDhcpOptionID.NotFound");
        assertDryRun(() -> ec2().createDhcpOptions(r -> r.dhcpConfigurations(option("domain-name", "x.example"))
                .dryRun(true)));
        assertDryRun(() -> ec2().describeDhcpOptions(r -> r.dryRun(true)));
        assertDryRun(() -> ec2().associateDhcpOptions(r -> r.dhcpOptionsId(a).vpcId(vpc).dryRun(true)));
        assertDryRun(() -> ec2().deleteDhcpOptions(r -> r.dhcpOptionsId(a).dryRun(true)));
        assertThat(vpcDhcp(vpc)).isNotEqualTo(a);
        // The other account sees only its own default set.
        assertThat(gw.otherAccount().describeDhcpOptions().dhcpOptions()).singleElement()
                .satisfies(o -> assertThat(o.dhcpOptionsId()).isNotIn(a, b));
    }

    private List<String> ids(Filter... filters) {
        return ec2().describeDhcpOptions(r -> r.filters(filters)).dhcpOptions().stream()
                .map(DhcpOptions::dhcpOptionsId).toList();
    }
}
