package io.altostratus.gateway.action;

import static io.altostratus.gateway.action.Ec2Calls.filter;
import static io.altostratus.gateway.action.Ec2Calls.tags;
import static io.altostratus.gateway.action.Ec2Calls.ec2Error;
import static io.altostratus.gateway.action.Ec2Calls.assertDryRun;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.altostratus.core.spi.ProviderContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.AttributeBooleanValue;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.Tenancy;
import software.amazon.awssdk.services.ec2.model.Vpc;
import software.amazon.awssdk.services.ec2.model.VpcAttributeName;
import software.amazon.awssdk.services.ec2.model.VpcCidrBlockStateCode;

class VpcActionsTest {
    @RegisterExtension
    final GatewayHarness gw = new GatewayHarness();

    private Ec2Client ec2() {
        return gw.client();
    }

    private Vpc vpc(String cidr, Map<String, String> tags) {
        return ec2().createVpc(r -> r.cidrBlock(cidr).tagSpecifications(tags(ResourceType.VPC, tags))).vpc();
    }

    @Test
    void createVpcAnswersEveryFieldClientsRead() {
        Vpc created = vpc("10.10.0.0/16", Map.of("Name", "web"));

        assertThat(created.vpcId()).matches("vpc-[0-9a-f]{17}");
        assertThat(created.cidrBlock()).isEqualTo("10.10.0.0/16");
        assertThat(created.stateAsString()).isEqualTo("available");
        assertThat(created.isDefault()).isFalse();
        assertThat(created.ownerId()).isEqualTo(ProviderContext.DEFAULT_ACCOUNT);
        assertThat(created.instanceTenancy()).isEqualTo(Tenancy.DEFAULT);
        assertThat(created.dhcpOptionsId()).matches("dopt-[0-9a-f]{17}");
        assertThat(created.cidrBlockAssociationSet()).singleElement().satisfies(a -> {
            assertThat(a.cidrBlock()).isEqualTo("10.10.0.0/16");
            assertThat(a.associationId()).startsWith("vpc-cidr-assoc-");
            assertThat(a.cidrBlockState().state()).isEqualTo(VpcCidrBlockStateCode.ASSOCIATED);
        });
        assertThat(created.hasIpv6CidrBlockAssociationSet()).isTrue();
        assertThat(created.ipv6CidrBlockAssociationSet()).isEmpty();
        assertThat(created.tags()).containsExactly(Tag.builder().key("Name").value("web").build());

        Vpc described = ec2().describeVpcs(r -> r.vpcIds(created.vpcId())).vpcs().get(0);
        assertThat(described).isEqualTo(created);
    }

    @Test
    void theDefaultVpcIsListedAndMarkedDefault() {
        List<Vpc> defaults = ec2().describeVpcs(r -> r.filters(filter("is-default", "true"))).vpcs();

        assertThat(defaults).singleElement().satisfies(v -> {
            assertThat(v.cidrBlock()).isEqualTo("172.31.0.0/16");
            assertThat(v.isDefault()).isTrue();
        });
    }

    @Test
    void badCidrBlocksAreRefusedWithEc2Codes() {
        ec2Error(() -> ec2().createVpc(r -> r.cidrBlock("10.0.0.0/8")), "InvalidVpc.Range");
        ec2Error(() -> ec2().createVpc(r -> r.cidrBlock("10.0.0.0/29")), "InvalidVpc.Range");
        ec2Error(() -> ec2().createVpc(r -> r.cidrBlock("10.0.0.300/16")), "InvalidParameterValue");
        ec2Error(() -> ec2().createVpc(r -> r.tagSpecifications(tags(ResourceType.VPC, Map.of("a", "b")))),
                "MissingParameter");
        ec2Error(() -> ec2().createVpc(r -> r.cidrBlock("10.0.0.0/16").instanceTenancy(Tenancy.DEDICATED)),
                "UnsupportedOperation");
    }

    @Test
    void describeVpcsByUnknownIdIsNotFound() {
        Vpc known = vpc("10.0.0.0/16", Map.of());

        ec2Error(() -> ec2().describeVpcs(r -> r.vpcIds(known.vpcId(), "vpc-0123456789abcdef0")),
                "InvalidVpcID.NotFound");
        assertThatThrownBy(() -> ec2().describeVpcs(r -> r.vpcIds("vpc-0123456789abcdef0")))
                .hasMessageContaining("vpc-0123456789abcdef0");
    }

    @Test
    void filtersOrValuesAndAndFiltersWithWildcardsAndTags() {
        Vpc prod = vpc("10.1.0.0/16", Map.of("env", "prod", "team", "a"));
        Vpc dev = vpc("10.2.0.0/16", Map.of("env", "dev"));
        Vpc other = vpc("192.168.0.0/16", Map.of("team", "b"));

        assertThat(ids(filter("tag:env", "prod", "dev"))).containsExactlyInAnyOrder(prod.vpcId(), dev.vpcId());
        assertThat(ids(filter("tag:env", "prod", "dev"), filter("cidr", "10.2.0.0/16"))).containsExactly(dev.vpcId());
        assertThat(ids(filter("cidr-block-association.cidr-block", "10.?.0.0/16")))
                .containsExactlyInAnyOrder(prod.vpcId(), dev.vpcId());
        assertThat(ids(filter("tag-key", "team"))).containsExactlyInAnyOrder(prod.vpcId(), other.vpcId());
        assertThat(ids(filter("tag-value", "b"))).containsExactly(other.vpcId());
        assertThat(ids(filter("is-default", "false"), filter("state", "available"), filter("owner-id",
                ProviderContext.DEFAULT_ACCOUNT))).containsExactlyInAnyOrder(prod.vpcId(), dev.vpcId(), other.vpcId());
        assertThat(ids(filter("vpc-id", prod.vpcId()), filter("dhcp-options-id", prod.dhcpOptionsId())))
                .containsExactly(prod.vpcId());
        assertThat(ids(filter("cidr", "10.*"), filter("tag:team", "b"))).isEmpty();
        ec2Error(() -> ids(filter("colour", "blue")), "InvalidParameterValue");
    }

    private List<String> ids(Filter... filters) {
        return ec2().describeVpcs(r -> r.filters(filters)).vpcs().stream().map(Vpc::vpcId).toList();
    }

    @Test
    void paginatorWalksAllVpcsInPagesOfMaxResults() {
        for (int i = 0; i < 6; i++) {
            vpc("10." + i + ".0.0/16", Map.of());
        }
        List<Vpc> all = ec2().describeVpcs().vpcs();

        var first = ec2().describeVpcs(r -> r.maxResults(5));
        assertThat(first.vpcs()).hasSize(5);
        assertThat(first.nextToken()).isNotNull();
        List<Vpc> walked = ec2().describeVpcsPaginator(r -> r.maxResults(5)).vpcs().stream().toList();

        assertThat(all).hasSize(7);
        assertThat(walked).containsExactlyElementsOf(all);
        ec2Error(() -> ec2().describeVpcs(r -> r.maxResults(4)), "InvalidParameterValue");
        ec2Error(() -> ec2().describeVpcs(r -> r.maxResults(1001)), "InvalidParameterValue");
    }

    @Test
    void deleteVpcRefusesWhileSubnetsRemain() {
        Vpc vpc = vpc("10.0.0.0/16", Map.of());
        String subnet = ec2().createSubnet(r -> r.vpcId(vpc.vpcId()).cidrBlock("10.0.1.0/24")).subnet().subnetId();

        ec2Error(() -> ec2().deleteVpc(r -> r.vpcId(vpc.vpcId())), "DependencyViolation");

        ec2().deleteSubnet(r -> r.subnetId(subnet));
        ec2().deleteVpc(r -> r.vpcId(vpc.vpcId()));
        ec2Error(() -> ec2().describeVpcs(r -> r.vpcIds(vpc.vpcId())), "InvalidVpcID.NotFound");
        ec2Error(() -> ec2().deleteVpc(r -> r.vpcId(vpc.vpcId())), "InvalidVpcID.NotFound");
    }

    @Test
    void dnsAttributesAreReadAndChangedOneAtATime() {
        Vpc vpc = vpc("10.0.0.0/16", Map.of());

        assertThat(ec2().describeVpcAttribute(r -> r.vpcId(vpc.vpcId()).attribute(VpcAttributeName.ENABLE_DNS_SUPPORT))
                .enableDnsSupport().value()).isTrue();
        var hostnames = ec2().describeVpcAttribute(r -> r.vpcId(vpc.vpcId())
                .attribute(VpcAttributeName.ENABLE_DNS_HOSTNAMES));
        assertThat(hostnames.vpcId()).isEqualTo(vpc.vpcId());
        assertThat(hostnames.enableDnsHostnames().value()).isFalse();
        assertThat(hostnames.enableDnsSupport()).isNull();
        assertThat(ec2().describeVpcAttribute(r -> r.vpcId(vpc.vpcId())
                .attribute(VpcAttributeName.ENABLE_NETWORK_ADDRESS_USAGE_METRICS))
                .enableNetworkAddressUsageMetrics().value()).isFalse();

        ec2().modifyVpcAttribute(r -> r.vpcId(vpc.vpcId()).enableDnsHostnames(on(true)));
        assertThat(ec2().describeVpcAttribute(r -> r.vpcId(vpc.vpcId())
                .attribute(VpcAttributeName.ENABLE_DNS_HOSTNAMES)).enableDnsHostnames().value()).isTrue();

        ec2Error(() -> ec2().modifyVpcAttribute(r -> r.vpcId(vpc.vpcId()).enableDnsHostnames(on(false))
                .enableDnsSupport(on(false))), "InvalidParameterCombination");
        // Hostnames need DNS support: turning support off under them is refused by the backend.
        ec2Error(() -> ec2().modifyVpcAttribute(r -> r.vpcId(vpc.vpcId()).enableDnsSupport(on(false))),
                "InvalidParameterValue");
        ec2Error(() -> ec2().describeVpcAttribute(r -> r.vpcId("vpc-0123456789abcdef0")
                .attribute(VpcAttributeName.ENABLE_DNS_SUPPORT)), "InvalidVpcID.NotFound");
        ec2Error(() -> ec2().modifyVpcAttribute(r -> r.vpcId("vpc-0123456789abcdef0")
                .enableDnsSupport(on(true))), "InvalidVpcID.NotFound");
    }

    private static AttributeBooleanValue on(boolean value) {
        return AttributeBooleanValue.builder().value(value).build();
    }

    @Test
    void dryRunValidatesAndChangesNothing() {
        int before = ec2().describeVpcs().vpcs().size();

        assertDryRun(() -> ec2().createVpc(r -> r.cidrBlock("10.0.0.0/16").dryRun(true)));
        ec2Error(() -> ec2().createVpc(r -> r.cidrBlock("10.0.0.0/8").dryRun(true)), "InvalidVpc.Range");
        Vpc vpc = vpc("10.0.0.0/16", Map.of());
        assertDryRun(() -> ec2().deleteVpc(r -> r.vpcId(vpc.vpcId()).dryRun(true)));
        ec2Error(() -> ec2().deleteVpc(r -> r.vpcId("vpc-0123456789abcdef0").dryRun(true)),
                "InvalidVpcID.NotFound");
        assertDryRun(() -> ec2().describeVpcs(r -> r.dryRun(true)));

        assertThat(ec2().describeVpcs().vpcs()).hasSize(before + 1);
    }

    @Test
    void anotherAccountNeitherSeesNorTouchesTheVpc() {
        Vpc mine = vpc("10.0.0.0/16", Map.of("Name", "mine"));
        Ec2Client other = gw.otherAccount();

        assertThat(other.describeVpcs().vpcs()).extracting(Vpc::vpcId).doesNotContain(mine.vpcId())
                .allSatisfy(id -> assertThat(id).startsWith("vpc-"));
        assertThat(other.describeVpcs().vpcs()).allSatisfy(v ->
                assertThat(v.ownerId()).isEqualTo(GatewayHarness.OTHER_ACCOUNT));
        ec2Error(() -> other.describeVpcs(r -> r.vpcIds(mine.vpcId())), "InvalidVpcID.NotFound");
        ec2Error(() -> other.deleteVpc(r -> r.vpcId(mine.vpcId())), "InvalidVpcID.NotFound");
        ec2Error(() -> other.modifyVpcAttribute(r -> r.vpcId(mine.vpcId()).enableDnsHostnames(on(true))),
                "InvalidVpcID.NotFound");
        assertThat(ec2().describeVpcs(r -> r.vpcIds(mine.vpcId())).vpcs()).hasSize(1);
    }
}
