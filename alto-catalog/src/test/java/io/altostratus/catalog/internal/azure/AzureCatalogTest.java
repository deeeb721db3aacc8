package io.altostratus.catalog.internal.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.altostratus.catalog.Catalog;
import io.altostratus.catalog.CatalogChoice;
import io.altostratus.catalog.Catalogs;
import io.altostratus.catalog.SnapshotStore;
import io.altostratus.core.error.AltoException;
import io.altostratus.core.error.ErrorCode;
import io.altostratus.core.model.Architecture;
import io.altostratus.core.model.Image;
import io.altostratus.core.model.InstanceType;
import io.altostratus.core.model.Region;
import io.altostratus.core.model.Zone;
import io.altostratus.core.query.ImageRef;
import io.altostratus.core.query.TypeQuery;
import io.altostratus.core.wait.ManualClock;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped Azure catalog, checked against the price data and a recorded vmSizes answer where they are present. */
class AzureCatalogTest {
    private static final Path DATA = Path.of(System.getProperty("alto.catalog.source", "/work/shared/data"));
    private static final Path VM_SIZES = DATA.resolve("wire/azure/vmSizes_list_eastus.json.gz");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Catalog azure = Catalogs.azure();

    @Test
    void isListedAndShippedUnderItsName() {
        assertThat(Catalogs.providers()).contains("azure");
        assertThat(Catalogs.shipped("azure")).isSameAs(azure);
        assertThat(azure.provider()).isEqualTo("azure");
        assertThat(azure.source().takenAt()).hasToString("2023-08-06T15:34:36Z");
        assertThat(azure.source().description()).contains("compute.azure_linux");
    }

    @Test
    void standardB2sIsABurstableTwoVcpuFourGibSizeOfferedInEastusAtTheDataPrice() throws IOException {
        InstanceType b2s = azure.instanceType("eastus", "Standard_B2s").orElseThrow();
        assertThat(b2s.vcpus()).isEqualTo(2);
        assertThat(b2s.memoryMiB()).isEqualTo(4096);
        assertThat(b2s.burstable()).isTrue();
        assertThat(b2s.architectures()).containsExactly(Architecture.X86_64);
        assertThat(azure.typesOfferedInZone("eastus-1")).contains("Standard_B2s");
        assumeThat(Files.isRegularFile(DATA.resolve("pricing.json.gz"))).as("price data at " + DATA).isTrue();
        JsonNode prices = azureLinux();
        assertThat(b2s.pricePerHour()).isEqualTo(prices.path("standardb2s").path("eastus").doubleValue())
                .isPositive();
        // B-series sizes cannot run as Spot VMs, and the data has no low-priority B price.
        assertThat(prices.has("lowpriorityb2s")).isFalse();
        assertThat(azure.spotPricePerHour("eastus", "Standard_B2s")).isEmpty();
    }

    @Test
    void spotPricesAreTheLowPriorityEntriesOfTheSameSize() throws IOException {
        assumeThat(Files.isRegularFile(DATA.resolve("pricing.json.gz"))).as("price data at " + DATA).isTrue();
        JsonNode prices = azureLinux();
        int checked = 0;
        for (String location : List.of("eastus", "westeurope", "japaneast")) {
            for (InstanceType t : azure.instanceTypes(location)) {
                String key = t.name().replace("_", "").toLowerCase(java.util.Locale.ROOT);
                JsonNode spot = prices.path("lowpriority" + key.substring("standard".length())).path(location);
                if (spot.isNumber() && spot.doubleValue() > 0) {
                    assertThat(azure.spotPricePerHour(location, t.name())).as(t.name()).contains(spot.doubleValue());
                    assertThat(spot.doubleValue()).as(t.name() + " spot below on demand")
                            .isLessThan(t.pricePerHour());
                    checked++;
                } else {
                    assertThat(azure.spotPricePerHour(location, t.name())).as(t.name()).isEmpty();
                }
            }
        }
        assertThat(checked).isGreaterThan(200);
    }

    @Test
    void sizeSpecsMatchTheRecordedVmSizesList() throws IOException {
        assumeThat(Files.isRegularFile(VM_SIZES)).as("recorded vmSizes list at " + VM_SIZES).isTrue();
        JsonNode recorded;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(VM_SIZES))) {
            recorded = JSON.readTree(in).path("response").path("body").path("value");
        }
        Map<String, JsonNode> byName = new HashMap<>();
        recorded.forEach(s -> byName.put(s.path("name").asText(), s));
        int compared = 0;
        for (InstanceType t : azure.instanceTypes("eastus")) {
            JsonNode s = byName.get(t.name());
            if (s != null) {
                assertThat(t.vcpus()).as(t.name()).isEqualTo(s.path("numberOfCores").asInt());
                assertThat(t.memoryMiB()).as(t.name()).isEqualTo(s.path("memoryInMB").asLong());
                compared++;
            }
        }
        assertThat(compared).isGreaterThan(100);
    }

    @Test
    void zonedLocationsHaveThreeNumberedZonesAndOthersNone() {
        List<Zone> zones = azure.zones("eastus");
        assertThat(zones).extracting(Zone::name).containsExactly("eastus-1", "eastus-2", "eastus-3");
        assertThat(zones).extracting(Zone::zoneId).containsExactly("1", "2", "3");
        assertThat(zones).allMatch(z -> z.region().equals("eastus"));
        assertThat(azure.zones("westus")).isEmpty();
        assertThat(azure.instanceTypes("westus")).isNotEmpty();
        for (Zone z : zones) {
            assertThat(azure.typesOfferedInZone(z.name())).hasSize(azure.instanceTypes("eastus").size());
        }
        assertThat(azure.regions()).extracting(Region::endpoint).containsOnly("management.azure.com");
        assertThat(azure.regions()).extracting(Region::name).doesNotContain("usgovvirginia", "germanycentral");
    }

    @Test
    void ubuntuAndDebianAliasesResolveInEveryLocationToTheirUrns() {
        Map<String, String> expected = Map.of(
                "ubuntu:24.04", "Canonical:ubuntu-24_04-lts:server:latest",
                "ubuntu:24.04/arm64", "Canonical:ubuntu-24_04-lts:server-arm64:latest",
                "ubuntu:22.04", "Canonical:0001-com-ubuntu-server-jammy:22_04-lts-gen2:latest",
                "debian:12", "Debian:debian-12:12-gen2:latest",
                "debian:12/arm64", "Debian:debian-12:12-arm64:latest");
        List<Image> first = azure.images("eastus");
        for (Region region : azure.regions()) {
            List<Image> images = azure.images(region.name());
            assertThat(images).as(region.name()).isEqualTo(first);
            expected.forEach((alias, urn) -> assertThat(resolve(images, ImageRef.parse(alias)).id())
                    .as(alias + " in " + region.name()).isEqualTo(urn));
        }
        Image noble = resolve(first, ImageRef.parse("ubuntu:24.04"));
        assertThat(noble.ownerId()).isEqualTo("Canonical");
        assertThat(noble.architecture()).isEqualTo(Architecture.X86_64);
        assertThat(noble.isPublic()).isTrue();
        assertThat(noble.rootSizeGiB()).isEqualTo(30);
    }

    @Test
    void theCheapestFourVcpuSixteenGibSizeInEastusIsChosenThroughCatalogChoice(@TempDir Path dir) {
        CatalogChoice choice = CatalogChoice.resolve("azure", new SnapshotStore(dir), Duration.ofDays(7),
                new ManualClock());
        assertThat(choice.origin()).isEqualTo(CatalogChoice.Origin.SHIPPED);
        List<InstanceType> all = choice.catalog().instanceTypes("eastus");
        List<InstanceType> chosen = new TypeQuery(4, 16 * 1024, null, null, null).select(all);
        double cheapest = all.stream().filter(t -> t.vcpus() >= 4 && t.memoryMiB() >= 16 * 1024)
                .mapToDouble(InstanceType::pricePerHour).min().orElseThrow();
        assertThat(chosen.get(0).pricePerHour()).isEqualTo(cheapest);
        assertThat(chosen.get(0).name()).isEqualTo("Standard_B4ms");
        assertThat(chosen.get(0).pricePerHour()).isEqualTo(0.166);
        assertThat(chosen.stream().map(InstanceType::pricePerHour).toList())
                .isSortedAccordingTo(Comparator.naturalOrder());
    }

    @Test
    void unknownLocationsAndZonesAreInvalidParameters() {
        for (Runnable call : List.<Runnable>of(() -> azure.zones("us-east-1"), () -> azure.instanceTypes("mars"),
                () -> azure.images(null), () -> azure.typesOfferedInZone("eastus-4"),
                () -> azure.typesOfferedInZone("westus-1"), () -> azure.typesOfferedInZone(null),
                () -> azure.spotPricePerHour("nowhere", "Standard_B2s"))) {
            assertThatThrownBy(call::run).isInstanceOfSatisfying(AltoException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER));
        }
        assertThat(azure.instanceType("eastus", "t3.micro")).isEmpty();
    }

    private static Image resolve(List<Image> images, ImageRef ref) {
        return images.stream()
                .filter(i -> Image.AVAILABLE.equals(i.state()) && i.isPublic())
                .filter(i -> ref.distro().equals(i.distro()) && ref.release().equals(i.release()))
                .filter(i -> i.architecture() == ref.architecture())
                .max(Comparator.comparing(Image::creationDate).thenComparing(Image::id))
                .orElseThrow(() -> new AssertionError("no image for " + ref));
    }

    private static JsonNode azureLinux() throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(DATA.resolve("pricing.json.gz")))) {
            return JSON.readTree(in).path("compute").path("azure_linux");
        }
    }
}
