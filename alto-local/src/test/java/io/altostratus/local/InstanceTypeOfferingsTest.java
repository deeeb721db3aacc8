package io.altostratus.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.altostratus.catalog.Catalogs;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.model.Zone;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Per-zone instance type offerings come from the catalog, not the SPI's every-type-everywhere default. */
class InstanceTypeOfferingsTest {
    private final TestClouds clouds = new TestClouds();
    private final LocalCloud cloud = clouds.open();

    @AfterEach
    void close() {
        cloud.close();
        clouds.close();
    }

    @Test
    void everyZoneOfTheRegionHasTheCatalogsOfferings() {
        Map<String, Set<String>> offerings = cloud.instanceTypeOfferingsByZone();

        assertThat(offerings.keySet()).containsExactlyElementsOf(cloud.zones().stream().map(Zone::name).toList());
        for (var entry : offerings.entrySet()) {
            assertThat(entry.getValue()).isEqualTo(Catalogs.aws().typesOfferedInZone(entry.getKey()));
        }
    }

    @Test
    void zonesOfferOnlyTypesOfTheRegionAndNotAllOfThemEverywhere() {
        Set<String> regionTypes = cloud.instanceTypes().stream().map(InstanceType::name).collect(Collectors.toSet());
        Map<String, Set<String>> offerings = cloud.instanceTypeOfferingsByZone();

        offerings.values().forEach(types -> assertThat(regionTypes).containsAll(types));
        assertThat(offerings.get("us-east-1a")).contains("t3.micro");
        // us-east-1 has zones with fewer types than the region (e.g. the older us-east-1e).
        assertThat(offerings.values()).anySatisfy(types -> assertThat(types.size()).isLessThan(regionTypes.size()));
    }
}
