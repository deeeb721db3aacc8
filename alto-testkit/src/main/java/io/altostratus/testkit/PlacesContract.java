package io.altostratus.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.core.Cloud;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.model.Region;
import io.altostratus.core.model.Zone;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Regions, zones, instance types and where each type is offered: what a caller reads before launching. */
public interface PlacesContract extends ProviderContract {

    @Test
    default void theSessionsRegionIsListedAndItsZonesBelongToIt(ContractSession s) {
        Cloud cloud = s.cloud();

        assertThat(cloud.regions()).extracting(Region::name).doesNotHaveDuplicates().contains(cloud.region());
        assertThat(cloud.zones()).extracting(Zone::name).doesNotHaveDuplicates();
        assertThat(cloud.zones()).allSatisfy(z -> assertThat(z.region()).as("region of zone %s", z.name())
                .isEqualTo(cloud.region()));
        assertThat(cloud.scope()).as("scope (empty when the provider has none)").isNotNull();
        assertThat(cloud.provider().consistencyGrace()).as("consistency grace").isNotNull()
                .isGreaterThanOrEqualTo(Duration.ZERO);
    }

    @Test
    default void instanceTypesAreDescribedAndIncludeTheFixturesType(ContractSession s) {
        List<InstanceType> types = s.cloud().instanceTypes();

        assertThat(types).extracting(InstanceType::name).doesNotHaveDuplicates().contains(s.fixture().instanceType());
        assertThat(types).allSatisfy(t -> {
            assertThat(t.vcpus()).as("vCPUs of %s", t.name()).isPositive();
            assertThat(t.memoryMiB()).as("memory of %s", t.name()).isPositive();
            if (t.pricePerHour() != null) {
                assertThat(t.pricePerHour()).as("price of %s", t.name()).isNotNegative();
            }
        });
    }

    @Test
    default void offeringsNameZonesOfTheRegionAndTypesItOffers(ContractSession s) {
        Cloud cloud = s.cloud();
        Map<String, Set<String>> offerings = cloud.instanceTypeOfferingsByZone();
        List<String> zones = cloud.zones().stream().map(Zone::name).toList();
        List<String> types = cloud.instanceTypes().stream().map(InstanceType::name).toList();

        assertThat(zones).as("zones with offerings").containsAll(offerings.keySet());
        offerings.forEach((zone, offered) -> assertThat(types).as("types offered in %s", zone).containsAll(offered));
        if (!offerings.isEmpty()) {
            assertThat(offerings.values()).as("zones offering %s", s.fixture().instanceType())
                    .anySatisfy(offered -> assertThat(offered).contains(s.fixture().instanceType()));
        }
    }

    @Test
    default void theCheapestTypeIsAnOfferedTypeNoPricedTypeUndercuts(ContractSession s) {
        List<InstanceType> types = s.cloud().instanceTypes();

        InstanceType cheapest = s.cloud().cheapestType(1, 0, null);

        assertThat(types).contains(cheapest);
        if (cheapest.pricePerHour() != null) {
            assertThat(types).filteredOn(t -> t.pricePerHour() != null)
                    .allSatisfy(t -> assertThat(t.pricePerHour()).isGreaterThanOrEqualTo(cheapest.pricePerHour()));
        }
    }
}
