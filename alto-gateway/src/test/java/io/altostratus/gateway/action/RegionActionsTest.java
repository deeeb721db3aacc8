package io.altostratus.gateway.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.ec2.model.AvailabilityZone;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Region;

class RegionActionsTest {
    @RegisterExtension
    final GatewayHarness gw = new GatewayHarness();

    @Test
    void describeRegionsListsEnabledRegionsOrAllOfThem() {
        var enabled = gw.client().describeRegions().regions();
        var all = gw.client().describeRegions(r -> r.allRegions(true)).regions();

        assertThat(all).hasSizeGreaterThanOrEqualTo(30);
        assertThat(enabled).extracting(Region::regionName).contains("us-east-1", "eu-west-1")
                .doesNotContain("af-south-1");
        assertThat(all).extracting(Region::regionName).contains("af-south-1");
        assertThat(all).filteredOn(r -> r.regionName().equals("us-east-1")).singleElement()
                .satisfies(r -> assertThat(r.endpoint()).isEqualTo("ec2.us-east-1.amazonaws.com"));
    }

    @Test
    void regionFiltersUseWildcards() {
        var eu = gw.client().describeRegions(r -> r.allRegions(true)
                .filters(Filter.builder().name("region-name").values("eu-*").build())).regions();

        assertThat(eu).isNotEmpty().allSatisfy(r -> assertThat(r.regionName()).startsWith("eu-"));
    }

    @Test
    void zonesOfTheSignedRegion() {
        try (var west = gw.client("test", "test", "us-west-2")) {
            var zones = west.describeAvailabilityZones().availabilityZones();
            assertThat(zones).extracting(AvailabilityZone::regionName).containsOnly("us-west-2");
            assertThat(zones).extracting(AvailabilityZone::zoneName).contains("us-west-2a", "us-west-2b");
        }
        var one = gw.client().describeAvailabilityZones(r -> r.zoneNames("us-east-1b")).availabilityZones();
        assertThat(one).singleElement().satisfies(z -> assertThat(z.zoneId()).startsWith("use1-az"));
    }

    @Test
    void unknownFilterNameIsAnError() {
        assertThatThrownBy(() -> gw.client().describeAvailabilityZones(r -> r.filters(
                Filter.builder().name("colour").values("blue").build())))
                .isInstanceOf(Ec2Exception.class)
                .satisfies(e -> assertThat(((Ec2Exception) e).awsErrorDetails().errorCode())
                        .isEqualTo("InvalidParameterValue"));
    }

    @Test
    void accountAttributesNameTheDefaultVpc() {
        var attributes = gw.client().describeAccountAttributes().accountAttributes();

        assertThat(attributes).filteredOn(a -> a.attributeName().equals("default-vpc")).singleElement()
                .satisfies(a -> assertThat(a.attributeValues().get(0).attributeValue()).startsWith("vpc-"));
    }

    @Test
    void actionsWithoutBehaviourAnswerAnEc2ErrorNamingThem() {
        assertThatThrownBy(() -> gw.client().describeFpgaImages())
                .isInstanceOf(Ec2Exception.class)
                .hasMessageContaining("DescribeFpgaImages")
                .satisfies(e -> {
                    assertThat(((Ec2Exception) e).statusCode()).isEqualTo(400);
                    assertThat(((Ec2Exception) e).awsErrorDetails().errorCode()).isEqualTo("UnsupportedOperation");
                });
    }
}
